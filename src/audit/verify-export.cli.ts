import { existsSync, readFileSync } from 'node:fs';
import { verifyExport } from './audit-export';
import { asCheckpoint, parsePublicKey, SignedCheckpoint } from './checkpoint';

const USAGE =
  'Cách dùng / usage: npm run audit:verify -- <export.json> <public-key> [checkpoint.json …]\n' +
  '  <public-key>: the published Ed25519 key (base64, or a PEM file); never the one in the export.\n' +
  '  checkpoint.json: extra checkpoints kept elsewhere (one object or an array).';

/**
 * The offline verifier: checks an audit export against the published public key with no
 * server and no database. Exit code 0 = intact, 1 = problems found, 2 = could not check.
 */
export function runVerifyCli(args: string[]): { code: number; output: string } {
  const [exportPath, keyArg, ...extraPaths] = args;
  if (!exportPath || !keyArg) return { code: 2, output: USAGE };
  try {
    const publicKey = parsePublicKey(existsSync(keyArg) ? readFileSync(keyArg, 'utf8') : keyArg);
    const data: unknown = JSON.parse(readFileSync(exportPath, 'utf8'));
    const extra = extraPaths.flatMap((path) => {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      return (Array.isArray(parsed) ? parsed : [parsed])
        .map(asCheckpoint)
        .filter((c): c is SignedCheckpoint => c !== null);
    });
    const result = verifyExport(data, publicKey, extra);
    const lines = [
      result.ok
        ? `HỢP LỆ / OK: chuỗi ${result.chain}, ${result.rows} bản ghi, khớp ${result.checkpointsChecked} điểm neo đã ký.`
        : `KHÔNG HỢP LỆ / FAILED: chuỗi ${result.chain ?? '?'}, ${result.rows} bản ghi.`,
      `head ${result.headHash}`,
      ...(result.latestCheckpoint
        ? [
            `latest checkpoint: ${result.latestCheckpoint.rowCount} rows, ${result.latestCheckpoint.headHash}, signed ${result.latestCheckpoint.signedAt}`,
          ]
        : []),
      ...result.problems.map(
        (p) =>
          `  ${p.problem}${p.seq !== null ? ` at row ${p.seq}` : ''}${p.auditId ? ` (audit id ${p.auditId})` : ''}`,
      ),
    ];
    return { code: result.ok ? 0 : 1, output: lines.join('\n') };
  } catch (error) {
    return {
      code: 2,
      output: `Không kiểm tra được / cannot check: ${(error as Error).message}\n${USAGE}`,
    };
  }
}

if (require.main === module) {
  const { code, output } = runVerifyCli(process.argv.slice(2));
  (code === 0 ? process.stdout : process.stderr).write(`${output}\n`);
  process.exitCode = code;
}
