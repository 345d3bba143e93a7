import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidPipe } from '../common/uuid.pipe';
import { PartUrlsDto, RecordPartDto, StartDirectUploadDto } from './direct-uploads.dto';
import { DirectUploadView, PartUrlsView } from './direct-uploads.responses';
import { DirectUploadsService } from './direct-uploads.service';

const contestId = () => Param('contestId', uuidPipe('contestId'));
const uploadId = () => Param('uploadId', uuidPipe('uploadId'));

/**
 * Direct uploads to the bucket (STORAGE=s3; 409 DIRECT_UPLOADS_OFF in the embedded mode):
 * start → part URLs (a few at a time) → PUT each part to the bucket → record it → complete
 * (202: being verified; poll GET until `ready`) or DELETE to abort. See docs/storage.md.
 */
@ApiTags('uploads')
@ApiBearerAuth()
@Controller('contests/:contestId/direct-uploads')
export class DirectUploadsController {
  constructor(private readonly direct: DirectUploadsService) {}

  @Post()
  @Allow('team')
  @ApiCreatedResponse({ schema: DirectUploadView })
  start(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Body() body: StartDirectUploadDto,
  ) {
    return this.direct.start(actor, cid, body);
  }

  @Get(':uploadId')
  @Allow('team')
  @ApiOkResponse({ schema: DirectUploadView, description: 'Parts stored so far (to resume)' })
  get(@CurrentActor() actor: Actor, @contestId() cid: string, @uploadId() id: string) {
    return this.direct.get(actor, cid, id);
  }

  @Post(':uploadId/part-urls')
  @Allow('team')
  @HttpCode(200)
  @ApiOkResponse({ schema: PartUrlsView })
  partUrls(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @uploadId() id: string,
    @Body() body: PartUrlsDto,
  ) {
    return this.direct.partUrls(actor, cid, id, body);
  }

  @Post(':uploadId/parts')
  @Allow('team')
  @HttpCode(200)
  @ApiOkResponse({ schema: DirectUploadView })
  recordPart(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @uploadId() id: string,
    @Body() body: RecordPartDto,
  ) {
    return this.direct.recordPart(actor, cid, id, body);
  }

  @Post(':uploadId/complete')
  @Allow('team')
  @HttpCode(202)
  @ApiAcceptedResponse({
    schema: DirectUploadView,
    description: 'Assembled; `verifying` until the background check makes it ready',
  })
  complete(@CurrentActor() actor: Actor, @contestId() cid: string, @uploadId() id: string) {
    return this.direct.complete(actor, cid, id);
  }

  @Delete(':uploadId')
  @Allow('team')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Aborted: the parts stored in the bucket are freed' })
  async abort(@CurrentActor() actor: Actor, @contestId() cid: string, @uploadId() id: string) {
    await this.direct.abort(actor, cid, id);
  }
}
