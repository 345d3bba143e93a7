import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The web app (web/, built by Vite into web/dist) is served by the same server: its files as
 * they are, and index.html for every other non-API GET so the SPA's own paths (/c/…,
 * /giam-khao, …) survive a reload. Hashed asset names never change, so they are cached long.
 */
export function serveWebApp(app: NestExpressApplication, configured?: string): void {
  const dist = configured ? resolve(configured) : findWebDist();
  if (!dist) return; // API only (e.g. the web app was not built)
  app.useStaticAssets(dist, {
    index: false,
    setHeaders: (res, path) => {
      if (path.includes(`${join('dist', 'assets')}`))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      // the service worker must be re-checked on every visit so a new version takes over
      else if (path.endsWith('sw.js')) res.setHeader('Cache-Control', 'no-cache');
    },
  });
  const index = join(dist, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api'))
      return next();
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
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
