// `npm start` runs this first (prestart): it builds the server and/or the web app only when
// their output is missing or older than their sources, so a fresh clone builds once and a
// restart starts at once. `npm run build` still rebuilds everything unconditionally.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = ['package.json', 'package-lock.json'];
const targets = [
  {
    name: 'server',
    output: 'dist/src/main.js',
    sources: [
      ...shared,
      'src',
      'migrations',
      'tsconfig.json',
      'tsconfig.build.json',
      'nest-cli.json',
    ],
    script: 'build:server',
  },
  {
    name: 'web app',
    output: 'web/dist/index.html',
    sources: [
      ...shared,
      'web/src',
      'web/public',
      'web/index.html',
      'web/vite.config.mts',
      'web/precompress.mts',
      'web/tsconfig.json',
      'src/engine',
    ],
    script: 'build:web',
  },
];

/** Newest modification time under a file or folder (0 when absent). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

for (const target of targets) {
  const output = join(root, target.output);
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  const changed = Math.max(...target.sources.map((s) => newest(join(root, s))));
  if (built >= changed) continue;
  console.log(
    built
      ? `Mã nguồn ${target.name} đã thay đổi: đang build lại… / sources changed, rebuilding the ${target.name}…`
      : `Lần đầu khởi động: đang build ${target.name}… / first start, building the ${target.name}…`,
  );
  const npm = process.env.npm_execpath;
  const run = npm
    ? spawnSync(process.execPath, [npm, 'run', target.script], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', target.script], {
        cwd: root,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
