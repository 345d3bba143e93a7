import { Body, Controller, Get, HttpCode, Param, Post, Res, UploadedFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { binary } from '../common/api-schema';
import { CreatedOrExisting } from '../common/created-or-existing';
import { sendAttachment } from '../common/download-name';
import { uuidPipe } from '../common/uuid.pipe';
import { ImportUpload, uploadedFile } from '../spreadsheets/import-upload';
import { RegistrationCommitDto, RegistrationSlipsDto } from './registration.dto';
import { RegistrationCommitView, RegistrationPreviewView } from './registration.responses';
import { RegistrationService } from './registration.service';
import { registrationTemplateCsv, registrationTemplateXlsx } from './templates';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const contestId = () => Param('contestId', uuidPipe('contestId'));

@ApiTags('registration')
@ApiBearerAuth()
@Controller('contests/:contestId/registration')
export class RegistrationController {
  constructor(private readonly registration: RegistrationService) {}

  @Get('template.xlsx')
  @ApiOkResponse({
    description: 'Blank registration workbook (five sheets)',
    content: binary(XLSX),
  })
  @Allow('organiser')
  async templateXlsx(@contestId() _cid: string, @Res() res: Response) {
    sendAttachment(res, XLSX, 'mau-dang-ky.xlsx', await registrationTemplateXlsx());
  }

  @Get('template.csv')
  @ApiOkResponse({
    description: 'Blank registration workbook as one CSV (each sheet under "[Tên trang]")',
    content: binary('text/csv'),
  })
  @Allow('organiser')
  templateCsv(@contestId() _cid: string, @Res() res: Response) {
    sendAttachment(res, 'text/csv; charset=utf-8', 'mau-dang-ky.csv', registrationTemplateCsv());
  }

  /** Dry run: errors, what would be created, what exists; nothing is written but the token. */
  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({ schema: RegistrationPreviewView })
  @Allow('organiser')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ImportUpload()
  preview(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    const sent = uploadedFile(file, 'Chưa chọn tệp đăng ký (trường "file").');
    return this.registration.preview(actor, cid, sent);
  }

  @Post('commits')
  @ApiCreatedResponse({
    description: 'Created what the preview showed',
    schema: RegistrationCommitView,
  })
  @ApiOkResponse({
    description: 'Everything already existed: nothing written',
    schema: RegistrationCommitView,
  })
  @Allow('organiser')
  @CreatedOrExisting()
  commit(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Body() body: RegistrationCommitDto,
  ) {
    return this.registration.commit(actor, cid, body.previewToken);
  }

  /** The account slips PDF of a commit, for 15 minutes, with the key its answer gave. */
  @Post('slips')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Account slips (PDF)', content: binary('application/pdf') })
  @Allow('organiser')
  async slips(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Body() body: RegistrationSlipsDto,
    @Res() res: Response,
  ) {
    const pdf = await this.registration.slips(actor, cid, body.token);
    res.setHeader('Cache-Control', 'no-store');
    sendAttachment(res, 'application/pdf', 'phieu-tai-khoan.pdf', pdf);
  }
}
