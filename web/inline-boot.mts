import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify, transformWithOxc, type Plugin } from 'vite';

/**
 * Inlines src/boot.ts (the page's first GETs, started before any bundle arrives) into
 * index.html's head as a plain script, minified. The server allows exactly this script by its
 * hash in the page's Content-Security-Policy (src/web-app.ts), never 'unsafe-inline'.
 */
export function inlineBoot(): Plugin {
  let file = '';
  return {
    name: 'cchc-inline-boot',
    configResolved(config) {
      file = join(config.root, 'src', 'boot.ts');
    },
    async transformIndexHtml() {
      const ts = await transformWithOxc(readFileSync(file, 'utf8'), file, {
        lang: 'ts',
        target: 'es2022',
      });
      // its imports are types only: what is left is the empty `export {}` of a module
      const script = ts.code.replace(/^export \{\};?$/m, '');
      if (/^(import|export)\b/m.test(script)) throw new Error(`${file} must import types only`);
      const { code } = await minify('boot.js', script, { compress: true, mangle: true });
      return [{ tag: 'script', children: code.trim(), injectTo: 'head-prepend' }];
    },
  };
}
