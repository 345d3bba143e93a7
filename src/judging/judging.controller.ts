import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { arrayOf } from '../common/api-schema';
import { uuidPipe } from '../common/uuid.pipe';
import {
  AssignDto,
  CloseJudgingDto,
  ConflictDto,
  PanelPreviewDto,
  ProgressListQuery,
  ReasonDto,
  SaveScorecardDto,
  SubmitScorecardDto,
} from './judging.dto';
import {
  JudgingAssignAllView,
  JudgingAssignmentView,
  JudgingCloseView,
  JudgingConflictView,
  JudgingJudgeAssignmentsView,
  JudgingPanelCommitView,
  JudgingPanelPlanView,
  JudgingPanelsView,
  JudgingProgressListView,
  JudgingProgressView,
  JudgingScorecardView,
} from './judging.responses';
import { AssignmentsService } from './assignments.service';
import { JudgingProgressService } from './judging-progress.service';
import { PanelsService } from './panels.service';
import { ProgressListService } from './progress-list.service';
import { ScorecardsService } from './scorecards.service';
import { IdempotencyKeyHeader } from './idempotency-key.decorator';

const contestId = () => Param('contestId', uuidPipe('contestId'));
const entryId = () => Param('entryId', uuidPipe('entryId'));

@ApiTags('judging')
@ApiBearerAuth()
@Controller('contests/:contestId/judging')
export class JudgingController {
  constructor(
    private readonly assignmentsService: AssignmentsService,
    private readonly scorecardsService: ScorecardsService,
    private readonly progressService: JudgingProgressService,
    private readonly panelsService: PanelsService,
    private readonly progressList: ProgressListService,
  ) {}

  @Get('assignments')
  @ApiOkResponse({
    description: 'Every assignment (organisers), or the judge’s own',
    schema: arrayOf(JudgingAssignmentView),
  })
  @Allow('organiser', 'judge')
  assignments(@CurrentActor() actor: Actor, @contestId() cid: string) {
    return this.assignmentsService.assignments(actor, cid);
  }

  @Post('assignments/all')
  @HttpCode(200)
  @ApiOkResponse({ schema: JudgingAssignAllView })
  @Allow('organiser')
  assignAll(@CurrentActor() actor: Actor, @contestId() cid: string) {
    return this.assignmentsService.assignAll(actor, cid);
  }

  @Put('assignments')
  @ApiOkResponse({ schema: JudgingJudgeAssignmentsView })
  @Allow('organiser')
  assign(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: AssignDto) {
    return this.assignmentsService.assign(actor, cid, body.judgeId, body.entryIds);
  }

  @Post('conflicts')
  @ApiCreatedResponse({ schema: JudgingConflictView })
  @Allow('organiser')
  conflict(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: ConflictDto) {
    return this.assignmentsService.declareConflict(
      actor,
      cid,
      body.judgeId,
      body.entryId,
      body.reason,
    );
  }

  @Post('entries/:entryId/recuse')
  @ApiCreatedResponse({ schema: JudgingConflictView })
  @Allow('judge')
  recuse(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @entryId() eid: string,
    @Body() body: ReasonDto,
  ) {
    return this.assignmentsService.recuse(actor, cid, eid, body.reason);
  }

  @Get('entries/:entryId/scorecard')
  @ApiOkResponse({ schema: JudgingScorecardView })
  @Allow('judge')
  mine(@CurrentActor() actor: Actor, @contestId() cid: string, @entryId() eid: string) {
    return this.scorecardsService.myScorecard(actor, cid, eid);
  }

  @Put('entries/:entryId/scorecard')
  @ApiOkResponse({ schema: JudgingScorecardView })
  @Allow('judge')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Repeat a request safely (8-128 letters, digits, - or _): the first answer is replayed',
  })
  save(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @entryId() eid: string,
    @Body() body: SaveScorecardDto,
    @IdempotencyKeyHeader() key?: string,
  ) {
    return this.scorecardsService.saveDraft(actor, cid, eid, body, key);
  }

  @Post('entries/:entryId/scorecard/submit')
  @HttpCode(200)
  @ApiOkResponse({ schema: JudgingScorecardView })
  @Allow('judge')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Repeat a request safely (8-128 letters, digits, - or _): the first answer is replayed',
  })
  submit(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @entryId() eid: string,
    @Body() body: SubmitScorecardDto,
    @IdempotencyKeyHeader() key?: string,
  ) {
    return this.scorecardsService.submit(actor, cid, eid, body.version, key);
  }

  @Get('scorecards/:scorecardId')
  @ApiOkResponse({ schema: JudgingScorecardView })
  @Allow('organiser', 'judge')
  scorecard(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Param('scorecardId', uuidPipe('scorecardId')) id: string,
  ) {
    return this.scorecardsService.scorecard(actor, cid, id);
  }

  @Post('scorecards/:scorecardId/reopen')
  @HttpCode(200)
  @ApiOkResponse({ schema: JudgingScorecardView })
  @Allow('organiser')
  reopen(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Param('scorecardId', uuidPipe('scorecardId')) id: string,
    @Body() body: ReasonDto,
  ) {
    return this.scorecardsService.reopen(actor, cid, id, body.reason);
  }

  @Get('progress')
  @ApiOkResponse({ schema: JudgingProgressView })
  @Allow('organiser')
  progress(@contestId() cid: string) {
    return this.progressService.progress(cid);
  }

  @Post('close')
  @HttpCode(200)
  @ApiOkResponse({ schema: JudgingCloseView })
  @Allow('organiser')
  close(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: CloseJudgingDto) {
    return this.progressService.close(actor, cid, body.reason);
  }

  @Get('panels')
  @ApiOkResponse({
    description: 'The judging mode and the committed panel plan',
    schema: JudgingPanelsView,
  })
  @Allow('organiser')
  panels(@contestId() cid: string) {
    return this.panelsService.current(cid);
  }

  @Post('panels/preview')
  @HttpCode(200)
  @ApiOkResponse({ schema: JudgingPanelPlanView })
  @Allow('organiser')
  previewPanels(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Body() body: PanelPreviewDto,
  ) {
    return this.panelsService.preview(actor, cid, body.k, body.judgeIds);
  }

  @Post('panels/:planId/commit')
  @HttpCode(200)
  @ApiOkResponse({ schema: JudgingPanelCommitView })
  @Allow('organiser')
  commitPanels(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Param('planId', uuidPipe('planId')) planId: string,
  ) {
    return this.panelsService.commit(actor, cid, planId);
  }

  @Get('progress/entries')
  @ApiOkResponse({ schema: JudgingProgressListView })
  @Allow('organiser')
  progressEntries(@contestId() cid: string, @Query() query: ProgressListQuery) {
    return this.progressList.list(cid, query);
  }
}
