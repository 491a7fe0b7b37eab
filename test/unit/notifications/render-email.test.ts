import { describe, expect, it } from 'vitest';
import { escapeHtml, renderEmail, type EmailContent } from '#notifications/domain/email';

const content = (overrides: Partial<EmailContent> = {}): EmailContent => ({
  subject: 'Subject',
  heading: 'Heading',
  blocks: [
    { kind: 'paragraph', text: 'First line\nsecond line' },
    { kind: 'rows', rows: [{ label: 'Short', value: '1' }, { label: 'Much longer', value: '2', strong: true }] },
    { kind: 'list', items: ['a', 'b'] },
    { kind: 'link', label: 'Open', url: 'https://example.com/x?a=1&b=2' },
  ],
  ...overrides,
});

describe('rendering an email', () => {
  it('says the same in its text and HTML parts', () => {
    const { text, html } = renderEmail(content(), 'en');
    expect(text).toBe('Heading\n\nFirst line\nsecond line\n\nShort        1\nMuch longer  2\n\n- a\n- b\n\nOpen: https://example.com/x?a=1&b=2\n');
    expect(html).toContain('<h1 style="font-size:20px">Heading</h1>');
    expect(html).toContain('<p>First line<br>second line</p>');
    expect(html).toContain('<strong>Much longer</strong>');
    expect(html).toContain('<ul><li>a</li><li>b</li></ul>');
    expect(html).toContain('<a href="https://example.com/x?a=1&amp;b=2">Open</a>');
  });

  it('escapes every character that means something in HTML, in text and in attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    const { html } = renderEmail(content({ heading: '<script>h</script>', blocks: [{ kind: 'link', label: '<b>', url: 'https://e.com/"onmouseover="x' }] }), 'fr');
    expect(html).not.toMatch(/<script>|<b>|"onmouseover/);
    expect(html).toContain('<a href="https://e.com/&quot;onmouseover=&quot;x">&lt;b&gt;</a>');
  });

  it('keeps a subject on one line, so data can never add a header', () => {
    expect(renderEmail(content({ subject: 'Order 1\r\nBcc: someone@example.com' }), 'en').subject).toBe('Order 1 Bcc: someone@example.com');
  });
});
