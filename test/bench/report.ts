/** Markdown tables for the console (and the README): one per section, then the budgets. */

type Cell = string | number | boolean | undefined;

const show = (v: Cell): string => (v === undefined ? '' : typeof v === 'boolean' ? (v ? 'pass' : 'FAIL') : String(v));

export const table = (title: string, rows: Record<string, Cell>[]): string => {
  if (rows.length === 0) return `### ${title}\n\n(nothing measured)\n`;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [`### ${title}`, '', line(columns), line(columns.map(() => '---')), ...rows.map((r) => line(columns.map((c) => show(r[c])))), ''].join('\n');
};

export const notes = (title: string, lines: readonly string[]): string => (lines.length === 0 ? '' : [`${title}`, ...lines.map((l) => `- ${l}`), ''].join('\n'));
