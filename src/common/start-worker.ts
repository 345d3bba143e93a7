import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a module of ours given without its extension. The built server
 * runs the compiled `.js`; tests run the TypeScript sources (jest with swc), which a worker
 * cannot load by itself, so there the worker first installs a require hook that compiles
 * `.ts` files with @swc/core (a dev dependency, present wherever the sources are run).
 */
export function startWorker(modulePath: string, options: WorkerOptions): Worker {
  if (__filename.endsWith('.js')) return new Worker(`${modulePath}.js`, options);
  const swc = require.resolve('@swc/core');
  const hook = `
    const Module = require('node:module');
    const { readFileSync } = require('node:fs');
    const swc = require(${JSON.stringify(swc)});
    Module._extensions['.ts'] = (module, filename) => {
      const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
        filename,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    require(${JSON.stringify(`${modulePath}.ts`)});
  `;
  return new Worker(hook, { ...options, eval: true });
}
