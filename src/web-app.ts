import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

export interface WebAppOptions {
  /** WEB_DIST_DIR; default web/dist next to package.json */
  dir?: string;
  /** SERVE_SOURCE_MAPS: the .map files are served (and named in a SourceMap header) */
  sourceMaps: boolean;
}

/**
 * The web app (web/, built by Vite into web/dist) is served by the same server.
 * - Files as they are, or their brotli/gzip twin written at build time (web/compress.mts) when
 *   the browser accepts it (`Vary: Accept-Encoding`).
 * - Hashed asset names never change, so /assets/* is cached for a year.
 * - Page paths (/c/…, /giam-khao, …) get index.html so the SPA's own routes survive a
 *   reload. A missing file is a 404, never index.html: a path under /assets/ or one whose last
 *   segment has a file extension (an old tab asking for a chunk removed by a redeploy must
 *   get an error it can act on, not HTML parsed as JavaScript).
 * - Source maps only with SERVE_SOURCE_MAPS=true.
 * - index.html's inline script (web/src/boot.ts) is allowed by its hash in the page's
 *   Content-Security-Policy (never 'unsafe-inline').
 */
export function serveWebApp(app: NestExpressApplication, options: WebAppOptions): void {
  const dist = resolveWebDist(options.dir);
  if (!dist) return; // API only (e.g. the web app was not built)
  const assets = join(dist, 'assets') + sep;
  const index = join(dist, 'index.html');
  const allowInline = inlineScriptsAllowed(index);
  const files = expressStaticGzip(dist, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      setHeaders: (res, path) => {
        const original = path.replace(/\.(br|gz)$/, '');
        if (original.startsWith(assets)) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          if (options.sourceMaps && existsSync(`${original}.map`))
            res.setHeader('SourceMap', `${basename(original)}.map`);
        }
        // the service worker must be re-checked on every visit so a new version takes over
        else if (basename(original) === 'sw.js') res.setHeader('Cache-Control', 'no-cache');
        // the service worker's copy of the shell (its offline fallback) runs the same script
        else if (original === index) allowInline(res);
      },
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path)) return next();
    if (!options.sourceMaps && req.path.endsWith('.map')) return next(); // → 404
    return files(req, res, next);
  });
  const preloads = areaPreloads(dist);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    if (isPagePath(req.path) && req.accepts('html')) {
      res.setHeader('Cache-Control', 'no-cache');
      const links = preloads(req.path);
      if (links) res.setHeader('Link', links);
      allowInline(res);
      return res.sendFile(index);
    }
    // a file that is not there: the one error shape (Nest's own 404 covers /api only)
    res.status(404).json({
      statusCode: 404,
      code: 'FILE_NOT_FOUND',
      message: 'Không tìm thấy tệp.',
      details: [],
      requestId: res.getHeader('x-request-id'),
    });
  });
}

/**
 * What a page path opens, by the build's preload.json names (web/precache-manifest.mts): a
 * role's area (its code is a chunk of its own) and, for the console's sections other than the
 * overview, their chunk too. Public pages open none.
 */
function preloadNames(path: string): string[] {
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  if (under('/doi-thi')) return ['team'];
  if (under('/giam-khao')) return ['judge'];
  if (!under('/btc')) return [];
  // /btc (choose a contest) and /btc/:contestId (the overview) need the console's shell only
  const parts = path.replace(/\/+$/, '').split('/').slice(2);
  return parts.length === 0 || (parts.length === 1 && parts[0] !== 'nam')
    ? ['admin']
    : ['admin', 'admin-sections'];
}

/**
 * `Link: rel=modulepreload` for what a page path opens (preloadNames), from the build's
 * preload.json (precache.json for a build from before it: the area with what it loads later):
 * on a weak line the code then downloads together with the entry bundle, instead of one round
 * trip after it. Public pages get none (a citizen never downloads a role's code).
 */
function areaPreloads(dist: string): (path: string) => string | null {
  const read = (name: string): Record<string, string[]> | null => {
    try {
      return JSON.parse(readFileSync(join(dist, name), 'utf8')) as Record<string, string[]>;
    } catch {
      return null;
    }
  };
  // an older build without a manifest: no preload hints, nothing else changes
  const lists = read('preload.json') ?? read('precache.json') ?? {};
  return (path) => {
    const files = new Set(preloadNames(path).flatMap((name) => lists[name] ?? []));
    return files.size
      ? [...files]
          .map((f) =>
            f.endsWith('.css') ? `<${f}>; rel=preload; as=style` : `<${f}>; rel=modulepreload`,
          )
          .join(', ')
      : null;
  };
}

/**
 * index.html's inline scripts (the build puts web/src/boot.ts there) added by their SHA-256 to
 * the `script-src` of the Content-Security-Policy already set (helmet, common/serving.ts), for
 * the responses that carry the page. Nothing changes for a page without inline scripts.
 */
function inlineScriptsAllowed(index: string): (res: ServerResponse) => void {
  const html = existsSync(index) ? readFileSync(index, 'utf8') : '';
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, code]) => `'sha256-${createHash('sha256').update(code!).digest('base64')}'`,
  );
  return (res) => {
    const csp = res.getHeader('Content-Security-Policy');
    if (!hashes.length || typeof csp !== 'string') return;
    res.setHeader(
      'Content-Security-Policy',
      csp.replace(/(^|;)(\s*script-src [^;]*)/, `$1$2 ${hashes.join(' ')}`),
    );
  };
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** A path the SPA routes itself: not the API, not under /assets/, no file extension. */
export function isPagePath(path: string): boolean {
  if (isApiPath(path) || path.startsWith('/assets/')) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !/\.[A-Za-z0-9]{1,8}$/.test(last);
}

/** The built web app's folder: WEB_DIST_DIR, or web/dist when it was built; else null. */
export function resolveWebDist(configured?: string): string | null {
  return configured ? resolve(configured) : findWebDist();
}

/** web/dist next to package.json, from src/ (tests) or dist/src/ (built). */
function findWebDist(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json'))) {
      const dist = join(dir, 'web', 'dist');
      return existsSync(join(dist, 'index.html')) ? dist : null;
    }
    dir = dirname(dir);
  }
  return null;
}
