// Files over the API with the bearer token: multipart uploads and downloads saved under the
// server's file name (the shared api() speaks JSON only; a plain <a href> cannot send the token).
import { ApiError, FieldError, session } from './api';
import { expireSession } from './hooks';

/** Turns a failed fetch Response into the same ApiError the JSON client throws. */
async function toError(res: Response): Promise<ApiError> {
  const text = await res.text();
  let data: Record<string, unknown> = {};
  try {
    data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    data = { message: text };
  }
  if (res.status === 401) expireSession();
  return new ApiError(
    res.status,
    String(data.code ?? `HTTP_${res.status}`),
    String(data.message ?? `Lỗi ${res.status}`),
    (data.details as FieldError[] | undefined) ?? [],
    data,
  );
}

function authHeaders(): Record<string, string> {
  return session.token ? { Authorization: `Bearer ${session.token}` } : {};
}

/** POST multipart/form-data (the browser sets the boundary); JSON answer. */
export async function sendForm<T>(path: string, form: FormData): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method: 'POST', headers: authHeaders(), body: form });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Mất kết nối mạng. Vui lòng thử lại.');
  }
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

const UPLOAD_CONTENT = /^(\/contests\/[^/]+\/uploads\/[^/]+)\/content$/;

/**
 * Where an uploaded file is read from. With the files in an S3 bucket the server hands out a
 * short-lived presigned URL (`direct`), usable without the token, e.g. as a <video> src; with
 * the files on the server's disk, null (read the content path with the token).
 */
export async function directLink(path: string): Promise<string | null> {
  const m = UPLOAD_CONTENT.exec(path);
  if (!m) return null;
  let res: Response;
  try {
    res = await fetch(`/api${m[1]}/link`, { headers: authHeaders() });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Mất kết nối mạng. Vui lòng thử lại.');
  }
  if (!res.ok) throw await toError(res);
  const link = (await res.json()) as { url: string; direct: boolean };
  return link.direct ? link.url : null;
}

/** Reads a protected file with the bearer token (an uploaded file in S3: by its presigned URL). */
export async function fetchBlob(path: string): Promise<{ blob: Blob; filename: string | null }> {
  const direct = await directLink(path);
  let res: Response;
  try {
    res = direct ? await fetch(direct) : await fetch(`/api${path}`, { headers: authHeaders() });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Mất kết nối mạng. Vui lòng thử lại.');
  }
  if (!res.ok) throw await toError(res);
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('Content-Disposition')) };
}

/** POSTs JSON and reads the protected file it answers (a key in the body, never in the URL). */
export async function postForBlob(
  path: string,
  body: unknown,
): Promise<{ blob: Blob; filename: string | null }> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: 'POST',
      headers: { ...authHeaders(), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Mất kết nối mạng. Vui lòng thử lại.');
  }
  if (!res.ok) throw await toError(res);
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('Content-Disposition')) };
}

/** `attachment; filename="a.pdf"; filename*=UTF-8''k%E1%BA%BFt.pdf` → the UTF-8 name. */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1]!.trim() : null;
}

/** Saves a blob as a file (an invisible link with `download`). */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function download(path: string, fallbackName: string) {
  const { blob, filename } = await fetchBlob(path);
  saveBlob(blob, filename ?? fallbackName);
}
