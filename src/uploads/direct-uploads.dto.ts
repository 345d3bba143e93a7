import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { UPLOAD_KINDS, type UploadKind } from './upload.entity';
import { WholeNumber } from '../common/whole-number.decorator';

/** At most this many part URLs per request: a few at a time, each short-lived. */
export const MAX_PART_URLS = 10;

export class StartDirectUploadDto {
  @ApiProperty({ enum: UPLOAD_KINDS })
  @IsIn(UPLOAD_KINDS, { message: 'Loại tệp phải là "video" hoặc "outline".' })
  kind: UploadKind;

  @ApiProperty({ example: 'Chính quyền 24 giờ.mp4', description: 'A label only, never a path' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  fileName: string;

  @WholeNumber({
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    messages: { int: 'Kích thước tệp phải là số nguyên byte.', min: 'Tệp rỗng.' },
    doc: { description: 'Total size in bytes' },
  })
  size: number;
}

export class PartUrlsDto {
  @ApiProperty({ type: [Number], description: `1 to ${MAX_PART_URLS} part numbers` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PART_URLS, { message: `Tối đa ${MAX_PART_URLS} phần mỗi lần.` })
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(10_000, { each: true })
  partNumbers: number[];
}

export class RecordPartDto {
  @WholeNumber({ min: 1, max: 10_000 }) partNumber: number;

  @ApiProperty({ description: 'The ETag header the bucket answered to the part PUT' })
  @IsString()
  @Matches(/^"?[A-Za-z0-9+/=_-]{1,128}"?$/, { message: 'ETag không hợp lệ.' })
  etag: string;

  @WholeNumber({
    min: 1,
    max: 5 * 1024 * 1024 * 1024,
    doc: { description: 'Bytes sent in this part' },
  })
  size: number;
}
