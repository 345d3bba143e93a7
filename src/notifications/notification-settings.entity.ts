import {
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../auth/user.entity';

/**
 * A person's e-mail address and whether they want reminders. Kept beside the account (not in
 * `users`) so notifications stay one module; no row means no address and reminders on.
 */
@Entity('notification_settings')
export class NotificationSettings {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** Reminders (missing scorecards) by e-mail; messages about one's own account always go. */
  @Column({ type: 'boolean', default: true })
  reminders: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
