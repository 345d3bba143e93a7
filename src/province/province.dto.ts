import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CreateContestDto } from '../contests/contests.dto';

export class YearQuery {
  @ApiPropertyOptional({ minimum: 2000, maximum: 2100, description: 'Default: this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Năm phải là số nguyên.' })
  @Min(2000, { message: 'Năm không hợp lệ.' })
  @Max(2100, { message: 'Năm không hợp lệ.' })
  year?: number;
}

/** A new contest taking the rules (rubric, prizes…) of an existing one: same checks as creating one. */
export class CopyContestDto extends PickType(CreateContestDto, [
  'slug',
  'name',
  'description',
] as const) {}
