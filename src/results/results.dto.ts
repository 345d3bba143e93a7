import { Trimmed } from '../common/trimmed.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';

export class TieDecisionDto {
  @ApiProperty({ description: 'The tied entries in the decided order, best first' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  entryIds: string[];

  @ApiProperty()
  @Trimmed()
  @IsString()
  @Length(10, 2000, { message: 'Lý do phải dài 10-2000 ký tự.' })
  reason: string;
}

export class AwardDto {
  @ApiProperty({ example: 'giai-phu-ca-nhan' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,60}$/, { message: 'Mã giải không hợp lệ.' })
  prizeCode: string;

  @ApiProperty()
  @IsUUID()
  entryId: string;

  @ApiPropertyOptional({ description: 'Individual side prize: the team member honoured' })
  @IsOptional()
  @IsUUID()
  memberId?: string;
}

export class NotAwardedDto {
  @ApiProperty({ example: 'phu_ca_nhan', description: 'A side prize of the rules' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,60}$/, { message: 'Mã giải không hợp lệ.' })
  prizeCode: string;

  @ApiProperty({ description: 'Why it is not awarded (printed in the minutes)' })
  @Trimmed()
  @IsString()
  @Length(10, 2000, { message: 'Lý do phải dài 10-2000 ký tự.' })
  reason: string;
}

export class AwardsDto {
  @ApiProperty({ type: [AwardDto], description: 'Confirmed side prizes' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AwardDto)
  side: AwardDto[];

  @ApiProperty({ type: [AwardDto], description: 'Sponsor prizes attached to teams' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AwardDto)
  sponsor: AwardDto[];

  @ApiPropertyOptional({
    type: [NotAwardedDto],
    description: 'Side prizes the organisers do not award (or not fully), each with a reason',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NotAwardedDto)
  notAwarded?: NotAwardedDto[];
}

export class FreezeDto {
  @ApiPropertyOptional({ description: 'Required for a correction after publication' })
  @Trimmed()
  @IsOptional()
  @IsString()
  @Length(10, 2000, { message: 'Lý do phải dài 10-2000 ký tự.' })
  reason?: string;
}

export class RejectDto {
  @ApiProperty()
  @Trimmed()
  @IsString()
  @Length(10, 2000, { message: 'Lý do phải dài 10-2000 ký tự.' })
  reason: string;
}
