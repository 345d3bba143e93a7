import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { toColumns } from './counts';
import { assertImportPhase, publishedEntries, unknownEntry } from './interaction-queries';
import { InteractionSnapshot } from './interaction-snapshot.entity';
import type { FormSnapshotDto } from './interactions.dto';
import { assertNotInFuture, readingTime } from './reading-time';
import { storeSnapshots } from './snapshot-counts';

/** Counts typed into a form (small contests): same rules, same snapshot history as a file. */
@Injectable()
export class FormCountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
  ) {}

  /** The same counts entered twice give the same snapshot (`created: false`). */
  async commitForm(actor: Actor, contestId: string, form: FormSnapshotDto) {
    const { takenAt } = form;
    // in this key order: the fingerprint of the counts must not depend on how they were sent
    const counts = form.counts.map((c) => ({
      entryId: c.entryId,
      reactions: c.reactions,
      shares: c.shares,
      comments: c.comments ?? 0,
    }));
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertImportPhase(contest);
      assertNotInFuture(takenAt, new Date());
      const published = new Set((await publishedEntries(em, contestId)).map((e) => e.entryId));
      const seen = new Set<string>();
      counts.forEach((c, i) => {
        const field = `counts[${i}].entryId`;
        if (!published.has(c.entryId)) throw unknownEntry(field);
        if (seen.has(c.entryId))
          throw DomainError.invalid('DUPLICATE_ROW', 'Một sản phẩm chỉ nhập một lần.', field);
        seen.add(c.entryId);
      });
      const canonical = JSON.stringify({
        takenAt: readingTime(takenAt).toISOString(),
        counts: [...counts].sort((a, b) => a.entryId.localeCompare(b.entryId)),
      });
      const fileSha256 = createHash('sha256').update(canonical).digest('hex');
      const existing = await em
        .getRepository(InteractionSnapshot)
        .findOneBy({ contestId, fileSha256 });
      if (existing) return { snapshotId: existing.id, created: false };
      const [snapshotId] = await storeSnapshots(em, actor, contest, [
        {
          takenAt: readingTime(takenAt),
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
