import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { decodeUtf8, readInputFile } from './inputFile.js';

/**
 * Point files written by people: JSON or CSV holding a d×n matrix W (rows = input coordinates,
 * columns = neurons), optionally with a teacher V. Every number keeps its ORIGINAL decimal
 * text ("0.1" stays "0.1", never the double nearest to it): JSON is parsed by a small parser
 * below that returns number tokens as source text, CSV fields are taken verbatim.
 * Malformed input is an InputError "FILE:LINE: what is wrong".
 */

export interface PointData {
  W: string[][];
  V?: string[][];
}

// ---------------------------------------------------------------------------------------------
// JSON with numbers kept as source text

export type JsonNode =
  | { kind: 'null'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'number'; pos: number; text: string }
  | { kind: 'string'; pos: number; value: string }
  | { kind: 'array'; pos: number; items: JsonNode[] }
  | { kind: 'object'; pos: number; entries: Map<string, JsonNode> };

const MAX_DEPTH = 512;

/** 1-based line number of a character offset. */
export function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses JSON (RFC 8259) into nodes that remember their offset; numbers stay source text. */
export function parseJsonNodes(text: string, label: string, lineOffset = 0): JsonNode {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (what: string, at = pos): never => {
    throw new InputError(`${label}:${lineOf(text, at) + lineOffset}: ${what}`);
  };
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else return;
    }
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, pos)) pos += word.length;
    else fail(`invalid JSON (unexpected '${text.slice(pos, pos + 10)}')`);
  };
  const str = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    let chunk = pos;
    for (;;) {
      if (pos >= text.length) fail('invalid JSON (unterminated string)', start);
      const c = text.charCodeAt(pos);
      if (c === 34) {
        out += text.slice(chunk, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail('invalid JSON (control character in a string)');
      if (c === 92) {
        out += text.slice(chunk, pos);
        const e = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else fail('invalid JSON (bad escape in a string)');
        chunk = pos;
      } else pos++;
    }
  };
  const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail('JSON nested too deeply');
    ws();
    const at = pos;
    const c = text[pos];
    switch (c) {
      case '{': {
        pos++;
        const entries = new Map<string, JsonNode>();
        ws();
        if (text[pos] === '}') {
          pos++;
          return { kind: 'object', pos: at, entries };
        }
        for (;;) {
          ws();
          if (text[pos] !== '"') fail('invalid JSON (expected a quoted key)');
          const key = str();
          ws();
          if (text[pos] !== ':') fail("invalid JSON (expected ':')");
          pos++;
          entries.set(key, value(depth + 1));
          ws();
          if (text[pos] === ',') pos++;
          else if (text[pos] === '}') {
            pos++;
            return { kind: 'object', pos: at, entries };
          } else fail("invalid JSON (expected ',' or '}')");
        }
      }
      case '[': {
        pos++;
        const items: JsonNode[] = [];
        ws();
        if (text[pos] === ']') {
          pos++;
          return { kind: 'array', pos: at, items };
        }
        for (;;) {
          items.push(value(depth + 1));
          ws();
          if (text[pos] === ',') pos++;
          else if (text[pos] === ']') {
            pos++;
            return { kind: 'array', pos: at, items };
          } else fail("invalid JSON (expected ',' or ']')");
        }
      }
      case '"':
        return { kind: 'string', pos: at, value: str() };
      case 't':
        literal('true');
        return { kind: 'bool', pos: at, value: true };
      case 'f':
        literal('false');
        return { kind: 'bool', pos: at, value: false };
      case 'n':
        literal('null');
        return { kind: 'null', pos: at };
      default: {
        NUMBER.lastIndex = pos;
        const m = NUMBER.exec(text);
        if (!m || m[0].length === 0 || m[0] === '-') {
          return fail(c === undefined ? 'invalid JSON (unexpected end of input)' : `invalid JSON (unexpected '${text.slice(pos, pos + 12)}')`);
        }
        pos += m[0].length;
        return { kind: 'number', pos: at, text: m[0] };
      }
    }
  };
  const root = value(0);
  ws();
  if (pos < text.length) fail('invalid JSON (unexpected text after the value)');
  return root;
}

