import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/allow.decorator';
import { DomainError } from '../common/domain-error';
import { EntriesService } from './entries.service';

/** What citizens see: published entries only. */
@ApiTags('public')
@Controller('public/contests')
export class PublicEntriesController {
  constructor(private readonly entries: EntriesService) {}

  /** Contests whose entries are published (the citizens' home page). */
  @Get()
  @Allow('public')
  contests() {
    return this.entries.publicContests();
  }

  @Get(':slug/entries')
  @Allow('public')
  published(@Param('slug') slug: string) {
    if (!/^[a-z0-9-]{3,60}$/.test(slug))
      throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    return this.entries.listPublished(slug);
  }
}
