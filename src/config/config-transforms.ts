import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Environment strings to the types the settings classes validate. */
export const toBool = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());

export const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/**
 * A whole-number setting between `min` and `max` (both included), read from its string. Same
 * as stacking `@Transform(toInt) @IsInt() @Min @Max`, applied in the order a stack applies
 * (bottom up), so a refusal lists its reasons as before.
 */
export const IntSetting = (min: number, max: number) =>
  applyDecorators(Max(max), Min(min), IsInt(), Transform(toInt));
