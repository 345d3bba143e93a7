import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../../common/domain-error';
import { contentDisposition } from '../../common/download-name';
import type { ResultsVersion } from '../results-version.entity';
import { versionMeta } from '../results-versions.service';
import { buildRankingCsv, buildResultsWorkbook } from './excel';
import { renderCertificatesPdf, renderMinutesPdf, renderResultsListPdf } from './pdf';

export const DOCUMENT_KINDS = {
  'results.xlsx': {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    public: false, // each judge's criterion scores: organisers only
    render: buildResultsWorkbook,
  },
  'ranking.csv': {
    contentType: 'text/csv; charset=utf-8',
    public: true,
    render: async (...args: Parameters<typeof buildRankingCsv>) => buildRankingCsv(...args),
  },
  'minutes.pdf': { contentType: 'application/pdf', public: true, render: renderMinutesPdf },
  'results-list.pdf': {
    contentType: 'application/pdf',
    public: true,
    render: renderResultsListPdf,
  },
  'certificates.pdf': {
    contentType: 'application/pdf',
    public: true,
    render: renderCertificatesPdf,
  },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export interface RenderedDocument {
  body: Buffer;
  contentType: string;
  filename: string;
}

/**
 * Renders the Excel, CSV and PDF documents of a results version. A frozen version never
 * changes, so a rendered document is kept in a small in-memory cache (citizens download the
 * same PDF many times on results day).
 */
@Injectable()
export class ResultsDocumentsService {
  private readonly cache = new Map<string, RenderedDocument>();
  private static readonly CACHE_SIZE = 32;

  async render(
    row: ResultsVersion,
    kind: string,
    audience: 'organiser' | 'public',
  ): Promise<RenderedDocument> {
    // own keys only: `in` would also accept "toString" or "constructor"
    if (!Object.hasOwn(DOCUMENT_KINDS, kind))
      throw DomainError.notFound('DOCUMENT', `Không có tài liệu "${kind}".`);
    const spec = DOCUMENT_KINDS[kind as DocumentKind];
    if (audience === 'public' && !spec.public)
      throw DomainError.notFound('DOCUMENT', `Không có tài liệu "${kind}".`);
    // The status is part of the key: the publication date printed on a document changes
    // when a frozen version is published.
    const key = `${row.id}|${row.status}|${kind}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const body = await spec.render(row.document, versionMeta(row));
    const rendered = {
      body,
      contentType: spec.contentType,
      filename: `ket-qua-${row.document.contest.slug}-v${row.version}-${kind}`,
    };
    if (this.cache.size >= ResultsDocumentsService.CACHE_SIZE)
      this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, rendered);
    return rendered;
  }
}

/** Writes a rendered document as a download (RFC 6266 file name, no caching by proxies). */
export function sendDocument(res: Response, doc: RenderedDocument): void {
  res.setHeader('Content-Type', doc.contentType);
  res.setHeader('Content-Length', String(doc.body.length));
  res.setHeader('Content-Disposition', contentDisposition(doc.filename, 'attachment'));
  res.setHeader('Cache-Control', 'private, max-age=300');
  res.end(doc.body);
}
