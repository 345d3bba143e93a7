import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { arrayOf } from '../common/api-schema';
import type { Response } from 'express';
import { Allow } from '../auth/allow.decorator';
import { DomainError } from '../common/domain-error';
import { positiveIntPipe } from '../common/uuid.pipe';
import { ResultsDocumentsService, sendDocument } from './documents/results-documents.service';
import type { ResultsDocument } from './results-document';
import type { ResultsVersion } from './results-version.entity';
import {
  publicDocumentContent,
  ResultsPublicVersionView,
  ResultsPublicView,
} from './results.responses';
import { PublicResultsService } from './public-results.service';
import { versionMeta } from './results-versions.service';

const slug = () => Param('slug', { transform: checkSlug });
const version = () => Param('version', positiveIntPipe('version'));

/**
 * What citizens see of the results: published versions only (and the versions a correction
 * superseded, which stay readable), with their fingerprint. Judges' individual scorecards are
 * left out of the public view; the fingerprint covers the full frozen document.
 */
@ApiTags('public')
@Controller('public/contests/:slug/results')
export class PublicResultsController {
  constructor(
    private readonly results: PublicResultsService,
    private readonly documents: ResultsDocumentsService,
  ) {}

  @Get()
  @ApiOkResponse({ schema: ResultsPublicView, description: 'The current published version' })
  @Allow('public')
  async current(@slug() s: string) {
    return publicView(await this.results.publishedVersion(s, null));
  }

  @Get('versions')
  @ApiOkResponse({
    schema: arrayOf(ResultsPublicVersionView),
    description: 'Published and superseded versions, newest first',
  })
  @Allow('public')
  versions(@slug() s: string) {
    return this.results.publishedVersions(s);
  }

  @Get('versions/:version')
  @ApiOkResponse({ schema: ResultsPublicView })
  @Allow('public')
  async version(@slug() s: string, @version() v: number) {
    return publicView(await this.results.publishedVersion(s, v));
  }

  @Get('versions/:version/documents/:kind')
  @ApiOkResponse({
    content: publicDocumentContent,
    description: 'ranking.csv, minutes.pdf, results-list.pdf or certificates.pdf, as an attachment',
  })
  @Allow('public')
  async document(
    @slug() s: string,
    @version() v: number,
    @Param('kind') kind: string,
    @Res() res: Response,
  ) {
    const row = await this.results.publishedVersion(s, v);
    sendDocument(res, await this.documents.render(row, kind, 'public'));
  }
}

function checkSlug(value: string): string {
  if (!/^[a-z0-9-]{3,60}$/.test(value))
    throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
  return value;
}

function publicView(row: ResultsVersion) {
  return { ...versionMeta(row), status: row.status, document: publicDocument(row.document) };
}

/** The published figures without each judge's own scores (those stay with the organisers). */
function publicDocument(doc: ResultsDocument) {
  return {
    ...doc,
    judges: undefined,
    teams: doc.teams.map((t) => ({
      ...t,
      judgeCards: undefined,
      final: t.final ? { ...t.final, cards: undefined } : null,
    })),
  };
}
