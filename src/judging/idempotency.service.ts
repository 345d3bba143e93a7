import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { IdempotencyKey } from './idempotency-key.entity';

const KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** The right to store the one answer for (user, Idempotency-Key). */
export interface IdempotencyClaim {
  userId: string;
  key: string;
  requestHash: string;
}

/**
 * Runs a change at most once per (user, Idempotency-Key). `work` stores the claim with its
 * answer in the same transaction (or statement) as the change, so a retry after a dropped
 * connection gets the stored answer. The change itself must refuse to run twice (scorecards
 * check their version), so a replay or the loser of two racing twins fails (on the change, or
 * on the key's primary key) and answers with the stored response instead.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T extends object>(
    userId: string,
    key: string | undefined,
    request: unknown,
    work: (claim: IdempotencyClaim | null) => Promise<T>,
  ): Promise<T> {
    if (key === undefined) return work(null);
    if (!KEY.test(key)) {
      throw DomainError.invalid(
        'BAD_IDEMPOTENCY_KEY',
        'Idempotency-Key gồm 8-128 ký tự chữ, số, "-" hoặc "_".',
        'Idempotency-Key',
      );
    }
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    // No lookup first: a new key (the usual case) costs no extra round trip. A replayed key
    // makes the change fail (stale version, locked card) or its key insert fail; either way
    // the catch below finds the stored answer and returns it.
    try {
      return await work({ userId, key, requestHash });
    } catch (error) {
      // A replay, or a twin request that won meanwhile: its stored answer is ours too.
      const winner = await this.lookup(userId, key, requestHash);
      if (winner) return winner as T;
      throw error;
    }
  }
  private async lookup(userId: string, key: string, requestHash: string): Promise<object | null> {
    const row = await this.dataSource.getRepository(IdempotencyKey).findOneBy({ userId, key });
    if (!row) return null;
    if (row.requestHash !== requestHash) {
      throw DomainError.conflict(
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency-Key này đã dùng cho một yêu cầu khác.',
        'Idempotency-Key',
      );
    }
    return row.response;
  }
}