/** Plain JS value of a node (numbers as doubles), for fields that are not exact inputs. */
export function plainOfNode(n: JsonNode): unknown {
  switch (n.kind) {
    case 'null':
      return null;
    case 'bool':
    case 'string':
      return n.value;
    case 'number':
      return Number(n.text);
    case 'array':
      return n.items.map(plainOfNode);
    case 'object': {
      const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const [k, v] of n.entries) o[k] = plainOfNode(v);
      return o;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// decimal strings and matrices

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Checks that `s` is a finite decimal number and returns its text unchanged except for
 * surrounding blanks and a leading '+' (which big.js does not accept). Returns undefined for
 * anything else (NaN, Infinity, hex, empty, words).
 */
export function normalizeDecimal(s: string): string | undefined {
  const t = s.trim();
  if (!DECIMAL.test(t)) return undefined;
  return t.startsWith('+') ? t.slice(1) : t;
}

/**
 * A non-empty rectangular matrix of decimal strings from a JSON node (`what` names it in errors;
 * `lineOffset` is added to line numbers computed in `text`, for one line of a JSONL file).
 */
export function matrixOfNode(node: JsonNode, text: string, label: string, what: string, lineOffset = 0): string[][] {
  const at = (n: JsonNode): string => `${label}:${lineOf(text, n.pos) + lineOffset}`;
  if (node.kind !== 'array') throw new InputError(`${at(node)}: ${what} must be an array of rows (one per input coordinate)`);
  if (node.items.length === 0) throw new InputError(`${at(node)}: ${what} is empty`);
  const rows: string[][] = [];
  let width = -1;
  node.items.forEach((rowNode, r) => {
    if (rowNode.kind !== 'array') throw new InputError(`${at(rowNode)}: row ${r} of ${what} is not an array (expected rows = input coordinates, columns = neurons)`);
    if (rowNode.items.length === 0) throw new InputError(`${at(rowNode)}: row ${r} of ${what} is empty`);
    if (width < 0) width = rowNode.items.length;
    else if (rowNode.items.length !== width) {
      throw new InputError(`${at(rowNode)}: row ${r} of ${what} has ${rowNode.items.length} entries, row 0 has ${width} (ragged rows)`);
    }
    rows.push(
      rowNode.items.map((e, c) => {
        let d: string | undefined;
        if (e.kind === 'number') d = e.text;
        else if (e.kind === 'string') d = normalizeDecimal(e.value);
        if (d === undefined) {
          const shown = e.kind === 'string' ? JSON.stringify(e.value) : e.kind;
          throw new InputError(`${at(e)}: ${what}[${r}][${c}] = ${shown} is not a finite decimal number`);
        }
        return d;
      }),
    );
  });
  return rows;
}

/** W and/or V of a JSON point: a bare matrix (taken as W) or an object {W?, V?}. */
export function pointPartsOfJson(text: string, label: string): { W?: string[][]; V?: string[][] } {
  return pointPartsOfNode(parseJsonNodes(text, label), text, label);
}

export function pointPartsOfNode(root: JsonNode, text: string, label: string): { W?: string[][]; V?: string[][] } {
  if (root.kind === 'array') return { W: matrixOfNode(root, text, label, 'W') };
  if (root.kind === 'object') {
    const w = root.entries.get('W');
    const v = root.entries.get('V');
    if (!w && !v) throw new InputError(`${label}:${lineOf(text, root.pos)}: JSON object has neither "W" nor "V"`);
    const out: { W?: string[][]; V?: string[][] } = {};
    if (w) out.W = matrixOfNode(w, text, label, 'W');
    if (v) out.V = matrixOfNode(v, text, label, 'V');
    return out;
  }
  throw new InputError(`${label}:${lineOf(text, root.pos)}: expected a JSON array of rows or an object {"W": …, "V": …}`);
}

/** A point in the compact form of DESIGN.md §6 as read from JSON (exact strings, not yet validated as a whole). */
export interface CompactPointData {
  p: number[];
  vals: string[][];
}

/**
 * The compact point of a JSON object {"p": [p_1, …, p_m], "vals": [[…], …]} (DESIGN.md §6: block
 * sizes, then m rows of m + 1 values, numbers or decimal strings kept as written). The identity
 * teacher is implied: "W" or "V" beside "p" is an InputError, as is any other key. Shape
 * (m×(m+1), Σp) is checked by the caller (src/symmetric/compactPoint.ts validateCompactPoint).
 */
export function compactPointOfNode(root: JsonNode & { kind: 'object' }, text: string, label: string): CompactPointData {
  const at = (n: JsonNode): string => `${label}:${lineOf(text, n.pos)}`;
  for (const [key, node] of root.entries) {
    if (key === 'W' || key === 'V') {
      throw new InputError(`${at(node)}: "${key}" beside "p": a compact point {"p", "vals"} implies the identity teacher and d = n = k = Σp`);
    }
    if (key !== 'p' && key !== 'vals') throw new InputError(`${at(node)}: unknown key "${key}" in a compact point (expected "p" and "vals")`);
  }
  const pNode = root.entries.get('p');
  const valsNode = root.entries.get('vals');
  if (!pNode || !valsNode) throw new InputError(`${at(root)}: a compact point needs both "p" and "vals"`);
  if (pNode.kind !== 'array' || pNode.items.length === 0) throw new InputError(`${at(pNode)}: "p" must be a non-empty array of block sizes`);
  const p = pNode.items.map((e, b) => {
    const x = e.kind === 'number' ? Number(e.text) : NaN;
    if (!Number.isSafeInteger(x) || x < 1 || (e.kind === 'number' && !/^\d+$/.test(e.text))) {
      throw new InputError(`${at(e)}: p[${b}] = ${e.kind === 'number' ? e.text : e.kind} is not a positive integer`);
    }
    return x;
  });
  const vals = matrixOfNode(valsNode, text, label, 'vals');
  return { p, vals };
}

export function parsePointJson(text: string, label: string): PointData {
  const parts = pointPartsOfJson(text, label);
  if (!parts.W) throw new InputError(`${label}:1: JSON point has no "W"`);
  const out: PointData = { W: parts.W };
  if (parts.V) {
    if (parts.V.length !== parts.W.length) {
      throw new InputError(`${label}: V has ${parts.V.length} rows but W has ${parts.W.length} (both are d × ·)`);
    }
    out.V = parts.V;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * CSV: one line per input coordinate, fields separated by commas, no quoting beyond optional
 * double quotes around a field. Blank lines and lines starting with '#' are ignored; a first
 * line whose fields are all non-numeric is taken as a header and ignored.
 */
export function parsePointCsv(text: string, label: string): string[][] {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const rows: string[][] = [];
  let width = -1;
  let widthLine = 0;
  let first = true;
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const fields = line.split(',').map((f) => {
      const t = f.trim();
      return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
    });
    const values = fields.map(normalizeDecimal);
    if (first) {
      first = false;
      if (values.every((v, j) => v === undefined && fields[j] !== '')) return; // header
    }
    values.forEach((v, j) => {
      if (v === undefined) {
        throw new InputError(
          `${label}:${lineNo}: field ${j + 1} ${fields[j] === '' ? 'is empty' : `'${fields[j]!.slice(0, 40)}' is not a finite decimal number`}`,
        );
      }
    });
    if (width < 0) {
      width = values.length;
      widthLine = lineNo;
    } else if (values.length !== width) {
      throw new InputError(`${label}:${lineNo}: ${values.length} fields, line ${widthLine} has ${width} (ragged rows)`);
    }
    rows.push(values as string[]);
  });
  if (rows.length === 0) throw new InputError(`${label}:1: no data rows`);
  return rows;
}

// ---------------------------------------------------------------------------------------------

export function pointFormatOf(path: string, text: string): 'json' | 'csv' {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  const t = text.trimStart();
  return t.startsWith('[') || t.startsWith('{') ? 'json' : 'csv';
}

/** Reads a JSON or CSV point file (format from the extension, else from the content). */
export function readPointFile(path: string): PointData & { format: 'json' | 'csv'; sha256: string } {
  const { bytes, sha256 } = readInputFile(path);
  const text = decodeUtf8(bytes, path);
  const format = pointFormatOf(path, text);
  const data = format === 'json' ? parsePointJson(text, path) : { W: parsePointCsv(text, path) };
  return { ...data, format, sha256 };
}
