import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One login attempt, kept a short while (login-throttle.ts): the rate limits count the
 * attempts that did not succeed, per address and per address + username, in PostgreSQL so
 * they hold across instances and restarts.
 */
@Entity('login_attempts')
@Index('ix_login_attempts_address', ['address', 'attemptedAt'])
@Index('ix_login_attempts_time', ['attemptedAt'])
export class LoginAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  address: string;

  /** lower-cased, at most 200 characters */
  @Column({ type: 'text' })
  username: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  attemptedAt: Date;

  @Column({ type: 'boolean', default: false })
  succeeded: boolean;
}
