import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { foldText } from '../common/paging';
import { ContestsService } from '../contests/contests.service';
import { Unit } from './unit.entity';
import { CreateUnitDto, UpdateUnitDto } from './units.dto';

@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
  ) {}

  async list(contestId: string): Promise<Unit[]> {
    await this.contests.get(contestId);
    return this.dataSource
      .getRepository(Unit)
      .find({ where: { contestId }, order: { name: 'ASC' } });
  }

  async create(
    actor: Actor,
    contestId: string,
    input: CreateUnitDto,
    manager?: EntityManager,
  ): Promise<Unit> {
    const work = async (em: EntityManager) => {
      await this.contests.lock(em, contestId);
      await this.ensureNameFree(em, contestId, input.name);
      const unit = await em
        .getRepository(Unit)
        .save(
          em
            .getRepository(Unit)
            .create({ contestId, name: input.name.trim(), kind: input.kind, active: true }),
        );
      await this.audit.record(em, actor, {
        contestId,
        action: 'unit.create',
        entityType: 'unit',
        entityId: unit.id,
        after: unit,
      });
      return unit;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async update(
    actor: Actor,
    contestId: string,
    unitId: string,
    input: UpdateUnitDto,
  ): Promise<Unit> {
    return this.dataSource.transaction(async (em) => {
      const unit = await em
        .getRepository(Unit)
        .findOne({ where: { id: unitId, contestId }, lock: { mode: 'pessimistic_write' } });
      if (!unit) throw DomainError.notFound('UNIT', 'Không tìm thấy đơn vị.');
      const before = { ...unit };
      if (input.name !== undefined && input.name.trim() !== unit.name) {
        await this.ensureNameFree(em, contestId, input.name, unitId);
        unit.name = input.name.trim();
      }
      if (input.kind !== undefined) unit.kind = input.kind;
      if (input.active !== undefined) unit.active = input.active;
      const saved = await em.getRepository(Unit).save(unit);
      await this.audit.record(em, actor, {
        contestId,
        action: 'unit.update',
        entityType: 'unit',
        entityId: unitId,
        before,
        after: saved,
      });
      return saved;
    });
  }

  /**
   * Names are compared as the registration workbook compares them (foldText): the same unit
   * typed in NFD on one machine and NFC on another, or with another case or spacing, is one
   * unit, not two that look alike in every list.
   */
  private async ensureNameFree(
    em: EntityManager,
    contestId: string,
    name: string,
    exceptId?: string,
  ) {
    const units = (await em.query(`SELECT id, name FROM units WHERE contest_id = $1`, [
      contestId,
    ])) as { id: string; name: string }[];
    const wanted = foldText(name);
    if (units.some((u) => u.id !== exceptId && foldText(u.name) === wanted))
      throw DomainError.conflict('UNIT_NAME_TAKEN', 'Tên đơn vị đã có trong hội thi.', 'name');
  }
}
