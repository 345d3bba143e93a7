// Resuming after a reload: tus keeps each upload's address in localStorage under a
// fingerprint of the user, contest, kind and file; these helpers find this team's unfinished
// upload for the notice ("đang tải dở … chọn lại đúng tệp này") and forget one on request.
import * as tus from 'tus-js-client';
import { ApiError, get, session } from '../../api';
import type { UploadKind, UploadState } from './model';

export const storage = () => tus.defaultOptions.urlStorage;
const prefix = (userId: string, contestId: string, kind: UploadKind) =>
  `cchc|${userId}|${contestId}|${kind}|`;

export function fingerprintOf(
  userId: string,
  contestId: string,
  kind: UploadKind,
  file: File,
): string {
  return (
    prefix(userId, contestId, kind) +
    [encodeURIComponent(file.name), file.type, file.size, file.lastModified].join('|')
  );
}

const idOf = (uploadUrl: string) => uploadUrl.replace(/\/+$/, '').split('/').pop() ?? '';

/** The upload's state on the server, or null when it no longer exists for us. */
export async function serverState(
  contestId: string,
  uploadUrl: string,
): Promise<UploadState | null> {
  try {
    return await get<UploadState>(`/contests/${contestId}/uploads/${idOf(uploadUrl)}`);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}

/** An unfinished upload remembered in this browser (after a reload), for the notice. */
export interface RememberedUpload {
  fileName: string;
  size: number;
  offset: number;
  createdAt: string | null;
  urlStorageKey: string;
  uploadUrl: string;
}

export async function findUnfinished(
  userId: string,
  contestId: string,
  kind: UploadKind,
): Promise<RememberedUpload | null> {
  const all = await storage().findAllUploads();
  const mine = all
    .filter((u) => u.urlStorageKey.startsWith(`tus::${prefix(userId, contestId, kind)}`))
    .filter((u) => u.uploadUrl)
    .sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime));
  for (const u of mine) {
    const state = await serverState(contestId, u.uploadUrl!).catch(() => undefined);
    if (state === undefined) return null; // offline: say nothing rather than guess
    if (!state || state.status !== 'pending') {
      await storage().removeUpload(u.urlStorageKey);
      continue;
    }
    return {
      fileName: u.metadata.filename ?? '',
      size: state.size,
      offset: state.offset,
      createdAt: u.creationTime ?? null,
      urlStorageKey: u.urlStorageKey,
      uploadUrl: u.uploadUrl!,
    };
  }
  return null;
}

/** Forgets an unfinished upload and asks the server to drop its bytes. */
export async function discardUnfinished(contestId: string, remembered: RememberedUpload) {
  await storage().removeUpload(remembered.urlStorageKey);
  await fetch(`/api/contests/${contestId}/uploads/${idOf(remembered.uploadUrl)}`, {
    method: 'DELETE',
    headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${session.token ?? ''}` },
  }).catch(() => undefined);
}
