import type { Locale } from '#kernel/customer';

/**
 * What an email says, as a few kinds of blocks that one renderer turns into both the plain-text
 * and the HTML part. Templates never write HTML: everything they say is escaped here, once, so a
 * customer named `<script>` is printed, never run, whatever template shows the name.
 */
export type Block =
  | { kind: 'paragraph'; text: string }
  /** Label and value pairs: order lines, totals, a parcel's carrier and number. */
  | { kind: 'rows'; rows: readonly Row[] }
  | { kind: 'list'; items: readonly string[] }
  | { kind: 'link'; label: string; url: string };

export interface Row {
  label: string;
  value: string;
  /** The row that matters most (a total). */
  strong?: boolean;
}

export interface EmailContent {
  subject: string;
  /** The title atop the HTML part and the first line of the text part. */
  heading: string;
  blocks: readonly Block[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe inside HTML elements and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c] ?? c);

/** Only web links become anchors: a `javascript:` or `data:` URL in data is shown as text, never clickable. */
const isWebUrl = (url: string): boolean => /^https?:\/\/[^\s]+$/i.test(url);

// A header or a subject spanning lines could smuggle headers in some mail paths: one line only.
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ').trim();

const textOf = (block: Block): string => {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'rows': {
      const width = Math.max(...block.rows.map((r) => r.label.length));
      return block.rows.map((r) => `${r.label.padEnd(width)}  ${r.value}`).join('\n');
    }
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'link':
      return `${block.label}: ${block.url}`;
  }
};

const cell = 'padding:4px 12px 4px 0;vertical-align:top';

const htmlOf = (block: Block): string => {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text).replace(/\n/g, '<br>')}</p>`;
    case 'rows':
      return `<table role="presentation" style="border-collapse:collapse">${block.rows
        .map((r) => {
          const [open, close] = r.strong ? ['<strong>', '</strong>'] : ['', ''];
          return `<tr><td style="${cell}">${open}${escapeHtml(r.label)}${close}</td><td style="${cell};text-align:right">${open}${escapeHtml(r.value)}${close}</td></tr>`;
        })
        .join('')}</table>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'link':
      return isWebUrl(block.url)
        ? `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`
        : `<p>${escapeHtml(block.label)}: ${escapeHtml(block.url)}</p>`;
  }
};

/** The email as it is sent: its subject, a plain-text part and an HTML part saying the same. */
export const renderEmail = (content: EmailContent, locale: Locale): RenderedEmail => {
  const subject = oneLine(content.subject);
  const text = [content.heading, ...content.blocks.map(textOf)].join('\n\n') + '\n';
  const html = [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222">',
    `<h1 style="font-size:20px">${escapeHtml(content.heading)}</h1>`,
    ...content.blocks.map(htmlOf),
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
};
