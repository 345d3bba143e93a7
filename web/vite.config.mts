import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { codeSplitting } from './chunks.mts';
import { inlineBoot } from './inline-boot.mts';
import { precacheManifest } from './precache-manifest.mts';
import { precompress } from './precompress.mts';

// The SPA is built into web/dist and served by the NestJS app (API under /api).
// Source maps are written without a sourceMappingURL comment ('hidden'): the server names
// them in a SourceMap header only when SERVE_SOURCE_MAPS=true (src/web-app.ts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [preact(), inlineBoot(), precacheManifest(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: 'hidden',
    target: 'es2022',
    // one stylesheet (8 kB compressed): a role page waits for no second CSS file
    cssCodeSplit: false,
    rolldownOptions: { output: { codeSplitting: codeSplitting() } },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
