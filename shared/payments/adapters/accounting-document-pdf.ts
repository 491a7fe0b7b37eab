import type { Address } from '#kernel/customer';
import { documentText, type AccountingDocument, type DocumentText } from './accounting-document';
import { drawLines } from './accounting-document-lines';
import { BOLD, band, colors, contentBottom, contentWidth, measure, page, rule, useFonts, write, type Pdf } from './pdf-writing';

interface Sheet {
  pdf: Pdf;
  doc: AccountingDocument;
  t: DocumentText;
}

const addressLines = (address: Address, t: DocumentText, skipName?: string) => [
  ...(address.name !== skipName ? [address.name] : []),
  address.line1,
  ...(address.line2 ? [address.line2] : []),
  `${address.postalCode} ${address.city}`,
  t.country(address.country),
];

/** The seller's identity on the left, the kind of document, its number and dates on the right. */
const drawHeading = ({ pdf, doc, t }: Sheet): number => {
  const { seller } = doc;
  const leftWidth = 255;
  let y = write(pdf, seller.name, page.margin, page.margin, { width: leftWidth, font: BOLD, size: 15 }) + 3;
  const identity = [
    `${seller.legalForm}, ${t.labels.shareCapital(t.money(seller.shareCapital))}`,
    ...addressLines(seller.address, t, seller.name),
    seller.email,
    `SIREN ${seller.siren} · ${seller.rcs}`,
    `${t.labels.vatNumber} ${seller.vatNumber}`,
  ];
  for (const line of identity) y = write(pdf, line, page.margin, y, { width: leftWidth, size: 8.5, color: colors.muted }) + 0.5;

  const rightX = page.margin + contentWidth - 250;
  let right = write(pdf, t.labels[doc.kind].toUpperCase(), rightX, page.margin - 3, { width: 250, align: 'right', font: BOLD, size: 22, color: colors.accent }) + 6;
  const facts: [string, string][] = [
    [t.labels.number, doc.number],
    [t.labels.issuedOn, t.date(doc.issuedAt)],
    ...(doc.orderNumber ? [[t.labels.order, doc.orderNumber] as [string, string]] : []),
    ...(doc.corrects ? [[t.labels.corrects, t.labels.correctsOf(doc.corrects.number, t.date(doc.corrects.issuedAt))] as [string, string]] : []),
  ];
  for (const [label, value] of facts) {
    const labelBottom = write(pdf, label, rightX, right, { width: 80, size: 8.5, color: colors.muted });
    right = Math.max(labelBottom, write(pdf, value, rightX + 80, right, { width: 170, align: 'right', font: BOLD, size: 9 })) + 3;
  }
  return Math.max(y, right);
};

/** Who is billed, and where the goods go (absent for digital goods only). */
const drawParties = ({ pdf, doc, t }: Sheet, top: number): number => {
  const gap = 18;
  const width = (contentWidth - gap) / 2;
  const boxes: [string, string[]][] = [[t.labels.buyer, [...(doc.buyer.address ? addressLines(doc.buyer.address, t) : []), doc.buyer.email]]];
  if (doc.deliveryAddress) boxes.push([t.labels.delivery, addressLines(doc.deliveryAddress, t)]);
  let bottom = top;
  boxes.forEach(([label, lines], i) => {
    const x = page.margin + i * (width + gap);
    let y = write(pdf, label.toUpperCase(), x, top, { width, font: BOLD, size: 7.5, color: colors.muted }) + 2;
    rule(pdf, x, y, width);
    y += 5;
    lines.forEach((line, n) => {
      y = write(pdf, line, x, y, { width, font: n === 0 ? BOLD : undefined, size: 9.5 }) + 0.5;
    });
    bottom = Math.max(bottom, y);
  });
  return bottom;
};

/** At most what `drawSummary` takes: the VAT table or the totals column, whichever is longer. */
const summaryHeight = (doc: AccountingDocument) => Math.max(18 + 15 * (doc.vatByRate.length + 1), 16 * 4 + 44);

