import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Upload } from './upload.entity';

/**
 * One part of a direct (S3 multipart) upload the browser has stored in the bucket, as the
 * browser reported it with the ETag the bucket gave. The list of parts comes from here, not
 * from the store's ListParts (which several S3-compatible servers lack); completing with a
 * wrong ETag is refused by the store, so a wrong report cannot forge a file.
 */
@Entity('upload_parts')
@Check('ck_upload_parts_number', `"part_number" BETWEEN 1 AND 10000`)
@Check('ck_upload_parts_size', `"size" > 0`)
export class UploadPart {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_upload_parts' })
  uploadId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_upload_parts' })
  partNumber: number;

  @ManyToOne(() => Upload, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'upload_id', foreignKeyConstraintName: 'fk_upload_parts_upload' })
  upload?: Relation<Upload>;

  @Column({ type: 'text' })
  etag: string;

  @Column({ type: 'bigint' })
  size: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
