/**
 * Writing text on a pdfkit page with the PDF standard fonts (Helvetica): no font file to ship or
 * bundle, at the price of their encoding, WinAnsi (Latin-1 and a few signs such as €, œ, Š).
 */
import type PDFDocument from 'pdfkit';

/** A pdfkit document (the type only: pdfkit itself is loaded where a PDF is made). */
export type Pdf = typeof PDFDocument;

/** WinAnsi's characters outside Latin-1, by code point. */
const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);
const encodable = (codePoint: number) => (codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff) || WIN_ANSI_EXTRA.has(codePoint);

/** Letters that do not decompose into a base letter and an accent. */
const LOOKALIKES: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', '\u202f': '\u00a0', '\u2212': '-', '\u2010': '-', '\u2011': '-' };

/**
 * Text as the standard fonts can show it. pdfkit writes any other character as bytes that print
 * as garbage, so a Polish or Czech buyer's name loses its accents instead ("Dvořák" → "Dvorák"),
 * and what has no Latin form becomes "?". Line breaks and tabs become spaces.
 */
export const winAnsi = (text: string): string =>
  Array.from(text, (char) => {
    const codePoint = char.codePointAt(0) ?? 0;
    if (encodable(codePoint)) return char;
    if (/\s/u.test(char)) return ' ';
    const lookalike = LOOKALIKES[char];
    if (lookalike) return lookalike;
    const base = char.normalize('NFD').replace(/\p{M}/gu, '');
    return base !== '' && Array.from(base).every((c) => encodable(c.codePointAt(0) ?? 0)) ? base : '?';
  }).join('');

/** A4 in points, with 15 mm margins; the footer sits in the bottom margin's upper part. */
export const page = { margin: 42, width: 595.28, height: 841.89, footer: 22 } as const;
export const contentWidth = page.width - 2 * page.margin;
/** Where content must stop on every page, above the footer. */
export const contentBottom = page.height - page.margin - page.footer;

export const REGULAR = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
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
  styled(pdf, style).text(winAnsi(text), x, y, { width: style.width, align: style.align ?? 'left', lineGap: LINE_GAP });
  return pdf.y;
};

/** The height `write` would take for the same text and style. */
export const measure = (pdf: Pdf, text: string, style: TextStyle): number =>
  styled(pdf, style).heightOfString(winAnsi(text), { width: style.width, lineGap: LINE_GAP });

export const rule = (pdf: Pdf, x: number, y: number, width: number, color: string = colors.rule) =>
  pdf.moveTo(x, y).lineTo(x + width, y).lineWidth(0.6).strokeColor(color).stroke();

export const band = (pdf: Pdf, x: number, y: number, width: number, height: number, color: string = colors.fill) =>
  pdf.rect(x, y, width, height).fillColor(color).fill();
