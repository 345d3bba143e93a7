import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/**
 * Each role's area (a chunk loaded on demand) and the entry, as lists of built files, written
 * to dist/precache.json for the service worker (public/sw.js). A citizen's first visit caches
 * only the public pages; a judge's, team's or organiser's area is cached when they open it.
 *
 * dist/preload.json: the files a page of an area needs at once (the chunk and its static
 * imports, not what it loads later), which the server names in a page's `Link` header
 * (src/web-app.ts); `admin-sections` is the console's sections other than the overview.
 */
const ROLES: Record<string, string> = {
  team: '/src/pages/team/TeamPortal.tsx',
  judge: '/src/pages/judge/JudgeApp.tsx',
  admin: '/src/pages/admin/ConsoleApp.tsx',
};
const PRELOADS: Record<string, string> = {
  ...ROLES,
  'admin-sections': '/src/pages/admin/sections.ts',
};

export function precacheManifest(): Plugin {
  return {
    name: 'cchc-precache-manifest',
    apply: 'build',
    // after Vite's own CSS plugin has written the app's one stylesheet into the bundle
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) return;
      const shell = new Set<string>();
      const lists: Record<string, string[]> = {
        public: [...files(bundle, entry.fileName, false, shell), ...sharedCss(bundle)].sort(),
      };
      const chunkOf = (source: string) => chunks.find((c) => c.facadeModuleId?.endsWith(source));
      // an area's list leaves out the public files (cached already)
      for (const [role, source] of Object.entries(ROLES)) {
        const chunk = chunkOf(source);
        if (chunk) lists[role] = files(bundle, chunk.fileName, true, new Set(shell));
      }
      const preloads: Record<string, string[]> = {};
      for (const [name, source] of Object.entries(PRELOADS)) {
        const chunk = chunkOf(source);
        if (chunk) preloads[name] = files(bundle, chunk.fileName, false, new Set(shell));
      }
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(lists) });
      this.emitFile({ type: 'asset', fileName: 'preload.json', source: JSON.stringify(preloads) });
    },
  };
}

/**
 * The stylesheets no chunk claims: with one stylesheet for the whole app (build.cssCodeSplit
 * false, vite.config.mts) it is the page's own, linked from index.html.
 */
function sharedCss(bundle: OutputBundle): string[] {
  const claimed = new Set(
    Object.values(bundle).flatMap((c) =>
      c.type === 'chunk' ? [...(c.viteMetadata?.importedCss ?? [])] : [],
    ),
  );
  return Object.values(bundle)
    .filter((a) => a.type === 'asset' && a.fileName.endsWith('.css') && !claimed.has(a.fileName))
    .map((a) => `/${a.fileName}`);
}

/** A chunk, the chunks it imports (and, for an area, those it loads later), and their CSS. */
function files(bundle: OutputBundle, start: string, dynamic: boolean, seen: Set<string>): string[] {
  const out = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const chunk = bundle[name];
    if (!chunk || chunk.type !== 'chunk') return;
    out.add(`/${chunk.fileName}`);
    for (const css of chunk.viteMetadata?.importedCss ?? []) out.add(`/${css}`);
    for (const next of chunk.imports) visit(next);
    if (dynamic) for (const next of chunk.dynamicImports) visit(next);
  };
  visit(start);
  return [...out].sort();
}
