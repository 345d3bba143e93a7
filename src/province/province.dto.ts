import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';

export class YearQuery {
  @ApiPropertyOptional({ minimum: 2000, maximum: 2100, description: 'Default: this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Năm phải là số nguyên.' })
  @Min(2000, { message: 'Năm không hợp lệ.' })
  @Max(2100, { message: 'Năm không hợp lệ.' })
  year?: number;
}

/** A new contest taking the rules (rubric, prizes…) of an existing one. */
export class CopyContestDto {
  @ApiProperty({ example: 'nga-bay-2023' })
  @Matches(/^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$/, {
    message: 'slug gồm 3-60 ký tự a-z, 0-9 và dấu gạch ngang.',
  })
  slug: string;

  @ApiProperty()
  @IsString()
  @Length(3, 300)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}
