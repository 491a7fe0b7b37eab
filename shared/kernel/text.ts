import * as z from 'zod/mini';

/*
 * Text that people write and other people read: names, address lines, cities, reasons, product
 * names and descriptions. It ends up in orders, invoices and credit notes (PDF), emails, Stripe and
 * the back office, so what cannot be shown there is refused at the edge, by name:
 * - control characters (NUL, ESC and its terminal sequences, C1): invisible, and some break the
 *   PDF, the terminal or the email they reach; a multi-line text keeps its line breaks and tabs;
 * - unpaired UTF-16 surrogates: not Unicode text at all; strict JSON readers (serde_json,
 *   Python's UTF-8 encoder) then refuse our own responses;
 * - bidirectional overrides, embeddings and isolates: they reorder what is shown around them
 *   (a name that reads as another on an invoice);
 * - text that is blank once spaces and invisible characters (zero-width spaces and joiners, word
 *   joiners, byte-order marks...) are set aside: it says nothing.
 * Text is kept in Unicode's composed form (NFC): "é" typed as e + a combining accent is the same
 * name, counts as one character, and prints with the fonts' own glyph.
 */

/** C0, DEL and C1: every one in a line; in a multi-line text, all but the line feed and the tab. */
const CONTROL = /\p{Cc}|[\u2028\u2029]/u;
const CONTROL_BUT_LINES = /(?![\n\t])\p{Cc}/u;
/** In a `u` regex a surrogate matches only where it is not half of a pair. */
const LONE_SURROGATE = /\p{Cs}/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** Anything but spaces, invisible characters, marks with nothing to sit on, and the blank Braille cell (it draws nothing). */
const VISIBLE = /[^\s\p{Default_Ignorable_Code_Point}\p{M}\u2800]/u;

/** What is wrong with a text (trimmed, NFC), in the words of a 400's `errors`; nothing if it may be kept. */
export const textProblem = (text: string, multiline: boolean): string | undefined => {
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate (it is not Unicode text)';
  if (multiline ? CONTROL_BUT_LINES.test(text) : CONTROL.test(text)) {
    return multiline ? 'must not contain control characters other than line feeds (\\n) and tabs' : 'must not contain control characters or line breaks';
  }
  if (BIDI_CONTROL.test(text)) return 'must not contain bidirectional override, embedding or isolate characters (U+202A to U+202E, U+2066 to U+2069)';
  // Blank is for minLength to say (trimmed, "" is too short); this is what trimming leaves unseen.
  if (text !== '' && !VISIBLE.test(text)) return 'must contain visible characters, not only spaces or invisible ones';
  return undefined;
};

export interface TextRules {
  /** The most characters, once trimmed and composed. */
  maxLength: number;
  /** Line feeds and tabs allowed (a product's description); otherwise one line. */
  multiline?: boolean;
  /** Nothing at all (or only spaces) is accepted, as "": an address's second line. */
  mayBeEmpty?: boolean;
}

/** A text a client sends, checked as this file says; trimmed and in NFC. */
export const humanText = ({ maxLength, multiline = false, mayBeEmpty = false }: TextRules) =>
  z.string().check(
    z.normalize('NFC'),
    z.trim(),
    ...(mayBeEmpty ? [] : [z.minLength(1)]),
    z.maxLength(maxLength),
    z.superRefine((text, ctx) => {
      const problem = textProblem(text, multiline);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: text });
    }),
  );

/**
 * The same text as kept and sent back: accepted before these rules were (a name with a control
 * character saved in 2026), it is shown as it is rather than answered with a 500. Documented as
 * `humanText` is, so that the OpenAPI document keeps one schema for both directions.
 */
export const keptText = ({ maxLength, mayBeEmpty = false }: TextRules) =>
  z.string().check(...(mayBeEmpty ? [] : [z.minLength(1)]), z.maxLength(maxLength));

/** `humanText` or `keptText`: for a shape that is both accepted and sent back (an address). */
export type TextSchemaOf = typeof humanText | typeof keptText;
