import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditChainService, CONTENT } from './audit-chain.service';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditExport, EXPORT_FIELDS, EXPORT_FORMAT, ExportRow } from './audit-export';

const BATCH = 5000;

/**
 * Writes a contest's sealed audit chain and its checkpoints as one JSON document (format in
 * audit-export.ts), streamed in batches so a chain of millions of rows needs no more memory
 * than a batch. The offline verifier checks it without the server.
 */
@Injectable()
export class AuditExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly chain: AuditChainService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  async write(contestId: string, out: Writable): Promise<void> {
    await this.chain.seal();
    const header: Omit<AuditExport, 'rows' | 'checkpoints'> = {
      format: EXPORT_FORMAT,
      version: 1,
      chain: contestId,
      exportedAt: new Date().toISOString(),
      publicKey: (({ algorithm, keyId, publicKey }) => ({ algorithm, keyId, publicKey }))(
        this.checkpoints.publicKey(),
      ),
      fields: EXPORT_FIELDS,
    };
    // the journal's too: checkpoints deleted from the database still count
    const { all: checkpoints } = await this.checkpoints.known(contestId);
    await write(out, `${JSON.stringify(header).slice(0, -1)},"rows":[`);
    let after = 0;
    let first = true;
    for (;;) {
      const rows: {
        seq: string;
        audit_id: string;
        prev_hash: string;
        hash: string;
        content: string | null;
      }[] = await this.dataSource.query(
        `SELECT c.seq, c.audit_id, c.prev_hash, c.hash,
                CASE WHEN a.id IS NULL THEN NULL ELSE ${CONTENT} END AS content
           FROM audit_chain c LEFT JOIN audit_log a ON a.id = c.audit_id
          WHERE c.chain = $1 AND c.seq > $2 ORDER BY c.seq LIMIT ${BATCH}`,
        [contestId, after],
      );
      if (!rows.length) break;
      const text = rows
        .map((r) => {
          const row: Omit<ExportRow, 'content'> & { content: string | null } = {
            seq: Number(r.seq),
            auditId: r.audit_id,
            prevHash: r.prev_hash,
            hash: r.hash,
            content: r.content,
          };
          return JSON.stringify(row);
        })
        .join(',\n');
      await write(out, `${first ? '\n' : ',\n'}${text}`);
      first = false;
      after = Number(rows[rows.length - 1]!.seq);
      if (rows.length < BATCH) break;
    }
    await write(out, `],"checkpoints":${JSON.stringify(checkpoints)}}\n`);
  }
}

/** Writes with back-pressure: waits for 'drain' when the client reads slowly. */
async function write(out: Writable, text: string): Promise<void> {
  if (out.destroyed) throw new Error('the client went away');
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const drained = () => {
      out.off('close', closed);
      resolve();
    };
    const closed = () => {
      out.off('drain', drained);
      reject(new Error('the client went away'));
    };
    out.once('drain', drained);
    out.once('close', closed);
  });
}
