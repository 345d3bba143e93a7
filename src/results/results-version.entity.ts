import { Check, Column, Entity, Index } from 'typeorm';
import { ContestScopedEntity } from '../common/contest-scoped.entity';
import type { SignedCheckpoint } from '../audit/signed-checkpoint';
import type { ResultsDocument } from './results-document';

export type ResultsVersionStatus = 'frozen' | 'published' | 'superseded' | 'rejected';

/**
 * One frozen results version: the exact figures (document) and their SHA-256 fingerprint.
 * The document never changes after freezing (a trigger forbids it); only the status moves:
 * frozen → published (approved by a second organiser) → superseded (by a correction), or
 * frozen → rejected (the approver sent it back).
 */
@Entity('results_versions')
@Index('uq_results_versions', ['contestId', 'version'], { unique: true })
@Check('ck_results_versions_status', `"status" IN ('frozen','published','superseded','rejected')`)
@Check('ck_results_versions_fingerprint', `"fingerprint" ~ '^[0-9a-f]{64}$'`)
export class ResultsVersion extends ContestScopedEntity {
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  status: ResultsVersionStatus;

  @Column({ type: 'jsonb' })
  document: ResultsDocument;

  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ type: 'uuid' })
  frozenBy: string;

  @Column({ type: 'text' })
  frozenByName: string;

  @Column({ type: 'timestamptz' })
  frozenAt: Date;

  /** Why version N+1 replaces a published version. */
  @Column({ type: 'text', nullable: true })
  correctionReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'text', nullable: true })
  approvedByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  /** The latest signed audit checkpoint when frozen (null for versions frozen before them). */
  @Column({ type: 'jsonb', nullable: true })
  auditCheckpoint: SignedCheckpoint | null;
}
