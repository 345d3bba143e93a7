import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  type SchemaObject,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { arrayOf, binary, dateTime, object, uuid } from '../common/api-schema';
import { CreatedOrExisting } from '../common/created-or-existing';
import { DomainError } from '../common/domain-error';
import { sendAttachment } from '../common/download-name';
import { PagedList, totalCountHeader } from '../common/paging';
import { uuidPipe } from '../common/uuid.pipe';
import { ImportUpload, uploadedFile } from '../spreadsheets/import-upload';
import {
  ExclusionDto,
  FormSnapshotDto,
  ImportCommitFieldsDto,
  ImportFieldsDto,
  StandingsQueryDto,
  WithdrawExclusionDto,
} from './interactions.dto';
import {
  InteractionExclusionView,
  InteractionFormSnapshotView,
  InteractionHistoryView,
  InteractionImportCreatedView,
  InteractionImportExistingView,
  InteractionImportPreviewView,
  InteractionStandingsView,
} from './interactions.responses';
import { ExclusionsService } from './exclusions.service';
import { FormCountsService } from './form-counts.service';
import { InteractionImportService } from './import.service';
import { InteractionStandingsService, pageOfStandings } from './standings.service';
import { InteractionsTemplateService } from './template.service';

/** A preview's body; a commit sends the same, or the token of its preview instead. */
const importFields = {
  file: { type: 'string', format: 'binary' },
  takenAt: {
    ...dateTime,
    description: 'Required unless the file has a "Thời điểm" column (then refused)',
  },
} satisfies Record<string, SchemaObject>;
const IMPORT_BODY = { schema: object(importFields, { optional: ['takenAt'] }) };
const COMMIT_BODY = {
  schema: object(
    {
      ...importFields,
      previewToken: {
        ...uuid,
        description:
          'Instead of the file: the token its preview answered (30 minutes, same organiser and contest)',
      },
    },
    { optional: ['file', 'takenAt', 'previewToken'] },
  ),
};

const contestId = () => Param('contestId', uuidPipe('contestId'));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TEMPLATE = 'mau-nhap-luot-tuong-tac';

@ApiTags('interactions')
@ApiBearerAuth()
@Controller('contests/:contestId/interactions')
export class InteractionsController {
  constructor(
    private readonly standingsService: InteractionStandingsService,
    private readonly imports: InteractionImportService,
    private readonly formCounts: FormCountsService,
    private readonly exclusions: ExclusionsService,
    private readonly templates: InteractionsTemplateService,
  ) {}

  @Get()
  @ApiOkResponse({
    schema: InteractionStandingsView,
    headers: totalCountHeader,
    description:
      '`entries` holds one page of the entries matching the search and filter (total in X-Total-Count)',
  })
  @Allow('organiser')
  @PagedList()
  async standings(@contestId() cid: string, @Query() query: StandingsQueryDto) {
    const { burstThreshold, burstWindowHours, roundAbove } = query; // defaults in the DTO
    const options = { burstThreshold, burstWindowHours, roundAbove };
    return pageOfStandings(await this.standingsService.standings(cid, options), query);
  }

  @Get('history')
  @ApiOkResponse({ schema: arrayOf(InteractionHistoryView) })
  @Allow('organiser')
  history(@contestId() cid: string) {
    return this.standingsService.history(cid);
  }

  @Get('template.csv')
  @ApiOkResponse({ description: 'Blank import template (CSV, UTF-8)', content: binary('text/csv') })
  @Allow('organiser')
  async templateCsv(@contestId() cid: string, @Res() res: Response) {
    sendAttachment(
      res,
      'text/csv; charset=utf-8',
      `${TEMPLATE}.csv`,
      await this.templates.csv(cid),
    );
  }

  @Get('template.xlsx')
  @ApiOkResponse({ description: 'Blank import template (Excel)', content: binary(XLSX) })
  @Allow('organiser')
  async templateXlsx(@contestId() cid: string, @Res() res: Response) {
    sendAttachment(res, XLSX, `${TEMPLATE}.xlsx`, await this.templates.xlsx(cid));
  }

  /** Dry run: what the file would change; nothing is written. */
  @Post('imports/preview')
  @HttpCode(200)
  @ApiOkResponse({ schema: InteractionImportPreviewView })
  @Allow('organiser')
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMPORT_BODY)
  @ImportUpload()
  preview(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: ImportFieldsDto,
  ) {
    return this.imports.preview(actor, cid, requireFile(file), body.takenAt);
  }

  @Post('imports')
  @ApiCreatedResponse({
    description: 'A new snapshot was stored',
    schema: InteractionImportCreatedView,
  })
  @ApiOkResponse({
    description: 'This exact file was imported before: its snapshot, nothing written',
    schema: InteractionImportExistingView,
  })
  @Allow('organiser')
  @CreatedOrExisting()
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(COMMIT_BODY)
  @ImportUpload()
  commit(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: ImportCommitFieldsDto,
  ) {
    return this.imports.commit(actor, cid, sentForCommit(file, body));
  }

  @Post('form')
  @ApiCreatedResponse({
    description: 'A new snapshot was stored',
    schema: InteractionFormSnapshotView,
  })
  @ApiOkResponse({
    description: 'The same counts were entered before: that snapshot, nothing written',
    schema: InteractionFormSnapshotView,
  })
  @Allow('organiser')
  @CreatedOrExisting()
  form(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: FormSnapshotDto) {
    return this.formCounts.commitForm(actor, cid, body);
  }

  @Post('exclusions')
  @ApiCreatedResponse({ schema: InteractionExclusionView })
  @Allow('organiser')
  exclude(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: ExclusionDto) {
    return this.exclusions.exclude(actor, cid, body);
  }

  @Post('exclusions/:exclusionId/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ schema: InteractionExclusionView })
  @Allow('organiser')
  withdraw(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Param('exclusionId', uuidPipe('exclusionId')) id: string,
    @Body() body: WithdrawExclusionDto,
  ) {
    return this.exclusions.withdrawExclusion(actor, cid, id, body.reason);
  }
}

const requireFile = (file: Express.Multer.File | undefined) =>
  uploadedFile(file, 'Chưa chọn tệp để nhập (trường "file").');

/** The file and its time, or a preview's token alone: it stands for both. */
function sentForCommit(file: Express.Multer.File | undefined, body: ImportCommitFieldsDto) {
  if (!body.previewToken) return { file: requireFile(file), takenAt: body.takenAt };
  if (file)
    throw DomainError.invalid(
      'FILE_WITH_PREVIEW_TOKEN',
      'Gửi tệp hoặc mã xem trước, không gửi cả hai.',
      'previewToken',
    );
  if (body.takenAt)
    throw DomainError.invalid(
      'TAKEN_AT_WITH_PREVIEW_TOKEN',
      'Thời điểm lấy số liệu đã được ghi khi xem trước; không gửi lại.',
      'takenAt',
    );
  return { previewToken: body.previewToken };
}
