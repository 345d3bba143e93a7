import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { WholeNumber } from '../common/whole-number.decorator';

const VERSION = /^v\d{1,2}\.\d$/;

export class ScheduleDto {
  @WholeNumber({
    nullable: true,
    min: 15,
    max: 1440,
    doc: {
      description:
        'Read every this many minutes while voting is open (15–1440, e.g. 60); null: only the reading at the cut-off',
      example: 60,
    },
  })
  intervalMinutes: number | null;

  @WholeNumber({
    optional: true,
    min: 5,
    max: 2880,
    doc: {
      description:
        'How long after the cut-off a failed official reading is retried, in minutes (5–2880, default 120); past it the organisers import by file',
      example: 120,
    },
  })
  cutoffRetryMinutes?: number;
}

export class ConnectFanpageDto {
  @ApiProperty({
    description:
      'The Page access token (with pages_read_engagement). Stored encrypted; never returned, logged or audited.',
    writeOnly: true,
  })
  @IsString()
  @Length(20, 1000)
  @Matches(/^[A-Za-z0-9_\-.|]+$/, { message: 'Mã truy cập chỉ gồm chữ, số và các dấu _ - . |' })
  token: string;

  @ApiProperty({ description: 'Graph API version, e.g. v23.0', example: 'v23.0' })
  @IsString()
  @Matches(VERSION, { message: 'Phiên bản Graph API có dạng v23.0' })
  apiVersion: string;

  @ApiPropertyOptional({
    description: "The contest fanpage's numeric id: when given, the token must be that Page's",
    example: '104123456789012',
  })
  @IsOptional()
  @Matches(/^\d{5,30}$/, { message: 'Mã số trang (Page ID) chỉ gồm chữ số' })
  pageId?: string;

  @WholeNumber({
    optional: true,
    nullable: true,
    min: 15,
    max: 1440,
    doc: {
      description: 'Read every this many minutes (15–1440); null: only at the cut-off. Default 60',
    },
  })
  intervalMinutes?: number | null;

  @WholeNumber({
    optional: true,
    min: 5,
    max: 2880,
    doc: { description: 'See ScheduleDto (default 120)' },
  })
  cutoffRetryMinutes?: number;
}
