import type { Money } from '#kernel/money';
import type { AccountingDocument, AccountingLine, DocumentText } from './accounting-document';
import { BOLD, band, colors, contentBottom, measure, page, rule, write, type Pdf, type TextStyle } from './pdf-writing';

interface Column {
  width: number;
  header: (t: DocumentText, doc: AccountingDocument) => string;
  cell: (line: AccountingLine, t: DocumentText) => string;
}

const none = '-';
// A sum credited without goods has no units, hence no unit price (its JSON states 0).
const unitMoney = (line: AccountingLine, money: Money | undefined, t: DocumentText) => (money && line.quantity > 0 ? t.money(money) : none);

/**
 * The lines' columns, 511 points wide in all: the description takes what the amounts leave. The
 * unit price as shelved, the line's discount, then the unit price without VAT net of it (CGI ann.
 * II art. 242 nonies A), so a line reads from the price paid to the totals.
 */
const columns: Column[] = [
  { width: 131, header: (t) => t.labels.description, cell: (l) => l.description },
  { width: 28, header: (t) => t.labels.quantity, cell: (l) => (l.quantity > 0 ? String(l.quantity) : none) },
  { width: 62, header: (t, doc) => t.labels.unitPrice(doc.pricesIncludeTax), cell: (l, t) => unitMoney(l, l.unitPrice, t) },
  { width: 54, header: (t) => t.labels.lineDiscount, cell: (l, t) => (l.discount.amount > 0 ? t.money(l.discount) : none) },
  { width: 62, header: (t) => t.labels.netUnitPrice, cell: (l, t) => unitMoney(l, l.unitPriceExcludingTax, t) },
  { width: 38, header: (t) => t.labels.vatRate, cell: (l, t) => t.rate(l.vatRate) },
  { width: 66, header: (t) => t.labels.excludingTax, cell: (l, t) => t.money(l.totalExcludingTax) },
  { width: 70, header: (t) => t.labels.includingTax, cell: (l, t) => t.money(l.totalIncludingTax) },
];
const tableWidth = columns.reduce((sum, c) => sum + c.width, 0);
const xOf = (index: number) => page.margin + columns.slice(0, index).reduce((sum, c) => sum + c.width, 0);
const padding = 4;

const cellStyle = (index: number, style: Omit<TextStyle, 'width'>): TextStyle => ({
  width: (columns[index]?.width ?? 0) - 2 * padding,
  align: index === 0 ? 'left' : 'right',
  ...style,
});

const headerStyle = (index: number) => cellStyle(index, { font: BOLD, size: 7.5 });
const descriptionStyle = cellStyle(0, { size: 9 });
const skuStyle = cellStyle(0, { size: 7, color: colors.muted });
const amountStyle = (index: number) => cellStyle(index, { size: 8.5 });

/** The header row, repeated at the top of every page the lines run onto. */
const drawHeader = (pdf: Pdf, doc: AccountingDocument, t: DocumentText, top: number): number => {
  const labels = columns.map((c) => c.header(t, doc));
  const height = Math.max(...labels.map((label, i) => measure(pdf, label, headerStyle(i)))) + 2 * padding + 2;
  band(pdf, page.margin, top, tableWidth, height);
  labels.forEach((label, i) => write(pdf, label, xOf(i) + padding, top + padding + 1, headerStyle(i)));
  return top + height;
};

const rowHeight = (pdf: Pdf, line: AccountingLine, t: DocumentText) =>
  Math.max(
    measure(pdf, line.description, descriptionStyle) + measure(pdf, line.sku, skuStyle) + 1,
    ...columns.slice(1).map((c, i) => measure(pdf, c.cell(line, t), amountStyle(i + 1))),
  ) +
  2 * padding +
  1;

/**
 * The lines of the document, one row each (description, then the SKU in small print), amounts
 * right-aligned under their header. A row that would cross the footer starts a new page.
 * Returns the y under the last row.
 */
export const drawLines = (pdf: Pdf, doc: AccountingDocument, t: DocumentText, top: number): number => {
  let y = drawHeader(pdf, doc, t, top);
  for (const line of doc.lines) {
    const height = rowHeight(pdf, line, t);
    if (y + height > contentBottom) {
      pdf.addPage();
      y = drawHeader(pdf, doc, t, page.margin);
    }
    const skuTop = write(pdf, line.description, xOf(0) + padding, y + padding + 1, descriptionStyle);
    write(pdf, line.sku, xOf(0) + padding, skuTop + 1, skuStyle);
    columns.slice(1).forEach((c, i) => write(pdf, c.cell(line, t), xOf(i + 1) + padding, y + padding + 1.5, amountStyle(i + 1)));
    y += height;
    rule(pdf, page.margin, y, tableWidth);
  }
  return y;
};
