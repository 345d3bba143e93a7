import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { WholeNumber } from './whole-number.decorator';

/**
 * Paging for the organisers' lists, one way for every list route:
 *
 * - the query takes `page` (from 1), `limit` (rows per page) and `q` (search text), plus the
 *   list's own filters;
 * - the body keeps the shape the route always had (an array, or the standings object with its
 *   `entries` array), holding only the rows of the page asked for;
 * - the total number of rows matching the search and filters is in the `X-Total-Count` header.
 *
 * Without `page`/`limit` a route answers every row (up to MAX_PAGE_SIZE), so callers written
 * before paging (the engine, scripts, tests) keep working unchanged.
 */
export const TOTAL_HEADER = 'X-Total-Count';
/** Bounds the memory and time of one answer; the DESIGN's largest contest has 10.000 entries. */
export const MAX_PAGE_SIZE = 10_000;

export class PageQueryDto {
  @WholeNumber({
    optional: true,
    query: true,
    min: 1,
    max: 1_000_000,
    messages: {
      int: 'Số trang phải là số nguyên.',
      min: 'Số trang phải từ 1 trở lên.',
      max: 'Số trang quá lớn.',
    },
    doc: { default: 1, description: 'Trang, đếm từ 1' },
  })
  page?: number;

  @WholeNumber({
    optional: true,
    query: true,
    min: 1,
    max: MAX_PAGE_SIZE,
    messages: {
      int: 'Số dòng mỗi trang phải là số nguyên.',
      min: 'Số dòng mỗi trang phải từ 1 trở lên.',
      max: `Mỗi trang tối đa ${MAX_PAGE_SIZE} dòng.`,
    },
    doc: { default: MAX_PAGE_SIZE, description: 'Số dòng mỗi trang' },
  })
  limit?: number;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Tìm theo chữ, không phân biệt hoa thường và dấu ("tai chinh" khớp "Tài chính")',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Chuỗi tìm kiếm tối đa 200 ký tự.' })
  q?: string;
}

/** What a list service returns: the body to send and how many rows matched in all. */
export class Paged<B> {
  constructor(
    readonly body: B,
    readonly total: number,
  ) {}
}

/** Lower case, without Vietnamese diacritics (đ → d), spaces collapsed: for search. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether any of the row's texts contains every word of the search (in any order). */
export function matchesSearch(q: string | undefined, texts: (string | number | null)[]): boolean {
  const words = foldText(q ?? '')
    .split(' ')
    .filter(Boolean);
  if (!words.length) return true;
  const hay = foldText(texts.filter((t) => t !== null).join(' '));
  return words.every((w) => hay.includes(w));
}

/**
 * Search, then one page of a list already read and ordered. The lists are read whole (a
 * contest has at most some thousand rows of each kind) and cut here, so every list pages,
 * counts and searches the same way.
 */
export function paginate<T>(
  rows: T[],
  query: PageQueryDto,
  searchable?: (row: T) => (string | number | null)[],
): Paged<T[]> {
  const found = searchable ? rows.filter((r) => matchesSearch(query.q, searchable(r))) : rows;
  const limit = query.limit ?? MAX_PAGE_SIZE;
  const start = ((query.page ?? 1) - 1) * limit;
  return new Paged(found.slice(start, start + limit), found.length);
}

@Injectable()
class TotalCountInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((value: unknown) => {
        if (!(value instanceof Paged)) return value;
        res.setHeader(TOTAL_HEADER, String(value.total));
        return value.body;
      }),
    );
  }
}

/** A list route: sends `Paged.body` as the body and its total in X-Total-Count. */
export function PagedList() {
  return applyDecorators(UseInterceptors(TotalCountInterceptor));
}

/** The header as the OpenAPI document describes it (ApiOkResponse `headers`). */
export const totalCountHeader = {
  [TOTAL_HEADER]: {
    description: 'Số dòng khớp tìm kiếm và bộ lọc, trên mọi trang',
    schema: { type: 'integer' as const },
  },
};
