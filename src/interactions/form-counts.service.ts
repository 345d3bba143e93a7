import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { assertImportPhase, assertNotInFuture, publishedEntries } from './interaction-queries';
import { InteractionSnapshot } from './interaction-snapshot.entity';
import { type EntryCounts, toColumns } from './count-columns-text';
import { storeSnapshots } from './snapshot-counts';

/** Counts typed into a form (small contests): same rules, same snapshot history as a file. */
@Injectable()
export class FormCountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
  ) {}

  async commitForm(actor: Actor, contestId: string, takenAt: string, counts: EntryCounts[]) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertImportPhase(contest);
      assertNotInFuture(takenAt, new Date());
      const published = new Set((await publishedEntries(em, contestId)).map((e) => e.entryId));
      const seen = new Set<string>();
      counts.forEach((c, i) => {
        if (!published.has(c.entryId)) {
          throw DomainError.invalid(
            'UNKNOWN_ENTRY',
            'Sản phẩm không thuộc hội thi hoặc chưa được đăng tải.',
            `counts[${i}].entryId`,
          );
        }
        if (seen.has(c.entryId))
          throw DomainError.invalid(
            'DUPLICATE_ROW',
            'Một sản phẩm chỉ nhập một lần.',
            `counts[${i}].entryId`,
          );
        seen.add(c.entryId);
      });
      const canonical = JSON.stringify({
        takenAt: new Date(takenAt).toISOString(),
        counts: [...counts].sort((a, b) => a.entryId.localeCompare(b.entryId)),
      });
      const fileSha256 = sha256(Buffer.from(canonical));
      const existing = await em
        .getRepository(InteractionSnapshot)
        .findOneBy({ contestId, fileSha256 });
      if (existing) return { snapshotId: existing.id, created: false };
      const [snapshotId] = await storeSnapshots(em, actor, contest, [
        {
          takenAt: new Date(takenAt),
          source: 'form',
          fileSha256,
          fileName: null,
          counts: toColumns(counts),
        },
      ]);
      return { snapshotId: snapshotId!, created: true };
    });
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
