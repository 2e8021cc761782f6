/**
 * JSON parsing that refuses what JSON.parse silently accepts: an object with two equal keys
 * (JSON.parse keeps the last, so a certificate could carry a checked value and a different
 * effective one) and nesting deep enough to exhaust the stack. Values are those of JSON.parse.
 *
 * Method: a single left-to-right scan that tracks, per open object, the set of keys seen (keys
 * compared after JSON string unescaping, as JSON.parse compares them), and the nesting depth; the
 * text is then handed to JSON.parse, which decides syntax. The scan itself only needs to find
 * string boundaries and structural characters, which JSON makes unambiguous outside strings.
 */

export class StrictJsonError extends Error {}

/** Deepest nesting of arrays/objects accepted (certificates nest about 8 levels). */
export const MAX_JSON_DEPTH = 64;

/**
 * JSON.parse(text), but throws StrictJsonError for a duplicated key (naming it and its JSON path)
 * or nesting deeper than MAX_JSON_DEPTH; SyntaxError for malformed JSON, as JSON.parse.
 */
export function parseJsonStrict(text: string): unknown {
  const value: unknown = JSON.parse(text); // syntax first: the scan below may assume well-formed JSON
  checkKeys(text);
  return value;
}

interface Frame {
  kind: 'object' | 'array';
  keys?: Set<string>;
  /** In an object: the next string read is a key (true) or a value (false). */
  expectKey: boolean;
  /** Path segment of this container, for messages. */
  path: string;
  /** Current key (objects) or index (arrays), for the path of children. */
  cursor: string;
  index: number;
}

function checkKeys(text: string): void {
  const stack: Frame[] = [];
  let i = 0;
  const n = text.length;
  const pathOf = () => stack.map((f) => f.cursor).join('');
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"') {
      // Read a string; the JSON is valid, so a backslash always escapes the next character.
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const raw = text.slice(i, j + 1);
      const top = stack[stack.length - 1];
      if (top && top.kind === 'object' && top.expectKey) {
        const key = JSON.parse(raw) as string;
        if (top.keys!.has(key)) {
          throw new StrictJsonError(`duplicated key ${JSON.stringify(key)} in the object at ${top.path || '(root)'}`);
        }
        top.keys!.add(key);
        top.cursor = `.${key}`;
        top.expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (ch === '{' || ch === '[') {
      if (stack.length >= MAX_JSON_DEPTH) throw new StrictJsonError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels at ${pathOf() || '(root)'}`);
      const path = pathOf();
      const parent = stack[stack.length - 1];
      if (parent && parent.kind === 'array') parent.cursor = `[${parent.index}]`;
      stack.push(
        ch === '{'
          ? { kind: 'object', keys: new Set(), expectKey: true, path, cursor: '', index: 0 }
          : { kind: 'array', expectKey: false, path, cursor: '[0]', index: 0 },
      );
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const top = stack[stack.length - 1]!;
      if (top.kind === 'object') top.expectKey = true;
      else top.cursor = `[${++top.index}]`;
    }
    i++;
  }
}
