import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { arrayOf } from '../common/api-schema';
import { Allow } from '../auth/allow.decorator';
import { DomainError } from '../common/domain-error';
import { PublicationService } from './publication.service';
import { PublicContestView, PublishedEntriesView } from './entries.responses';

/** What citizens see: published entries only. */
@ApiTags('public')
@Controller('public/contests')
export class PublicEntriesController {
  constructor(private readonly publication: PublicationService) {}

  /** Contests whose entries are published (the citizens' home page). */
  @Get()
  @ApiOkResponse({ schema: arrayOf(PublicContestView) })
  @Allow('public')
  contests() {
    return this.publication.publicContests();
  }

  @Get(':slug/entries')
  @ApiOkResponse({ schema: PublishedEntriesView })
  @Allow('public')
  published(@Param('slug') slug: string) {
    if (!/^[a-z0-9-]{3,60}$/.test(slug))
      throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    return this.publication.listPublished(slug);
  }
}
