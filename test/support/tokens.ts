import { createHmac } from 'node:crypto';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Hand-built JWTs, so tests control every byte (algorithm, signature, expiry). */
export function craftToken(
  payload: object,
  options: { secret?: string; alg?: string; signature?: string } = {},
): string {
  const alg = options.alg ?? 'HS256';
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  if (options.signature !== undefined) return `${head}.${options.signature}`;
  if (alg === 'none') return `${head}.`;
  const signature = createHmac('sha256', options.secret ?? '')
    .update(head)
    .digest('base64url');
  return `${head}.${signature}`;
}
