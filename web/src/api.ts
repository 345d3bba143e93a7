/**
 * The API client: JSON over fetch with the bearer token, and one error type carrying the
 * server's stable code, Vietnamese message and field details (shown next to the inputs).
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The message for one field, if the server named it. */
  forField(field: string): string | undefined {
    return this.details.find((d) => d.field === field || d.field.startsWith(`${field}.`))?.message;
  }
}

const TOKEN_KEY = 'cchc.token';

export const session = {
  get token(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },
  set(token: string | null) {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  },
};

export async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(session.token ? { Authorization: `Bearer ${session.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Mất kết nối mạng. Vui lòng thử lại.');
  }
  const text = await res.text();
  const data = text ? (safeJson(text) as Record<string, unknown>) : null;
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/auth/login')) session.set(null);
    throw new ApiError(
      res.status,
      String(data?.code ?? 'HTTP_' + res.status),
      String(data?.message ?? `Lỗi ${res.status}`),
      (data?.details as FieldError[] | undefined) ?? [],
      data ?? {},
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  memberships: { contestId: string; role: 'organiser' | 'judge' | 'team'; teamId: string | null }[];
}
