import type { ComponentChildren, JSX } from 'preact';
import { Loading } from './ui';

/**
 * One column: its header, how a row shows in it, and how it lines up. `rowHeader` makes the
 * cell a <th scope="row"> (the name of the row for screen readers); `num` right-aligns
 * figures in tabular digits (64,12 · 6.000.000 đ).
 */
export interface Column<T> {
  key: string;
  header: ComponentChildren;
  cell: (row: T, index: number) => ComponentChildren;
  num?: boolean;
  center?: boolean;
  rowHeader?: boolean;
  /** Width of a fixed column (CSS length); fixed columns need one to stack side by side. */
  width?: string;
  /** Header text for screen readers only (an actions column). */
  hiddenHeader?: boolean;
  headerTitle?: string;
  cellClass?: (row: T) => string | undefined;
  /** The first column of a group (`groups`): a rule on its left separates the groups. */
  groupStart?: boolean;
}

/** A header over several columns ("Sơ khảo" | "Chung khảo" | "Tổng"), left to right. */
export interface ColumnGroup {
  label: ComponentChildren;
  /** How many columns it covers; the spans add up to the number of columns. */
  span: number;
}

/**
 * Server-side paging: the rows given are the current page, `total` counts all of them.
 * Pages count from 1. `usePagedList` gives a server list these props.
 */
