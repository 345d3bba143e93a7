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
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { memoryStorage } from 'multer';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { DomainError } from '../common/domain-error';
import { uuidPipe } from '../common/uuid.pipe';
import { DEFAULT_ANOMALY_OPTIONS } from './anomalies';
import {
  AnomalyQuery,
  ExclusionDto,
  FormSnapshotDto,
  ImportFieldsDto,
  WithdrawExclusionDto,
} from './interactions.dto';
import { InteractionsService } from './interactions.service';
import { InteractionsTemplateService } from './template.service';

/** Spreadsheets are small (a 100.000-row CSV is ~5 MB); anything above 10 MB is refused (413). */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const fileUpload = () =>
  FileInterceptor('file', {
    storage: memoryStorage(),
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 },
  });
const IMPORT_BODY = {
  schema: {
    type: 'object',
    required: ['file', 'takenAt'],
    properties: {
      file: { type: 'string', format: 'binary' },
      takenAt: { type: 'string', format: 'date-time' },
    },
  },
};

const contestId = () => Param('contestId', uuidPipe('contestId'));

@ApiTags('interactions')
@ApiBearerAuth()
@Controller('contests/:contestId/interactions')
export class InteractionsController {
  constructor(
    private readonly interactions: InteractionsService,
    private readonly templates: InteractionsTemplateService,
  ) {}

  @Get()
  @Allow('organiser')
  standings(@contestId() cid: string, @Query() query: AnomalyQuery) {
    return this.interactions.standings(cid, {
      burstThreshold: query.burstThreshold ?? DEFAULT_ANOMALY_OPTIONS.burstThreshold,
      burstWindowHours: query.burstWindowHours ?? DEFAULT_ANOMALY_OPTIONS.burstWindowHours,
      roundAbove: query.roundAbove ?? DEFAULT_ANOMALY_OPTIONS.roundAbove,
    });
  }

  @Get('history')
  @Allow('organiser')
  history(@contestId() cid: string) {
    return this.interactions.history(cid);
  }

  @Get('template.csv')
  @Allow('organiser')
  async templateCsv(@contestId() cid: string, @Res() res: Response) {
    const csv = await this.templates.csv(cid);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="mau-nhap-luot-tuong-tac.csv"');
    res.send(csv);
  }

  @Get('template.xlsx')
  @Allow('organiser')
  async templateXlsx(@contestId() cid: string, @Res() res: Response) {
    const xlsx = await this.templates.xlsx(cid);
    res.setHeader(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('Content-Disposition', 'attachment; filename="mau-nhap-luot-tuong-tac.xlsx"');
    res.send(xlsx);
  }

  /** Dry run: what the file would change; nothing is written. */
  @Post('imports/preview')
  @HttpCode(200)
  @Allow('organiser')
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMPORT_BODY)
  @UseInterceptors(fileUpload())
  preview(
    @contestId() cid: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: ImportFieldsDto,
  ) {
    return this.interactions.preview(cid, requireFile(file), body.takenAt);
  }

  @Post('imports')
  @Allow('organiser')
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMPORT_BODY)
  @UseInterceptors(fileUpload())
  async commit(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: ImportFieldsDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.interactions.commit(actor, cid, requireFile(file), body.takenAt);
    res.status(result.created ? 201 : 200);
    return result;
  }

  @Post('form')
  @Allow('organiser')
  async form(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Body() body: FormSnapshotDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.interactions.commitForm(
      actor,
      cid,
      body.takenAt,
      body.counts.map((c) => ({
        entryId: c.entryId,
        reactions: c.reactions,
        shares: c.shares,
        comments: c.comments ?? 0,
      })),
    );
    res.status(result.created ? 201 : 200);
    return result;
  }

  @Post('exclusions')
  @Allow('organiser')
  exclude(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: ExclusionDto) {
    return this.interactions.exclude(actor, cid, body);
  }

  @Post('exclusions/:exclusionId/withdraw')
  @HttpCode(200)
  @Allow('organiser')
  withdraw(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Param('exclusionId', uuidPipe('exclusionId')) id: string,
    @Body() body: WithdrawExclusionDto,
  ) {
    return this.interactions.withdrawExclusion(actor, cid, id, body.reason);
  }
}

function requireFile(file: Express.Multer.File | undefined) {
  if (!file)
    throw DomainError.invalid('FILE_REQUIRED', 'Chưa chọn tệp để nhập (trường "file").', 'file');
  return { buffer: file.buffer, originalName: file.originalname.slice(0, 200) };
}
