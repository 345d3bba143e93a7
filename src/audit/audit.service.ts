import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { actorDisplayName, LEGACY_NAMES_SQL, legacyNameMap, shownName } from '../auth/display-name';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  contestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Writes audit rows. Always called with the EntityManager of the transaction that makes the
 * change, so the change and its audit row commit or roll back together.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, actor: Actor | null, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEntry, auditRow(actor, record));
  }

  async list(contestId: string, options: { afterId?: string; limit: number; entityType?: string }) {
    const query = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .where('a.contest_id = :contestId', { contestId })
      .orderBy('a.id', 'DESC')
      .take(options.limit);
    if (options.afterId) query.andWhere('a.id < :afterId', { afterId: options.afterId });
    if (options.entityType) query.andWhere('a.entity_type = :t', { t: options.entityType });
    const rows = await query.getMany();
    // Rows written before display names were recorded hold the login name: shown by name.
    const legacy = legacyNameMap(
      await this.dataSource.query(`${LEGACY_NAMES_SQL} WHERE u.id = ANY($2::uuid[])`, [
        contestId,
        [...new Set(rows.map((r) => r.actorId).filter((id) => id !== null))],
      ]),
    );
    return rows.map((r) => ({
      ...r,
      actorName: r.actorName === null ? null : shownName(r.actorName, legacy),
    }));
  }
}

/** The columns of an audit row, for writers that insert it inside their own statement. */
export type AuditRow = Omit<AuditEntry, 'id' | 'createdAt'>;

/** `audit_log`'s columns, for a writer that inserts its audit row in its own statement. */
export const AUDIT_COLUMNS =
  'contest_id, actor_id, actor_name, action, entity_type, entity_id, before, after, reason, request_id, correlation_id';

/**
 * Many audit rows, one statement per 500 (PostgreSQL allows 65.535 parameters): the ~870 rows
 * of a 421-team registration workbook, the snapshots of a file of many readings.
 */
export async function insertAudits(
  em: EntityManager,
  actor: Actor | null,
  records: readonly AuditRecord[],
) {
  for (let start = 0; start < records.length; start += 500)
    await em.insert(
      AuditEntry,
      records.slice(start, start + 500).map((r) => auditRow(actor, r)),
    );
}

export function auditRow(actor: Actor | null, record: AuditRecord): AuditRow {
  return {
    contestId: record.contestId,
    actorId: actor?.userId ?? null,
    actorName: actor ? actorDisplayName(actor, record.contestId) : null,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    before: record.before === undefined ? null : toJson(record.before),
    after: record.after === undefined ? null : toJson(record.after),
    reason: record.reason ?? null,
    requestId: actor?.requestId ?? null,
    correlationId: actor?.correlationId ?? null,
  };
}

/** Entities become plain JSON; password hashes and other secrets never reach the log. */
function toJson(value: unknown): object | null {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) =>
      key === 'passwordHash' || key === 'personKey' ? undefined : v,
    ),
  );
}
