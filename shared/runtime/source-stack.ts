import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Stacks mapped back to the TypeScript they came from, for the errors we log. The functions run
 * without `--enable-source-maps`, which reads every chunk's map at each cold start (10 to 30 ms
 * of it, issue 15); the maps ship beside the chunks and are read here instead, by the first
 * unexpected error of a container, then kept. A frame with no map beside its file (a `.ts` file
 * under tsx, Node's own) is left as it is.
 */
const maps = new Map<string, SourceMap | null>();

const mapOf = (file: string): SourceMap | null => {
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
    } catch {
      maps.set(file, null);
    }
  }
  return maps.get(file) ?? null;
};

// `    at name (file:///var/task/index.mjs:1:2345)` or `    at file:///var/task/index.mjs:1:2345`
const FRAME = /^(\s*at (?:.*? \()?)((?:file:\/\/)?\/[^\s():]+\.m?js):(\d+):(\d+)(\)?)$/;

/** Where a map's source path points, from the bundle's folder: `functions/carts/handler.ts`, not `../../functions/...`. */
const sourcePath = (source: string): string => source.replace(/^(\.\.\/)+/, '');

const mappedFrame = (line: string): string => {
  const match = FRAME.exec(line);
  if (!match) return line;
  const [, head, location, lineNumber, column, tail] = match as unknown as [string, string, string, string, string, string];
  const file = location.startsWith('file://') ? fileURLToPath(location) : location;
  const entry = mapOf(file)?.findEntry(Number(lineNumber) - 1, Number(column) - 1);
  if (!entry || !('originalSource' in entry)) return line;
  return `${head}${sourcePath(path.normalize(entry.originalSource))}:${entry.originalLine + 1}:${entry.originalColumn + 1}${tail}`;
};

/** `stack` with every frame in a bundled chunk replaced by its place in the sources. */
export const sourceStack = (stack: string): string => stack.split('\n').map(mappedFrame).join('\n');

/** The error itself, its stack (and its causes') mapped to the sources, ready to be logged. */
export const withSourceStack = <E>(error: E): E => {
  if (error instanceof Error) {
    if (error.stack) error.stack = sourceStack(error.stack);
    if (error.cause instanceof Error && error.cause !== error) withSourceStack(error.cause);
  }
  return error;
};
