import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { PageQueryDto } from '../common/paging';
import { CHECKLIST_PROBLEMS } from './checklist';
import { ENTRY_STATUSES, type EntryStatus } from './entry.entity';

export const MODERATION_STATUS_FILTERS = ['awaiting', 'all', ...ENTRY_STATUSES] as const;
export const PROBLEM_FILTERS = ['any', 'none', ...CHECKLIST_PROBLEMS] as const;

/** The moderation list: paging and search, a status and a checklist problem. */
export class ModerationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: MODERATION_STATUS_FILTERS,
    default: 'awaiting',
    description: 'awaiting: submitted or resubmitted (the queue); all: every entry',
  })
  @IsOptional()
  @IsIn(MODERATION_STATUS_FILTERS, { message: 'Trạng thái lọc không hợp lệ.' })
  status?: 'awaiting' | 'all' | EntryStatus;

  @ApiPropertyOptional({
    enum: PROBLEM_FILTERS,
    description: 'any: some checklist item fails; none: all pass; or one item',
  })
  @IsOptional()
  @IsIn(PROBLEM_FILTERS, { message: 'Vấn đề lọc không hợp lệ.' })
  problem?: (typeof PROBLEM_FILTERS)[number];
}

/** The most entries one bulk approval takes (one transaction, one request). */
export const MAX_BULK_ENTRIES = 500;

export class BulkApproveDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_BULK_ENTRIES })
  @IsArray()
  @ArrayMinSize(1, { message: 'Chọn ít nhất một sản phẩm.' })
  @ArrayMaxSize(MAX_BULK_ENTRIES, {
    message: `Mỗi lần duyệt tối đa ${MAX_BULK_ENTRIES} sản phẩm.`,
  })
  @IsUUID('all', { each: true, message: 'Mã sản phẩm không hợp lệ.' })
  entryIds: string[];

  @ApiPropertyOptional({ description: 'Ghi chú khi duyệt, ghi vào mỗi lần duyệt' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
