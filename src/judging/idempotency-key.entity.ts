import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The answer given to a request carrying an Idempotency-Key, so a tablet that resends after a
 * dropped connection gets the same answer instead of a second effect.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** Method + path + body fingerprint: the same key with another request is refused. */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'integer' })
  status: number;

  @Column({ type: 'jsonb' })
  response: object;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
