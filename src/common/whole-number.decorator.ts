import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';

export interface WholeNumberOptions {
  /** The smallest value accepted. */
  min: number;
  /** The largest value accepted; no upper bound when left out. */
  max?: number;
  /** The field may be left out (documented as optional). */
  optional?: boolean;
  /** null is accepted as "no value" and not checked further. */
  nullable?: boolean;
  /** A query parameter: converted from its text before the checks. */
  query?: boolean;
  /** Messages that replace the common ones (src/common/validation.ts) for one rule. */
  messages?: { int?: string; min?: string; max?: string };
  /** More for the OpenAPI document (description, default, example); its type, bounds and
   *  nullability are those of the rule. */
  doc?: Pick<ApiPropertyOptions, 'description' | 'default' | 'example'>;
}

const withMessage = (message: string | undefined) => (message ? { message } : undefined);

/**
 * A whole number of a request body or query, from `min` to `max`, documented as such (an
 * integer with its bounds). The same as stacking `@ApiProperty @IsOptional @ValidateIf @Type
 * @IsInt @Min @Max` by hand: they are applied in the order they would be written one above the
 * other, so that a refusal lists its rules in the same order as such a stack.
 */
export function WholeNumber(options: WholeNumberOptions) {
  const { min, max, optional = false, nullable = false, query = false, doc } = options;
  const messages = options.messages ?? {};
  const documented: ApiPropertyOptions = {
    type: 'integer',
    minimum: min,
    ...(max === undefined ? {} : { maximum: max }),
    ...(nullable ? { nullable: true } : {}),
    ...doc,
  };
  const stacked = [
    optional ? ApiPropertyOptional(documented) : ApiProperty(documented),
    ...(optional ? [IsOptional()] : []),
    ...(nullable ? [ValidateIf((_object, value) => value !== null)] : []),
    ...(query ? [Type(() => Number)] : []),
    IsInt(withMessage(messages.int)),
    Min(min, withMessage(messages.min)),
    ...(max === undefined ? [] : [Max(max, withMessage(messages.max))]),
  ];
  return applyDecorators(...stacked.reverse());
}
