import { Trimmed } from '../common/trimmed.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_POST_URL_TEXT } from './post-url-rows';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';
import { WholeNumber } from '../common/whole-number.decorator';

export class SaveEntryDto {
  @ApiPropertyOptional({ example: 'Chính quyền 24 giờ' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ description: 'Bối cảnh ra đời' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  context?: string;

  @ApiPropertyOptional({ description: 'Quá trình triển khai áp dụng' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  implementation?: string;

  @ApiPropertyOptional({ description: 'Lợi ích mang lại' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  benefits?: string;

  @ApiPropertyOptional({ description: 'Lĩnh vực' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  category?: string;

  @ApiPropertyOptional({
    description: 'Cam kết mô hình không trùng với mô hình đã áp dụng trước ngày chốt',
  })
  @IsOptional()
  @IsBoolean()
  originalityDeclared?: boolean;
}

/**
 * The entry's version the organiser reviewed (`version` of the moderation item): a decision on
 * an entry the team has changed since (returned by another organiser, then resubmitted with a
 * new video) is refused instead of approving what nobody watched.
 */
const REVIEWED_VERSION = {
  min: 1,
  optional: true,
  doc: {
    description:
      'The version reviewed; 409 ENTRY_CHANGED when the entry changed since (omit to decide on the current one)',
  },
} as const;

export class ReturnEntryDto {
  @WholeNumber(REVIEWED_VERSION) version?: number;

  @ApiProperty({ type: [String], example: ['Video chưa nêu lợi ích của mô hình'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'Cần ít nhất một lý do trả lại.' })
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(3, 1000, { each: true })
  reasons: string[];
}

export class ApproveEntryDto {
  @WholeNumber(REVIEWED_VERSION) version?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class FlagDuplicateDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Why it duplicates an earlier model; null clears the flag',
  })
  @Trimmed()
  @IsOptional()
  @IsString()
  @Length(3, 1000)
  reason?: string | null;
}

export class PostUrlDto {
  @ApiProperty({ example: 'https://www.facebook.com/hoithimohinhsangkiencchcngabay/posts/123' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(1000)
  postUrl: string;
}

export class PostUrlLinesDto {
  @ApiProperty({
    description:
      'CSV text or pasted lines: team number (or team name), post address; comma, semicolon or tab; an optional header line',
    example: 'Số đội,Địa chỉ bài đăng\n5,https://www.facebook.com/hoithi/posts/123',
  })
  @IsString()
  @MaxLength(MAX_POST_URL_TEXT, { message: 'Nội dung quá dài (tối đa 500.000 ký tự).' })
  text: string;
}
