import type { SniffedType } from '../storage/sniff';
import type { UploadKind } from './upload.entity';

/** Which content types each kind of file accepts (decided by content, never by name). */
export const ALLOWED_TYPES: Record<UploadKind, SniffedType[]> = {
  video: ['mp4', 'mov', 'webm', 'mkv'],
  outline: ['pdf', 'docx', 'doc'],
};

export const KIND_LABELS: Record<UploadKind, string> = {
  video: 'video clip (mp4, mov, webm, mkv)',
  outline: 'đề cương (pdf, docx, doc)',
};

/** Enough bytes to recognise every allowed type from its header. */
export const SNIFF_BYTES = 4100;
