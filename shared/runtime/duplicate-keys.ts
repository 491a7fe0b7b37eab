/**
 * The path of the first member a JSON text names twice in one object (`shippingAddress.city`,
 * `items.0.sku`), or undefined. `JSON.parse` keeps the last copy silently; a gateway, a WAF or a log
 * reader may keep the first, and then two parts of one system disagree on what was sent: such a
 * body is refused, naming the member. The text must be valid JSON (parse it first).
 */
export const firstDuplicateKey = (text: string): string | undefined => {
  // One frame per open object or array: the keys met so far (objects), the position in the path.
  const frames: { keys?: Set<string>; at: string; index: number }[] = [];
  let expectingKey = false;
  let lastKey = '';
  const pathTo = (name: string) => [...frames.slice(1).map((f) => f.at), name].filter((p) => p !== '').join('.');
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (expectingKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const frame = frames.at(-1)!;
        if (frame.keys!.has(key)) return pathTo(key);
        frame.keys!.add(key);
        lastKey = key;
        expectingKey = false;
      }
      i = end;
    } else if (char === '{' || char === '[') {
      const parent = frames.at(-1);
      const at = parent === undefined ? '' : parent.keys ? lastKey : String(parent.index);
      frames.push(char === '{' ? { keys: new Set(), at, index: 0 } : { at, index: 0 });
      expectingKey = char === '{';
    } else if (char === '}' || char === ']') {
      frames.pop();
      expectingKey = false;
    } else if (char === ',') {
      const frame = frames.at(-1);
      expectingKey = frame?.keys !== undefined;
      if (frame && !frame.keys) frame.index++;
    }
  }
  return undefined;
};
