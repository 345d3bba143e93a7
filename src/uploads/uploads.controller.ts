import {
  Controller,
  Delete,
  Get,
  Head,
  HttpCode,
  Options,
  Param,
  Patch,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiFoundResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiParam,
  ApiPartialContentResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { DomainError } from '../common/domain-error';
import { uuidPipe } from '../common/uuid.pipe';
import { parseRange } from './content-range';
import {
  cleanFileName,
  parseMetadata,
  parseNonNegativeInt,
  TUS_EXTENSIONS,
  TUS_VERSION,
} from './tus-headers';
import { dispositionOf, UploadDownloadsService } from './upload-downloads.service';
import { UploadsService, UploadState } from './uploads.service';
import { DownloadLinkView } from './direct-uploads.responses';
import { uploadContent, UploadStateView } from './uploads.responses';

const contestId = () => Param('contestId', uuidPipe('contestId'));
const uploadId = () => Param('uploadId', uuidPipe('uploadId'));

/**
 * Resumable uploads over the tus 1.0 protocol (works with tus-js-client):
 * POST creates (Upload-Length, Upload-Metadata: kind, filename), HEAD tells the offset,
 * PATCH appends at Upload-Offset (Content-Type: application/offset+octet-stream),
 * DELETE cancels. GET …/content downloads with HTTP Range support.
 */
@ApiTags('uploads')
@ApiBearerAuth()
@Controller('contests/:contestId/uploads')
export class UploadsController {
  constructor(
    private readonly uploads: UploadsService,
    private readonly downloads: UploadDownloadsService,
  ) {}

  @Options()
  @ApiParam({ name: 'contestId', format: 'uuid' })
  @Allow('public')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'tus discovery: Tus-Version, Tus-Extension and Tus-Max-Size headers',
  })
  options(@Res({ passthrough: true }) res: Response) {
    res.setHeader('Tus-Resumable', TUS_VERSION);
    res.setHeader('Tus-Version', TUS_VERSION);
    res.setHeader('Tus-Extension', TUS_EXTENSIONS);
    res.setHeader(
      'Tus-Max-Size',
      String(Math.max(this.uploads.maxSize('video'), this.uploads.maxSize('outline'))),
    );
  }

  @Post()
  @Allow('team')
  @ApiCreatedResponse({
    schema: UploadStateView,
    description: 'Location header: the upload’s address for HEAD/PATCH/DELETE',
  })
  @ApiHeader({ name: 'Upload-Length', required: true })
  @ApiHeader({
    name: 'Upload-Metadata',
    required: true,
    description: 'kind <base64 video|outline>,filename <base64>',
  })
  async create(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const state = await this.uploads.create(actor, cid, () => {
      const metadata = parseMetadata(header(req, 'upload-metadata'));
      return {
        kind: metadata.kind ?? '',
        fileName: cleanFileName(metadata.filename ?? metadata.name),
        size: parseNonNegativeInt(req.headers['upload-length'], 'Upload-Length'),
      };
    });
    res.status(201);
    res.setHeader('Location', `${req.baseUrl ?? ''}/api/contests/${cid}/uploads/${state.id}`);
    tusHeaders(res, state);
    return state;
  }

  @Head(':uploadId')
  @Allow('team')
  @ApiOkResponse({ description: 'No body: Upload-Offset and Upload-Length headers' })
  async head(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @uploadId() id: string,
    @Res() res: Response,
  ) {
    const state = await this.uploads.state(actor, cid, id);
    tusHeaders(res, state);
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).end();
  }

  @Get(':uploadId')
  @Allow('team')
  @ApiOkResponse({ schema: UploadStateView })
  async get(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @uploadId() id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const state = await this.uploads.state(actor, cid, id);
    tusHeaders(res, state);
    res.setHeader('Cache-Control', 'no-store');
    return state;
  }

  @Patch(':uploadId')
  @Allow('team')
  @ApiNoContentResponse({ description: 'Bytes stored; the new Upload-Offset header' })
  @ApiHeader({ name: 'Upload-Offset', required: true })
  async patch(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @uploadId() id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    // Ownership is checked before the headers, so a stranger learns nothing from the answers.
    const state = await this.uploads.append(actor, cid, id, req, () => {
      if (
        header(req, 'content-type')?.split(';')[0]?.trim() !== 'application/offset+octet-stream'
      ) {
        throw new DomainError(
          'unsupported_type',
          'BAD_CONTENT_TYPE',
          'PATCH phải có Content-Type: application/offset+octet-stream.',
          [
            {
              field: 'Content-Type',
              code: 'BAD_CONTENT_TYPE',
              message: 'application/offset+octet-stream',
            },
          ],
        );
      }
      return parseNonNegativeInt(req.headers['upload-offset'], 'Upload-Offset');
    });
    tusHeaders(res, state);
    res.status(204);
  }

  @Delete(':uploadId')
  @Allow('team')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Upload cancelled, its bytes removed' })
  async cancel(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @uploadId() id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.uploads.cancel(actor, cid, id);
    res.setHeader('Tus-Resumable', TUS_VERSION);
  }

  /**
   * Where to play or download the file from. STORAGE=s3: a short-lived presigned GET that a
   * `<video>` can use as its src (seeks go to the bucket). Embedded mode: the content path,
   * which needs the token for files that are not public yet.
   */
  @Get(':uploadId/link')
  @Allow('public')
  @ApiOkResponse({ schema: DownloadLinkView })
  async link(
    @CurrentActor() actor: Actor | null,
    @contestId() cid: string,
    @uploadId() id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const upload = await this.downloads.readable(actor, cid, id);
    await this.downloads.assertStored(upload);
    res.setHeader('Cache-Control', 'no-store');
    const presigned = await this.downloads.presignedUrl(upload);
    if (presigned) return { ...presigned, direct: true };
    return { url: `/api/contests/${cid}/uploads/${id}/content`, direct: false, expiresAt: null };
  }

  /** Video playback / outline download. Public for published entries; Range for seeking. */
  @Get(':uploadId/content')
  @Allow('public')
  @ApiOkResponse({ content: uploadContent, description: 'The whole file' })
  @ApiPartialContentResponse({ content: uploadContent, description: 'The requested Range' })
  @ApiFoundResponse({
    description: 'STORAGE=s3: Location is a short-lived presigned GET of the object',
  })
  async content(
    @CurrentActor() actor: Actor | null,
    @contestId() cid: string,
    @uploadId() id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const upload = await this.downloads.readable(actor, cid, id);
    await this.downloads.assertStored(upload);
    const presigned = await this.downloads.presignedUrl(upload);
    if (presigned) {
      // STORAGE=s3: the bucket serves the bytes (and every seek); no video byte crosses the app.
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(302, presigned.url);
      return;
    }
    const size = Number(upload.size);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', upload.mime ?? 'application/octet-stream');
    res.setHeader('Content-Disposition', dispositionOf(upload));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.setHeader('ETag', `"${upload.sha256}"`);
    const range = parseRange(header(req, 'range'), size);
    if (range === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${size}`);
      res.json({
        statusCode: 416,
        code: 'RANGE_NOT_SATISFIABLE',
        message: 'Khoảng byte yêu cầu nằm ngoài tệp.',
        details: [],
      });
      return;
    }
    if (range) {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200);
      res.setHeader('Content-Length', String(size));
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = this.downloads.openRead(upload.key, range ?? undefined);
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function tusHeaders(res: Response, state: UploadState) {
  res.setHeader('Tus-Resumable', TUS_VERSION);
  res.setHeader('Upload-Offset', String(state.offset));
  res.setHeader('Upload-Length', String(state.size));
}
