import type { Upload, UploadKind } from './upload.entity';

export interface UploadState {
  id: string;
  kind: UploadKind;
  status: Upload['status'];
  offset: number;
  size: number;
  sha256: string | null;
  failureCode: string | null;
}

export const storageKey = (u: Pick<Upload, 'contestId' | 'id'>) => `${u.contestId}/${u.id}`;

export function toState(upload: Upload, offset: number): UploadState {
  return {
    id: upload.id,
    kind: upload.kind,
    status: upload.status,
    offset,
    size: Number(upload.size),
    sha256: upload.sha256,
    failureCode: upload.failureCode,
  };
}
