/**
 * The page's first GETs, already on their way: started by the script inlined in index.html
 * (boot.ts) before any bundle arrived. The API client hands a GET its answer from here
 * (`takeEarly`) instead of asking again; anything not taken within a short while is dropped.
 */
export interface EarlyStart {
  /** when they were asked (Date.now()) */
  at: number;
  /** the token they were asked with (null: signed out) */
  token: string | null;
  /** API path (without /api) → its answer */
  responses: Record<string, Promise<Response>>;
}

declare global {
  interface Window {
    cchcEarly?: EarlyStart;
  }
}

const KEEP_MS = 15_000;

/**
 * The answer to a GET already on its way, once; undefined when there is none, it is stale,
 * or it was asked with another session's token.
 */
export function takeEarly(path: string, token: string | null): Promise<Response> | undefined {
  const early = window.cchcEarly;
  const hit = early?.responses[path];
  if (!early || !hit) return undefined;
  delete early.responses[path];
  return Date.now() - early.at < KEEP_MS && early.token === token ? hit : undefined;
}
