import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { ResultsVersion } from './results-version.entity';
import { versionView } from './results-versions.service';
import { legacyNames, shownVersion } from './shown-names';

/** What citizens may read of the results: published versions (and superseded ones) only. */
@Injectable()
export class PublicResultsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async publicContestId(slug: string): Promise<string> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM contests WHERE slug = $1`,
      [slug],
    );
    if (!rows[0]) throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    return rows[0].id;
  }

  /** Published and superseded versions, newest first. 404 before the first publication. */
  async publishedVersions(slug: string) {
    const contestId = await this.publicContestId(slug);
    const rows = await this.dataSource.getRepository(ResultsVersion).find({
      where: { contestId, status: In(['published', 'superseded']) },
      order: { version: 'DESC' },
    });
    if (!rows.length) throw notPublished();
    const legacy = await legacyNames(this.dataSource.manager, contestId);
    return rows.map((row) => versionView(row, legacy));
  }

  /** A published (or superseded) version; `null` version: the current one. */
  async publishedVersion(slug: string, version: number | null): Promise<ResultsVersion> {
    const contestId = await this.publicContestId(slug);
    const row = await this.dataSource.getRepository(ResultsVersion).findOne({
      where:
        version === null
          ? { contestId, status: 'published' }
          : { contestId, version, status: In(['published', 'superseded']) },
    });
    if (!row) throw notPublished();
    return shownVersion(this.dataSource.manager, row);
  }
}

function notPublished() {
  return DomainError.notFound('RESULTS', 'Kết quả chưa được công bố.');
}
