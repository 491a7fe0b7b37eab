/**
 * Writing text on a pdfkit page in Roboto, embedded (the subset a document uses): Latin with its
 * European accents (Polish, Czech, Romanian…), Greek, Cyrillic and Vietnamese print as they are
 * written, as the JSON invoice shows them. The PDF standard fonts (Helvetica) read WinAnsi only,
 * so "Łódź" printed as "Lodz" on an invoice whose JSON said "Łódź".
 */
import { existsSync, readFileSync } from 'node:fs';
import type PDFDocument from 'pdfkit';

/** A pdfkit document (the type only: pdfkit itself is loaded where a PDF is made). */
export type Pdf = typeof PDFDocument;

export const REGULAR = 'Roboto';
export const BOLD = 'Roboto-Bold';
const FONT_FILES = { [REGULAR]: 'Roboto-Regular.woff', [BOLD]: 'Roboto-Bold.woff' } as const;

/**
 * The fonts are files beside the code: `./fonts` here, in the sources; in a bundle, `fonts/` at
 * its root (`bundleFunction` copies them), one level above the chunk this module is bundled in.
 */
const fontBytes = (() => {
  const read = new Map<string, Buffer>();
  return (file: string): Buffer => {
    const found = read.get(file);
    if (found) return found;
    const where = [new URL(`fonts/${file}`, import.meta.url), new URL(`../fonts/${file}`, import.meta.url)].find((url) => existsSync(url));
    if (!where) throw new Error(`The font ${file} is not beside the code that prints PDFs (fonts/ or ../fonts/ from ${import.meta.url}).`);
    const bytes = readFileSync(where);
    read.set(file, bytes);
    return bytes;
  };
})();

/** Makes the documents' two fonts available by name on a new document. */
export const useFonts = (pdf: InstanceType<Pdf>): void => {
  for (const [name, file] of Object.entries(FONT_FILES)) pdf.registerFont(name, fontBytes(file));
};

/**
 * The code points both fonts draw (Roboto's coverage, checked against the font files by
 * test/unit/payments/accounting-document-pdf.test.ts): Latin-1 and Latin Extended-A, Romanian's
 * commas, Vietnamese, Greek, Cyrillic, and the punctuation and currency signs of WinAnsi.
 */
export const PRINTABLE_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], [0xa0, 0x17f], [0x1a0, 0x1a1], [0x1af, 0x1b0], [0x218, 0x21b], [0x384, 0x38a], [0x38c, 0x38c], [0x38e, 0x3a1],
  [0x3a3, 0x3ce], [0x400, 0x45f], [0x490, 0x4ff], [0x1ea0, 0x1ef9], [0x2010, 0x2011], [0x2013, 0x2014], [0x2018, 0x201e],
  [0x2020, 0x2022], [0x2026, 0x2026], [0x2030, 0x2030], [0x2039, 0x203a], [0x20ac, 0x20ac], [0x2122, 0x2122],
];
const printable = (codePoint: number) => PRINTABLE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);

/** Characters the fonts lack but that have a close printable form. */
const LOOKALIKES: Record<string, string> = { '\u202f': '\u00a0', '\u2212': '-' };

/**
 * Text as the fonts can show it. A character they do not draw would print as an empty box: it
 * loses its accent instead when it has a printable base letter, and what has none (Chinese,
 * emoji) becomes "?". Line breaks and tabs become spaces.
 */
export const printableText = (text: string): string =>
  Array.from(text, (char) => {
    const codePoint = char.codePointAt(0) ?? 0;
    if (printable(codePoint)) return char;
    const lookalike = LOOKALIKES[char];
    if (lookalike) return lookalike;
    if (/\s/u.test(char)) return ' ';
    const base = char.normalize('NFD').replace(/\p{M}/gu, '');
    return base !== '' && Array.from(base).every((c) => printable(c.codePointAt(0) ?? 0)) ? base : '?';
  }).join('');

/** A4 in points, with 15 mm margins; the footer sits in the bottom margin's upper part. */
export const page = { margin: 42, width: 595.28, height: 841.89, footer: 22 } as const;
export const contentWidth = page.width - 2 * page.margin;
/** Where content must stop on every page, above the footer. */
export const contentBottom = page.height - page.margin - page.footer;

export const colors = { ink: '#1f2328', muted: '#59636e', rule: '#d1d9e0', fill: '#f0f2f4', accent: '#1f2a44', onAccent: '#ffffff' } as const;

export interface TextStyle {
  width: number;
  font?: typeof REGULAR | typeof BOLD;
  size?: number;
  color?: string;
  align?: 'left' | 'right' | 'center';
}

const LINE_GAP = 1;

const styled = (pdf: Pdf, style: TextStyle) =>
  pdf
    .font(style.font ?? REGULAR)
    .fontSize(style.size ?? 9)
    .fillColor(style.color ?? colors.ink);

/** Writes `text` in a box of the style's width at (x, y), wrapping as needed; returns the y under it. */
export const write = (pdf: Pdf, text: string, x: number, y: number, style: TextStyle): number => {
  styled(pdf, style).text(printableText(text), x, y, { width: style.width, align: style.align ?? 'left', lineGap: LINE_GAP });
  return pdf.y;
};

/** The height `write` would take for the same text and style. */
export const measure = (pdf: Pdf, text: string, style: TextStyle): number =>
  styled(pdf, style).heightOfString(printableText(text), { width: style.width, lineGap: LINE_GAP });

export const rule = (pdf: Pdf, x: number, y: number, width: number, color: string = colors.rule) =>
  pdf.moveTo(x, y).lineTo(x + width, y).lineWidth(0.6).strokeColor(color).stroke();

export const band = (pdf: Pdf, x: number, y: number, width: number, height: number, color: string = colors.fill) =>
  pdf.rect(x, y, width, height).fillColor(color).fill();
