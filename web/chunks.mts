import type { Rolldown } from 'vite';

type ModuleInfo = NonNullable<ReturnType<Rolldown.ChunkingContext['getModuleInfo']>>;

/**
 * How the role areas' code is split. Left to itself the bundler makes a chunk for every set of
 * areas sharing a module: three chunks of 0,5-2 kB for the console. On a weak line with
 * HTTP/1.1 (a hall's LAN: six connections per host) every extra file can push the page's
 * first data one round trip (~560 ms on Fast 3G) later, so the modules shared by areas (and
 * not part of the entry bundle) go into one chunk.
 */
export function codeSplitting(): Rolldown.OutputOptions['codeSplitting'] {
  const initial = new Map<string, boolean>();
  /** Part of the entry bundle: statically imported, at some depth, by the entry. */
  const inEntry = (id: string, info: (id: string) => ModuleInfo | null): boolean => {
    const known = initial.get(id);
    if (known !== undefined) return known;
    initial.set(id, false); // an import cycle: decided by the other paths
    const m = info(id);
    const result = !!m && (m.isEntry || m.importers.some((i) => inEntry(i, info)));
    initial.set(id, result);
    return result;
  };
  return {
    groups: [
      {
        name: (id, ctx) => (inEntry(id, (x) => ctx.getModuleInfo(x)) ? null : 'areas'),
        debugName: 'areas',
        minShareCount: 2,
        // their own imports stay where they are (most are in the entry bundle already)
        includeDependenciesRecursively: false,
      },
    ],
  };
}
