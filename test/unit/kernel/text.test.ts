import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import '#kernel/zod-locale';
import { humanText, keptText } from '#kernel/text';

const line = humanText({ maxLength: 40 });
const optionalLine = humanText({ maxLength: 40, mayBeEmpty: true });
const paragraph = humanText({ maxLength: 200, multiline: true, mayBeEmpty: true });

/** The messages a 400 would list for `text`, or the text kept. */
const read = (schema: z.ZodMiniType<string>, text: string) => {
  const parsed = schema.safeParse(text);
  return parsed.success ? { kept: parsed.data } : { refused: parsed.error.issues.map((i) => i.message) };
};

describe('humanText: names, address lines, reasons, product texts', () => {
  it('keeps ordinary text of any script, trimmed', () => {
    for (const text of ['Camille Martin', "Zoë O'Brien-Łukasz", '東京都港区', 'محمد', 'Ἀθῆναι', 'Café 😀', 'Nguyễn Văn A']) {
      expect(read(line, ` ${text} `)).toEqual({ kept: text });
    }
  });

  it('keeps text in composed form (NFC): e and a combining accent is é, one character', () => {
    expect(read(line, 'Zoe\u0301')).toEqual({ kept: 'Zo\u00e9' });
    expect(read(humanText({ maxLength: 3 }), 'Zoe\u0301')).toEqual({ kept: 'Zoé' });
  });

  it('refuses control characters in a line: NUL, BEL, ESC (terminal sequences), DEL, C1, line breaks and tabs', () => {
    for (const text of ['A\u0000B', 'A\u0007C', 'rue\u001b[31m', 'A\u007fB', 'A\u0085B', 'A\u009bB', 'one\ntwo', 'one\r\ntwo', 'a\tb', 'a\u2028b']) {
      expect({ text, ...read(line, text) }).toEqual({ text, refused: ['must not contain control characters or line breaks'] });
    }
  });

  it('keeps the line feeds and tabs of a multi-line text, and refuses its other control characters', () => {
    expect(read(paragraph, 'Stoneware.\n\tDishwasher safe.')).toEqual({ kept: 'Stoneware.\n\tDishwasher safe.' });
    for (const text of ['a\r\nb', 'a\u0000b', 'a\u001b[2Jb', 'a\u0085b']) {
      expect({ text, ...read(paragraph, text) }).toEqual({ text, refused: ['must not contain control characters other than line feeds (\\n) and tabs'] });
    }
  });

  it('refuses an unpaired surrogate, which is not Unicode text (strict JSON readers refuse it), and keeps a paired one', () => {
    for (const text of ['\ud800Zoé', 'Zoé\udc00', 'a\udbffb']) {
      expect({ text, ...read(line, text) }).toEqual({ text, refused: ['must not contain an unpaired UTF-16 surrogate (it is not Unicode text)'] });
    }
    expect(read(line, '\ud83d\ude00')).toEqual({ kept: '😀' });
  });

  it('refuses bidirectional overrides, embeddings and isolates, which reorder what is shown', () => {
    for (const char of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(read(line, `${char}evil\u202c`).refused).toEqual([
        'must not contain bidirectional override, embedding or isolate characters (U+202A to U+202E, U+2066 to U+2069)',
      ]);
    }
  });

  it('refuses text with nothing visible once spaces and invisible characters are set aside', () => {
    for (const text of ['\u200b', '\u200c\u200d', ' \u2060 ', '\u200b\ufeff\u200b', '\u00a0\u200b\u3000', '\u2800', '\u0301', ' \u0301\u0308 ', '\u2800\u200b']) {
      expect({ text, ...read(line, text) }).toEqual({ text, refused: ['must contain visible characters, not only spaces or invisible ones'] });
      expect({ text, ...read(optionalLine, text) }).toEqual({ text, refused: ['must contain visible characters, not only spaces or invisible ones'] });
    }
    // Joiners inside visible text are part of it (emoji sequences, Persian, Indic scripts).
    expect(read(line, '👩\u200d💻 Dev')).toEqual({ kept: '👩\u200d💻 Dev' });
    expect(read(line, 'می\u200cخواهم')).toEqual({ kept: 'می\u200cخواهم' });
    // Marks on their letters are text (NFC keeps those it cannot compose: Vietnamese, Devanagari).
    expect(read(line, 'Nguyễn Thị Minh')).toEqual({ kept: 'Nguyễn Thị Minh' });
    expect(read(line, 'हिन्दी')).toEqual({ kept: 'हिन्दी' });
  });

  it('refuses a blank text as too short, unless it may be empty', () => {
    expect(read(line, '   ')).toEqual({ refused: ['Too small: expected string to have >=1 characters'] });
    expect(read(optionalLine, '   ')).toEqual({ kept: '' });
  });

  it('counts its length once trimmed and composed', () => {
    expect(read(humanText({ maxLength: 3 }), 'abcd').refused).toEqual(['Too big: expected string to have <=3 characters']);
  });
});

describe('keptText: the same fields as sent back', () => {
  it('shows what was kept before the rules, rather than failing the response', () => {
    expect(keptText({ maxLength: 40 }).parse('A\u0000B\u202e')).toBe('A\u0000B\u202e');
  });

  it('is documented as humanText is, so one schema describes both directions', () => {
    for (const rules of [{ maxLength: 40 }, { maxLength: 40, mayBeEmpty: true }]) {
      expect(z.toJSONSchema(keptText(rules), { io: 'output' })).toEqual(z.toJSONSchema(humanText(rules), { io: 'input' }));
    }
  });
});
