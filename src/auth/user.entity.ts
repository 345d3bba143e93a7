import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity';

@Entity('users')
@Index('uq_users_username', { synchronize: false }) // unique on lower(username), created in the migration
export class User extends BaseEntity {
  @Column({ type: 'text' })
  username: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'boolean', default: false })
  isAdmin: boolean;

  /** Set for temporary passwords handed out by an organiser. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Bumped on password change/reset: tokens carrying an older value stop working. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
}
