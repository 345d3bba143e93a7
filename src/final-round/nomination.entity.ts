import { Check, Column, Entity, Index } from 'typeorm';
import { ContestScopedEntity } from '../common/contest-scoped.entity';

export const NOMINATION_KINDS = ['individual', 'collective'] as const;
export type NominationKind = (typeof NOMINATION_KINDS)[number];

/** A judge's nomination for a side prize: one individual and one collective per part. */
@Entity('nominations')
@Index('uq_nominations', ['contestId', 'judgeId', 'kind', 'partCode'], { unique: true })
@Check('ck_nominations_kind', `"kind" IN ('individual','collective')`)
export class Nomination extends ContestScopedEntity {
  @Column({ type: 'uuid' })
  judgeId: string;

  @Column({ type: 'text' })
  kind: NominationKind;

  @Column({ type: 'text' })
  partCode: string;

  @Column({ type: 'uuid' })
  entryId: string;

  /** The team member nominated (individual prize). */
  @Column({ type: 'uuid', nullable: true })
  memberId: string | null;
}