export interface Paging {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

export interface Search {
  value: string;
  onSearch: (text: string) => void;
  label: string;
  placeholder?: string;
}

const STICKY_FROM = 15;

/**
 * A table of rows: header, optional caption, the first `fixedColumns` columns kept in view
 * while it scrolls sideways, an optional sticky header, and hooks for search, filters and
 * paging. A table wider than the page scrolls inside its own region, which can take the
 * keyboard focus (arrow keys scroll it) and is named by the caption.
 */
export function DataTable<T>(props: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T, index: number) => string | number;
  caption?: ComponentChildren;
  /** The caption is read by screen readers only. */
  captionHidden?: boolean;
  /** Names the scrolling region when there is no visible caption text to read. */
  label?: string;
  class?: string;
  testId?: string;
  fixedColumns?: number;
  /** A first header row naming groups of columns (scope="colgroup"). */
  groups?: ColumnGroup[];
  /**
   * Keeps the header in view while a long table scrolls (within a box of 80 % of the screen).
   * A table of at most STICKY_FROM rows is shown whole instead: no box scrolling inside a page.
   */
  stickyHeader?: boolean;
  rowClass?: (row: T) => string | undefined;
  rowAttrs?: (row: T) => Record<string, string>;
  footer?: ComponentChildren;
  empty?: ComponentChildren;
  /** The rows are being fetched: with none yet, "Đang tải…" instead of `empty` (which would
   * say "nothing matches" before the answer came). */
  loading?: boolean;
  search?: Search;
  filters?: ComponentChildren;
  paging?: Paging;
}) {
  const fixed = props.fixedColumns ?? 0;
  const sticky = !!props.stickyHeader && props.rows.length > STICKY_FROM;
  const lefts = stickyOffsets(props.columns, fixed);
  const place = (i: number, base: string | undefined) => {
    if (i >= fixed) return { cls: base, style: undefined };
    const cls = ['dt-fixed', i === fixed - 1 ? 'dt-fixed-last' : null, base].filter(Boolean);
    const style: JSX.CSSProperties = { left: lefts[i] };
    const width = props.columns[i]!.width;
    if (width) Object.assign(style, { width, minWidth: width, maxWidth: width });
    return { cls: cls.join(' '), style };
  };
  const align = (c: Column<T>) =>
    [c.num ? 'num' : c.center ? 'center' : null, c.groupStart ? 'dt-group-start' : null]
      .filter(Boolean)
      .join(' ') || undefined;
  const tableClass = [
    props.class,
    sticky ? 'dt-sticky-head' : null,
    props.groups ? 'dt-grouped' : null,
  ]
    .filter(Boolean)
    .join(' ');
  const regionName = props.label ?? (typeof props.caption === 'string' ? props.caption : undefined);
  return (
    <>
      {(props.search || props.filters) && (
        <div class="dt-toolbar">
          {props.search && (
            <label class="inline-label">
              {props.search.label}
              <input
                type="search"
                value={props.search.value}
                placeholder={props.search.placeholder}
                onInput={(e) => props.search!.onSearch(e.currentTarget.value)}
              />
            </label>
          )}
          {props.filters}
        </div>
      )}
      <div
        class={sticky ? 'table-wrap dt-scroll' : 'table-wrap'}
        // A region that scrolls must be reachable by keyboard (WCAG 2.1.1).
        tabIndex={0}
        role="region"
        aria-label={regionName}
      >
        <table
          class={tableClass || undefined}
          data-testid={props.testId}
          aria-busy={props.loading ? 'true' : undefined}
        >
          {props.caption && (
            <caption class={props.captionHidden ? 'sr-only' : undefined}>{props.caption}</caption>
          )}
          <thead>
            {props.groups && <GroupRow groups={props.groups} fixed={fixed} />}
            <tr>
              {props.columns.map((c, i) => {
                const p = place(i, align(c));
                return (
                  <th scope="col" key={c.key} class={p.cls} style={p.style} title={c.headerTitle}>
                    {c.hiddenHeader ? <span class="sr-only">{c.header}</span> : c.header}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row, r) => (
              <tr
                key={props.rowKey(row, r)}
                class={props.rowClass?.(row)}
                {...props.rowAttrs?.(row)}
              >
                {props.columns.map((c, i) => {
                  const extra = c.cellClass?.(row);
                  const p = place(i, [align(c), extra].filter(Boolean).join(' ') || undefined);
                  return c.rowHeader ? (
                    <th scope="row" key={c.key} class={p.cls} style={p.style}>
                      {c.cell(row, r)}
                    </th>
                  ) : (
                    <td key={c.key} class={p.cls} style={p.style}>
                      {c.cell(row, r)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          {props.footer && <tfoot>{props.footer}</tfoot>}
        </table>
        {props.rows.length === 0 && (props.loading ? <Loading /> : props.empty)}
      </div>
      {props.paging && <Pager {...props.paging} />}
    </>
  );
}

/**
 * The group header row. A group covering exactly the fixed columns stays in view with them;
 * the others scroll. Empty labels (over rank and team, say) are left blank.
 */
function GroupRow({ groups, fixed }: { groups: ColumnGroup[]; fixed: number }) {
  let at = 0;
  return (
    <tr class="dt-groups">
      {groups.map((g, i) => {
        const start = at;
        at += g.span;
        const pinned = start === 0 && g.span === fixed && fixed > 0;
        const cls = [pinned ? 'dt-fixed dt-fixed-last' : null, start > 0 ? 'dt-group-start' : null]
          .filter(Boolean)
          .join(' ');
        return g.label ? (
          <th scope="colgroup" colSpan={g.span} key={i} class={cls || undefined}>
            {g.label}
          </th>
        ) : (
          <td colSpan={g.span} key={i} class={cls || undefined} />
        );
      })}
    </tr>
  );
}

/** `left` of each fixed column: the widths of the fixed columns before it, added up. */
function stickyOffsets<T>(columns: Column<T>[], fixed: number): string[] {
  const lefts: string[] = [];
  let sum: string[] = [];
  for (let i = 0; i < fixed && i < columns.length; i++) {
    lefts.push(sum.length ? `calc(${sum.join(' + ')})` : '0');
    sum = [...sum, columns[i]!.width ?? '0px'];
  }
  return lefts;
}

/** "Trang 2/9 · 421 dòng" with previous / next; nothing when everything fits on one page. */
export function Pager(props: Paging) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="dt-pager actions" aria-label="Phân trang">
      <button
        type="button"
        class="btn btn-small"
        disabled={props.page <= 1}
        onClick={() => props.onPage(props.page - 1)}
      >
        ← Trang trước
      </button>
      <span>
        Trang {props.page}/{pages} · {props.total.toLocaleString('vi-VN')} dòng
      </span>
      <button
        type="button"
        class="btn btn-small"
        disabled={props.page >= pages}
        onClick={() => props.onPage(props.page + 1)}
      >
        Trang sau →
      </button>
    </nav>
  );
}

/** The rows of one page, for a list held whole in the browser. */
export function pageOf<T>(rows: T[], page: number, pageSize: number): T[] {
  return rows.slice((page - 1) * pageSize, page * pageSize);
}

/** A filter of a table's toolbar: a labelled select; '' is "all". */
export function FilterSelect(props: {
  label: string;
  value: string;
  options: [value: string, label: string][];
  onChange: (value: string) => void;
}) {
  return (
    <label class="inline-label">
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Lower case, without Vietnamese diacritics (đ → d): "tai chinh" finds "Tài chính". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The rows whose texts hold every word of the search, for a list held whole in the browser
 * (the same matching as the server's list routes).
 */
export function searchRows<T>(rows: T[], q: string, texts: (row: T) => (string | number)[]): T[] {
  const words = foldText(q).split(' ').filter(Boolean);
  if (!words.length) return rows;
  return rows.filter((r) => {
    const hay = foldText(texts(r).join(' '));
    return words.every((w) => hay.includes(w));
  });
}
