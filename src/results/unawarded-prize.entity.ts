import { Column, Entity, Index } from 'typeorm';
import { ContestScopedEntity } from '../common/contest-scoped.entity';

/**
 * A side prize the organisers decided not to award (or not fully), with their reason. Without
 * it, an unconfirmed side prize keeps the results from being frozen. Replaced as a whole with
 * the confirmed awards; the audit log keeps each list.
 */
@Entity('unawarded_prizes')
@Index('uq_unawarded_prizes', ['contestId', 'prizeCode'], { unique: true })
export class UnawardedPrize extends ContestScopedEntity {
  @Column({ type: 'text' })
  prizeCode: string;

  @Column({ type: 'text' })
  reason: string;
}