/** VAT per rate on the left; shipping, discounts and the totals on the right; how it was settled. */
const drawSummary = ({ pdf, doc, t }: Sheet, top: number): number => {
  const { labels } = t;
  // VAT per rate: a small table of three columns.
  const vatColumns = [60, 90, 90];
  const vatX = (i: number) => page.margin + vatColumns.slice(0, i).reduce((a, b) => a + b, 0);
  let y = write(pdf, labels.vatByRate, page.margin, top, { width: 240, font: BOLD, size: 9 }) + 3;
  band(pdf, page.margin, y, 240, 15);
  [labels.rate, labels.base, labels.vat].forEach((label, i) => write(pdf, label, vatX(i) + 4, y + 4, { width: (vatColumns[i] ?? 0) - 8, align: i === 0 ? 'left' : 'right', font: BOLD, size: 7.5 }));
  y += 15;
  for (const row of doc.vatByRate) {
    [t.rate(row.rate), t.money(row.base), t.money(row.vat)].forEach((cell, i) => write(pdf, cell, vatX(i) + 4, y + 4, { width: (vatColumns[i] ?? 0) - 8, align: i === 0 ? 'left' : 'right', size: 8.5 }));
    y += 15;
    rule(pdf, page.margin, y, 240);
  }

  // Totals, right-aligned in a column of their own.
  const width = 230;
  const x = page.margin + contentWidth - width;
  let right = top;
  const row = (label: string, value: string, strong = false) => {
    write(pdf, label, x, right + 3, { width: 130, size: 9, font: strong ? BOLD : undefined });
    write(pdf, value, x + 130, right + 3, { width: width - 134, align: 'right', size: 9, font: strong ? BOLD : undefined });
    right += 16;
  };
  if (doc.shipping.amount > 0) row(labels.shipping(doc.pricesIncludeTax), t.money(doc.shipping));
  if (doc.discount.amount > 0) row(labels.discounts, t.money({ ...doc.discount, amount: -doc.discount.amount }));
  if (right > top) rule(pdf, x, right + 2, width);
  right += 4;
  row(labels.excludingTax, t.money(doc.totals.excludingTax));
  row(labels.vat, t.money(doc.totals.vat));
  band(pdf, x, right + 2, width, 22, colors.accent);
  write(pdf, labels.includingTax, x + 6, right + 8, { width: 130, font: BOLD, size: 10.5, color: colors.onAccent });
  write(pdf, t.money(doc.totals.includingTax), x + 130, right + 8, { width: width - 136, align: 'right', font: BOLD, size: 10.5, color: colors.onAccent });
  right += 30;
  if (doc.settlement) {
    const sentence = doc.settlement.kind === 'paid' ? labels.paid(t.date(doc.settlement.at)) : labels.refunded(t.date(doc.settlement.at));
    right = write(pdf, sentence, x, right, { width, align: 'right', size: 8.5, color: colors.muted });
  }
  return Math.max(y, right);
};

/** The legal mentions, in small print, going on to a new page when one does not fit. */
const drawLegalMentions = ({ pdf, doc, t }: Sheet, top: number) => {
  const style = { width: contentWidth, size: 7.5, color: colors.muted };
  let y = top;
  const fit = (height: number) => {
    if (y + height <= contentBottom) return;
    pdf.addPage();
    y = page.margin;
  };
  fit(measure(pdf, t.labels.legal, { ...style, font: BOLD }) + measure(pdf, doc.legalMentions[0] ?? '', style) + 4);
  y = write(pdf, t.labels.legal.toUpperCase(), page.margin, y, { ...style, font: BOLD }) + 3;
  for (const mention of doc.legalMentions) {
    fit(measure(pdf, mention, style));
    y = write(pdf, mention, page.margin, y, style) + 2.5;
  }
};

/** On every page: what the document is, whose, and the page count (known only at the end). */
const drawFooters = ({ pdf, doc, t }: Sheet) => {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const bottomMargin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = page.height - page.margin - page.footer + 8;
    rule(pdf, page.margin, y, contentWidth);
    const style = { size: 7.5, color: colors.muted };
    write(pdf, `${t.labels[doc.kind]} ${doc.number} · ${doc.seller.name}`, page.margin, y + 5, { ...style, width: contentWidth - 90 });
    write(pdf, t.labels.page(i - start + 1, count), page.margin + contentWidth - 90, y + 5, { ...style, width: 90, align: 'right' });
    pdf.page.margins.bottom = bottomMargin;
  }
};

/**
 * An invoice or a credit note as an A4 PDF. pdfkit is imported here, when a PDF is asked for,
 * so that a function loading this module for other routes does not pay for it at cold start.
 */
export const renderAccountingDocumentPdf = async (doc: AccountingDocument): Promise<Uint8Array> => {
  const { default: PDFDocument } = await import('pdfkit');
  const t = documentText(doc.locale);
  const title = `${t.labels[doc.kind]} ${doc.number}`;
  const pdf = new PDFDocument({
    size: 'A4',
    margin: page.margin,
    bufferPages: true,
    lang: doc.locale === 'fr' ? 'fr-FR' : 'en-GB',
    displayTitle: true,
    // Dated as issued, not as printed: the same document prints the same.
    info: { Title: title, Author: doc.seller.name, Subject: title, Creator: doc.seller.name, CreationDate: new Date(doc.issuedAt) },
  });
  useFonts(pdf);
  const chunks: Uint8Array[] = [];
  pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });

  const sheet: Sheet = { pdf, doc, t };
  let y = drawHeading(sheet) + 20;
  y = drawParties(sheet, y) + 22;
  y = drawLines(pdf, doc, t, y) + 16;
  // The summary is kept whole: on the next page if it does not fit under the lines.
  if (y + summaryHeight(doc) > contentBottom) {
    pdf.addPage();
    y = page.margin;
  }
  y = drawSummary(sheet, y) + 22;
  drawLegalMentions(sheet, y);
  drawFooters(sheet);
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
};
