import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { ContestsService } from '../contests/contests.service';
import type { ContestRules } from '../engine';
import type { CopyContestDto } from './province.dto';

/**
 * A new contest in draft with the rules of an existing one: rubric, aggregation, finalists,
 * final-round parts, tie-break, prize table and cap, video limits. The deadlines of the
 * source year are left empty; nothing else (units, teams, people, entries, fanpage) is copied.
 */
@Injectable()
export class ContestCopyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
  ) {}

  async copy(actor: Actor, sourceId: string, input: CopyContestDto) {
    return this.dataSource.transaction(async (em) => {
      const source = await this.contests.get(sourceId, em);
      const rules = rulesForANewYear(source.rules);
      const created = await this.contests.create(
        actor,
        {
          slug: input.slug,
          name: input.name,
          description: input.description,
          rules: { ...rules },
        },
        em,
      );
      await this.audit.record(em, actor, {
        contestId: created.id,
        action: 'contest.copy',
        entityType: 'contest',
        entityId: created.id,
        after: {
          copiedFrom: {
            contestId: source.id,
            name: source.name,
            rulesVersion: source.rulesVersion,
          },
          datesCleared: ['submissionDeadline', 'interactionCutoff', 'judgingDeadline'],
        },
      });
      return created;
    });
  }
}

/** The source's rules with the dates that belong to its own year emptied. */
export function rulesForANewYear(rules: ContestRules): ContestRules {
  const copy = structuredClone(rules);
  copy.dates = {
    ...copy.dates,
    submissionDeadline: null,
    interactionCutoff: null,
    ...('judgingDeadline' in copy.dates ? { judgingDeadline: null } : {}),
  };
  return copy;
}
