import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { HasVisibleText } from '../common/has-visible-text.decorator';
import { WholeNumber } from '../common/whole-number.decorator';

export class MemberDto {
  @ApiProperty({ example: 'Nguyễn Thị Mai' })
  @IsString()
  @Length(2, 200)
  @HasVisibleText()
  fullName: string;

  @ApiPropertyOptional({ example: 'Công chức Văn phòng - Thống kê' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  position?: string;

  @ApiPropertyOptional({ example: 'UBND phường Hiệp Thành' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  unitName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isLeader?: boolean;
}

export class CreateTeamDto {
  @WholeNumber({ min: 1, max: 100_000, doc: { example: 5 } }) number: number;

  @ApiProperty({ example: 'Đội số 5 - Hiệp Thành' })
  @IsString()
  @Length(2, 300)
  @HasVisibleText()
  name: string;

  @ApiProperty()
  @IsUUID()
  unitId: string;

  @ApiPropertyOptional({ type: [MemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members?: MemberDto[];
}

export class UpdateTeamDto {
  @WholeNumber({ optional: true, min: 1, max: 100_000 }) number?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(2, 300)
  @HasVisibleText()
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ['active', 'withdrawn'] })
  @IsOptional()
  @IsIn(['active', 'withdrawn'])
  status?: 'active' | 'withdrawn';
}

export class ReplaceMembersDto {
  @ApiProperty({ type: [MemberDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members: MemberDto[];
}
