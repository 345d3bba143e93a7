import { FONT, type FontName } from './pdf-fonts';
import { contentWidth, nfc, pageBottom, type Pdf } from './pdf-document';

/**
 * A ruled table that fills the text width: cells wrap, every row is measured before it is
 * drawn, a row that does not fit goes to the next page whole, and the header row is repeated
 * at the top of every page the table spans (a ranking of 60 teams runs over several pages).
 */

export interface TableColumn {
  header: string;
  /** Relative width: the columns are scaled together to the width between the margins. */
  weight: number;
  align?: 'left' | 'center' | 'right';
}

/** A row of cells (one per column), or one cell spanning the whole width (a group heading). */
export type TableRow =
  | { cells: readonly string[]; bold?: boolean }
  | { span: string; bold?: boolean; align?: 'left' | 'center' | 'right' };

export interface TableStyle {
  fontSize?: number;
  /** inner space of every cell, in points */
  padding?: number;
  headerFill?: string;
  spanFill?: string;
}

interface Cell {
  text: string;
  x: number;
  width: number;
  align: 'left' | 'center' | 'right';
}

interface Layout {
  left: number;
  widths: number[];
  fontSize: number;
  padding: number;
}

export function drawTable(
  doc: Pdf,
  columns: readonly TableColumn[],
  rows: readonly TableRow[],
  style: TableStyle = {},
): void {
  const layout = tableLayout(doc, columns, style);
  const header: Cell[] = cellsOf(
    layout,
    columns.map((c) => c.header),
    columns.map(() => 'center' as const),
  );
  const headerHeight = measureRow(doc, layout, header, FONT.bold);
  const drawHeader = (y: number) =>
    drawRow(doc, layout, header, y, headerHeight, FONT.bold, style.headerFill ?? '#e6e6e6');

  let y = doc.y;
  // Never leave a header alone at the bottom of a page: it must have its first row under it.
  const firstRow = rows[0] ? measureRow(doc, layout, ...rowCells(layout, columns, rows[0])) : 0;
  if (y + headerHeight + firstRow > pageBottom(doc)) y = newPage(doc);
  y = drawHeader(y);

  for (const row of rows) {
    const [cells, font] = rowCells(layout, columns, row);
    const height = Math.min(measureRow(doc, layout, cells, font), maxRowHeight(doc, headerHeight));
    if (y + height > pageBottom(doc)) y = drawHeader(newPage(doc));
    const fill = 'span' in row ? (style.spanFill ?? '#f3f3f3') : undefined;
    y = drawRow(doc, layout, cells, y, height, font, fill);
  }
  doc.x = layout.left;
  doc.y = y + 6;
}

function tableLayout(doc: Pdf, columns: readonly TableColumn[], style: TableStyle): Layout {
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const width = contentWidth(doc);
  return {
    left: doc.page.margins.left,
    widths: columns.map((c) => (width * c.weight) / total),
    fontSize: style.fontSize ?? 9,
    padding: style.padding ?? 3,
  };
}

function cellsOf(
  layout: Layout,
  texts: readonly string[],
  aligns: readonly ('left' | 'center' | 'right')[],
): Cell[] {
  let x = layout.left;
  return layout.widths.map((width, i) => {
    const cell: Cell = { text: nfc(texts[i] ?? ''), x, width, align: aligns[i] ?? 'left' };
    x += width;
    return cell;
  });
}

function rowCells(
  layout: Layout,
  columns: readonly TableColumn[],
  row: TableRow,
): [Cell[], FontName] {
  const font = row.bold ? FONT.bold : FONT.regular;
  if ('span' in row) {
    const width = layout.widths.reduce((sum, w) => sum + w, 0);
    return [[{ text: nfc(row.span), x: layout.left, width, align: row.align ?? 'left' }], font];
  }
  return [
    cellsOf(
      layout,
      row.cells,
      columns.map((c) => c.align ?? 'left'),
    ),
    font,
  ];
}

function textHeight(doc: Pdf, layout: Layout, cell: Cell, font: FontName): number {
  return doc
    .font(font)
    .fontSize(layout.fontSize)
    .heightOfString(cell.text, { width: cell.width - 2 * layout.padding });
}

function measureRow(doc: Pdf, layout: Layout, cells: readonly Cell[], font: FontName): number {
  const tallest = Math.max(...cells.map((cell) => textHeight(doc, layout, cell, font)));
  return tallest + 2 * layout.padding;
}

/** A row taller than a page (absurdly long text) is cut rather than overflowing the page. */
function maxRowHeight(doc: Pdf, headerHeight: number): number {
  return pageBottom(doc) - doc.page.margins.top - headerHeight;
}

function newPage(doc: Pdf): number {
  doc.addPage();
  return doc.page.margins.top;
}

/** Draws one row: fill, borders, then each cell's text centered vertically; returns the y below. */
function drawRow(
  doc: Pdf,
  layout: Layout,
  cells: readonly Cell[],
  y: number,
  height: number,
  font: FontName,
  fill?: string,
): number {
  for (const cell of cells) {
    if (fill) doc.rect(cell.x, y, cell.width, height).fillColor(fill).fill();
    doc.rect(cell.x, y, cell.width, height).lineWidth(0.5).strokeColor('black').stroke();
    const inner = Math.min(textHeight(doc, layout, cell, font), height - 2 * layout.padding);
    doc
      .fillColor('black')
      .font(font)
      .fontSize(layout.fontSize)
      .text(cell.text, cell.x + layout.padding, y + (height - inner) / 2, {
        width: cell.width - 2 * layout.padding,
        // With a height, pdfkit stops at the cell's bottom instead of continuing on a new page.
        height: height - layout.padding,
        align: cell.align,
      });
  }
  return y + height;
}
