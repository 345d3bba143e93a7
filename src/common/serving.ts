import compression from 'compression';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { readFileSync } from 'node:fs';
import type { AppConfig } from '../config/app-config';

/**
 * How the app is served: security headers that depend on HTTP or HTTPS, response
 * compression, direct TLS and which proxies are believed. The web app's files themselves are
 * served by web-app.ts.
 */

const CSP_DIRECTIVES = {
  // Swagger UI needs inline styles; scripts stay same-origin.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  // organisers and judges play not-yet-public videos fetched with their token
  'media-src': ["'self'", 'blob:'],
};

/**
 * Helmet's headers, with three differences over plain HTTP. `upgrade-insecure-requests` makes a
 * browser fetch every script over https: on a hall's Wi-Fi (http://192.168.1.10:3000/) that
 * is a blank page, so it is sent only when the page itself came over HTTPS. The same goes for
 * Strict-Transport-Security, which would otherwise pin a LAN address to an HTTPS that may not
 * exist there. Cross-Origin-Opener-Policy is ignored (with a console error) on an http origin.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const directives = { ...CSP_DIRECTIVES, ...bucketDirectives(config) };
  const overHttps = helmet({ contentSecurityPolicy: { directives } });
  const overHttp = helmet({
    contentSecurityPolicy: {
      directives: { ...directives, 'upgrade-insecure-requests': null },
    },
    strictTransportSecurity: false,
    // browsers ignore it on an untrustworthy origin, and say so in the console
    crossOriginOpenerPolicy: false,
  });
  const declaredHttps = config.PUBLIC_URL?.startsWith('https://') ?? false;
  return (req: Request, res: Response, next: NextFunction) =>
    // req.secure: a TLS socket of ours, or X-Forwarded-Proto: https from a trusted proxy
    (declaredHttps || req.secure ? overHttps : overHttp)(req, res, next);
}

/**
 * STORAGE=s3: the team portal PUTs parts to the bucket and players stream from it, so the
 * bucket's origin is allowed for fetch/XHR and media (path-style and virtual-hosted both).
 */
function bucketDirectives(config: AppConfig): Record<string, string[]> {
  if (config.STORAGE !== 's3' || !config.S3_ENDPOINT) return {};
  const endpoint = new URL(config.S3_ENDPOINT);
  const origins = [endpoint.origin, `${endpoint.protocol}//${config.S3_BUCKET}.${endpoint.host}`];
  return {
    'connect-src': ["'self'", ...origins],
    'media-src': [...CSP_DIRECTIVES['media-src'], ...origins],
  };
}

/**
 * gzip/brotli for responses the client accepts compressed and that are worth it (above
 * 1 kB): JSON above all (the OpenAPI document: 123 kB → 13 kB). Never for what is already
 * compressed (videos, PDFs, zip-based Office files: their types are not "compressible"; the
 * web app's precompressed files carry their Content-Encoding already) and never for the live
 * board's event stream, whose events must leave as soon as they are written.
 */
export function compressResponses(): RequestHandler {
  return compression({
    threshold: 1024,
    filter: (req, res) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (type.startsWith('text/event-stream')) return false;
      return compression.filter(req, res);
    },
  });
}

/** Certificate and key for direct HTTPS (TLS_CERT_FILE, TLS_KEY_FILE), or none. */
export function tlsOptions(config: AppConfig): { cert: Buffer; key: Buffer } | undefined {
  if (!config.TLS_CERT_FILE || !config.TLS_KEY_FILE) return undefined;
  return { cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) };
}

/** TRUST_PROXY as Express's `trust proxy` setting. */
export function trustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
