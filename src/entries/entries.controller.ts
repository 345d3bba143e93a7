import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { arrayOf } from '../common/api-schema';
import { PagedList, totalCountHeader } from '../common/paging';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidPipe } from '../common/uuid.pipe';
import {
  ApproveEntryDto,
  FlagDuplicateDto,
  PostUrlDto,
  PostUrlLinesDto,
  ReturnEntryDto,
  SaveEntryDto,
} from './entries.dto';
import { EntriesService } from './entries.service';
import { BulkModerationService } from './bulk-moderation.service';
import { ModerationService } from './moderation.service';
import { BulkApproveDto, ModerationQueryDto } from './moderation-query.dto';
import { PostUrlImportService } from './post-url-import.service';
import { PublicationService } from './publication.service';
import { TeamEntryService } from './team-entry.service';
import {
  EntryReviewView,
  BulkApproveView,
  EntryView,
  ModerationItemView,
  PostUrlImportView,
  PublishAllView,
} from './entries.responses';

const contestId = () => Param('contestId', uuidPipe('contestId'));
const entryId = () => Param('entryId', uuidPipe('entryId'));

@ApiTags('entries')
@ApiBearerAuth()
@Controller('contests/:contestId')
export class EntriesController {
  constructor(
    private readonly entries: EntriesService,
    private readonly teamEntry: TeamEntryService,
    private readonly moderation: ModerationService,
    private readonly publication: PublicationService,
    private readonly bulk: BulkModerationService,
    private readonly postUrls: PostUrlImportService,
  ) {}

  // Team: its own entry ----------------------------------------------------------------------
  @Get('my-entry')
  @ApiOkResponse({ schema: EntryView })
  @Allow('team')
  mine(@CurrentActor() actor: Actor, @contestId() cid: string) {
    return this.teamEntry.getMine(actor, cid);
  }

  @Put('my-entry')
  @ApiOkResponse({ schema: EntryView, description: 'Created as a draft on the first save' })
  @Allow('team')
  save(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: SaveEntryDto) {
    return this.teamEntry.saveMine(actor, cid, body);
  }

  @Post('my-entry/submit')
  @HttpCode(200)
  @ApiOkResponse({ schema: EntryView })
  @Allow('team')
  submit(@CurrentActor() actor: Actor, @contestId() cid: string) {
    return this.teamEntry.submitMine(actor, cid);
  }

  // Everyone with a role: what they may see --------------------------------------------------
  @Get('entries')
  @ApiOkResponse({ schema: arrayOf(EntryView), description: 'By team number' })
  @Allow('organiser', 'judge', 'team')
  list(@CurrentActor() actor: Actor, @contestId() cid: string) {
    return this.entries.list(actor, cid);
  }

  @Get('entries/:entryId')
  @ApiOkResponse({ schema: EntryView })
  @Allow('organiser', 'judge', 'team')
  get(@CurrentActor() actor: Actor, @contestId() cid: string, @entryId() eid: string) {
    return this.entries.get(actor, cid, eid);
  }

  // Organisers: moderation and publication -----------------------------------------------------
  @Get('moderation')
  @ApiOkResponse({
    schema: arrayOf(ModerationItemView),
    headers: totalCountHeader,
    description:
      'By default the entries awaiting review, oldest submission first; one page of them (total in X-Total-Count)',
  })
  @Allow('organiser')
  @PagedList()
  queue(@contestId() cid: string, @Query() query: ModerationQueryDto) {
    return this.moderation.moderationList(cid, query);
  }

  @Post('moderation/approve')
  @HttpCode(200)
  @ApiOkResponse({
    schema: BulkApproveView,
    description:
      'Approves the selected entries that pass the whole checklist, in one transaction; the others are left as they are and listed with the reasons',
  })
  @Allow('organiser')
  approveMany(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Body() body: BulkApproveDto,
  ) {
    return this.bulk.approveMany(actor, cid, body.entryIds, body.note);
  }

  @Get('entries/:entryId/reviews')
  @ApiOkResponse({ schema: arrayOf(EntryReviewView), description: 'Oldest first' })
  @Allow('organiser')
  reviews(@contestId() cid: string, @entryId() eid: string) {
    return this.moderation.reviews(cid, eid);
  }

  @Post('entries/:entryId/approve')
  @HttpCode(200)
  @ApiOkResponse({ schema: EntryView })
  @Allow('organiser')
  approve(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @entryId() eid: string,
    @Body() body: ApproveEntryDto,
  ) {
    return this.moderation.approve(actor, cid, eid, body.note, body.version);
  }

  @Post('entries/:entryId/return')
  @HttpCode(200)
  @ApiOkResponse({ schema: EntryView })
  @Allow('organiser')
  returnEntry(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @entryId() eid: string,
    @Body() body: ReturnEntryDto,
  ) {
    return this.moderation.returnEntry(actor, cid, eid, body.reasons, body.version);
  }

  @Post('entries/:entryId/duplicate-flag')
  @HttpCode(200)
  @ApiOkResponse({ schema: EntryView })
  @Allow('organiser')
  flag(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @entryId() eid: string,
    @Body() body: FlagDuplicateDto,
  ) {
    return this.moderation.flagDuplicate(actor, cid, eid, body.reason ?? null);
  }

  @Put('entries/:entryId/post-url')
  @ApiOkResponse({ schema: EntryView })
  @Allow('organiser')
  postUrl(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @entryId() eid: string,
    @Body() body: PostUrlDto,
  ) {
    return this.publication.setPostUrl(actor, cid, eid, body.postUrl);
  }

  @Post('post-urls/preview')
  @HttpCode(200)
  @ApiOkResponse({
    schema: PostUrlImportView,
    description: 'What the lines would change, with row-precise errors; changes nothing',
  })
  @Allow('organiser')
  previewPostUrls(@contestId() cid: string, @Body() body: PostUrlLinesDto) {
    return this.postUrls.preview(cid, body.text);
  }

  @Post('post-urls')
  @HttpCode(200)
  @ApiOkResponse({
    schema: PostUrlImportView,
    description: 'Applies every row or none (400 with the rows in error)',
  })
  @Allow('organiser')
  importPostUrls(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Body() body: PostUrlLinesDto,
  ) {
    return this.postUrls.commit(actor, cid, body.text);
  }

  @Post('publish-all')
  @HttpCode(200)
  @ApiOkResponse({ schema: PublishAllView })
  @Allow('organiser')
  publishAll(@CurrentActor() actor: Actor, @contestId() cid: string) {
    return this.publication.publishAll(actor, cid);
  }
}
