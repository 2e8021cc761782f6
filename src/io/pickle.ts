import { InputError } from '../errors.js';

/**
 * A safe Python unpickler (protocols 0–5) that never imports or calls anything: it runs the
 * pickle stack machine and builds inert JavaScript values.
 *
 * - A GLOBAL / STACK_GLOBAL / INST reference becomes a `PickleGlobal { module, name }` descriptor.
 * - REDUCE, NEWOBJ, NEWOBJ_EX, OBJ and INST become `PickleObject { __class__, args, state }`
 *   records; BUILD sets `state`; APPEND(S)/SETITEM(S) on a record collect into `listItems` /
 *   `dictItems`. No Python callable is ever resolved, so a pickle naming `os.system` yields only
 *   a record that mentions it.
 * - A few pure data constructors are evaluated, because numpy pickles rely on them:
 *   `_codecs.encode(str, 'latin1')` (protocol 0–2 bytes) and `bytearray(...)` give bytes;
 *   `copyreg._reconstructor(cls, base, state)` (protocol 0–1 objects) gives a record of `cls`;
 *   `numpy…multiarray.scalar(dtype, bytes)` gives a number (see `decodeNumpyScalar`).
 *
 * Value mapping: None → null; bool → boolean; int → number when |x| ≤ 2^53 − 1, else bigint;
 * float → number; str (and Python 2 str, decoded as latin-1) → string; bytes/bytearray →
 * Uint8Array; list → array; tuple → frozen array (see `isTuple`); dict → Map; set/frozenset → Set.
 *
 * Malformed input (unknown or unsupported opcode, truncated data, stack underflow, a missing
 * memo entry, invalid UTF-8) ends in an `InputError` naming the file and the opcode's byte offset.
 * The machine has no recursion and every opcode consumes at least one byte, so it always ends.
 */

export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  toString(): string {
    return `${this.module}.${this.name}`;
  }
}

export class PickleObject {
  /** What BUILD set (Python's `__setstate__` argument or instance dict); undefined if none. */
  state: PickleValue | undefined = undefined;
  listItems: PickleValue[] | undefined = undefined;
  dictItems: [PickleValue, PickleValue][] | undefined = undefined;
  constructor(
    readonly __class__: PickleGlobal,
    readonly args: readonly PickleValue[],
    readonly kwargs?: PickleValue,
  ) {}
}

export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | readonly PickleValue[]
  | Map<PickleValue, PickleValue>
  | Set<PickleValue>
  | PickleGlobal
  | PickleObject;

/** Tuples are frozen arrays; lists are ordinary arrays. */
export function isTuple(v: PickleValue | undefined): v is readonly PickleValue[] {
  return Array.isArray(v) && Object.isFrozen(v);
}

export interface NdArray {
  /** numpy type string with byte order, e.g. '<f8', '<i4', '|u1', '|b1'. */
  dtype: string;
  shape: number[];
  /** Elements in C order (last index fastest), converted to doubles (64-bit ints beyond 2^53 round). */
  data: Float64Array;
}

const MARK = Symbol('mark');
type StackItem = PickleValue | typeof MARK;

const utf8 = new TextDecoder('utf-8', { fatal: true });

class Failure extends Error {}

export function unpickle(bytes: Uint8Array, fileLabel = '<pickle data>'): PickleValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let opPos = 0;
  const stack: StackItem[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PickleValue>();

  const fail = (what: string): never => {
    throw new InputError(`${fileLabel}: ${what} at byte offset ${opPos}`);
  };
  const need = (n: number): void => {
    if (n > bytes.length - pos) fail(`truncated pickle (needs ${n} more bytes, ${bytes.length - pos} left)`);
  };
  const u8 = (): number => {
    need(1);
    return bytes[pos++]!;
  };
  const u16 = (): number => {
    need(2);
    const v = view.getUint16(pos, true);
    pos += 2;
    return v;
  };
  const u32 = (): number => {
    need(4);
    const v = view.getUint32(pos, true);
    pos += 4;
    return v;
  };
  const i32 = (): number => {
    need(4);
    const v = view.getInt32(pos, true);
    pos += 4;
    return v;
  };
  const u64 = (): number => {
    need(8);
    const v = view.getBigUint64(pos, true);
    pos += 8;
    if (v > BigInt(bytes.length)) fail(`length ${v} exceeds the file size`);
    return Number(v);
  };
  const take = (n: number): Uint8Array => {
    need(n);
    const out = bytes.slice(pos, pos + n);
    pos += n;
    return out;
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail('truncated pickle (missing end of line)');
    const s = latin1(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const text = (b: Uint8Array): string => {
    try {
      return utf8.decode(b);
    } catch {
      return fail('invalid UTF-8 in a string');
    }
  };
  const pop = (): PickleValue => {
    const floor = marks.length > 0 ? marks[marks.length - 1]! : 0;
    if (stack.length <= floor) fail('stack underflow');
    return stack.pop() as PickleValue;
  };
  const top = (): PickleValue => {
    const floor = marks.length > 0 ? marks[marks.length - 1]! : 0;
    if (stack.length <= floor) fail('stack underflow');
    return stack[stack.length - 1] as PickleValue;
  };
  const popMark = (): PickleValue[] => {
    const m = marks.pop();
    if (m === undefined) fail('no MARK on the stack');
    return stack.splice(m!) as PickleValue[];
  };
  const push = (v: PickleValue): void => {
    stack.push(v);
  };
  const memoGet = (i: number): PickleValue => {
    if (!memo.has(i)) fail(`memo entry ${i} is missing`);
    return memo.get(i)!;
  };
  const memoPut = (i: number): void => {
    memo.set(i, top());
  };
  const appendTo = (target: PickleValue, items: PickleValue[]): void => {
    if (Array.isArray(target) && !Object.isFrozen(target)) {
      for (const it of items) (target as PickleValue[]).push(it);
    } else if (target instanceof PickleObject) {
      (target.listItems ??= []).push(...items);
    } else if (target instanceof Set) {
      for (const it of items) target.add(it);
    } else {
      fail('APPEND to a value that is not a list');
    }
  };
  const setItems = (target: PickleValue, items: PickleValue[]): void => {
    if (items.length % 2 !== 0) fail('SETITEMS with an odd number of items');
    if (target instanceof Map) {
      for (let i = 0; i < items.length; i += 2) target.set(items[i]!, items[i + 1]!);
    } else if (target instanceof PickleObject) {
      const d = (target.dictItems ??= []);
      for (let i = 0; i < items.length; i += 2) d.push([items[i]!, items[i + 1]!]);
    } else {
      fail('SETITEM on a value that is not a dict');
    }
  };
  const asGlobal = (v: PickleValue, what: string): PickleGlobal => {
    if (!(v instanceof PickleGlobal)) return fail(`${what} is not a class reference`);
    return v;
  };
  const reduce = (callable: PickleValue, args: PickleValue): PickleValue => {
    const g = asGlobal(callable, 'REDUCE callable');
    if (!Array.isArray(args)) return fail('REDUCE arguments are not a tuple');
    try {
      return evaluateDataConstructor(g, args as readonly PickleValue[]);
    } catch (err) {
      if (err instanceof Failure) return fail(err.message);
      throw err;
    }
  };

  let stopped = false;
  let result: PickleValue = null;
  try {
    while (!stopped) {
      opPos = pos;
      if (pos >= bytes.length) fail('truncated pickle (no STOP opcode)');
      const op = bytes[pos++]!;
      switch (op) {
        case 0x80: {
          const proto = u8();
          if (proto > 5) fail(`unsupported pickle protocol ${proto}`);
          break;
        }
        case 0x95: // FRAME: frames are only a buffering hint; the data follows inline
          u64();
          break;
        case 0x2e: // STOP
          result = pop();
          stopped = true;
          break;
        case 0x28: // MARK
          marks.push(stack.length);
          break;
        case 0x30: // POP
          if (marks.length > 0 && stack.length === marks[marks.length - 1]) marks.pop();
          else pop();
          break;
        case 0x31: // POP_MARK
          popMark();
          break;
        case 0x32: // DUP
          push(top());
          break;
        // ---- constants and numbers
        case 0x4e: // NONE
          push(null);
          break;
        case 0x88: // NEWTRUE
          push(true);
          break;
        case 0x89: // NEWFALSE
          push(false);
          break;
        case 0x49: {
          // INT (text); I01/I00 are bools
          const s = line().trim();
          if (s === '01') push(true);
          else if (s === '00') push(false);
          else push(parseIntText(s, fail));
          break;
        }
        case 0x4a: // BININT
          push(i32());
          break;
        case 0x4b: // BININT1
          push(u8());
          break;
        case 0x4d: // BININT2
          push(u16());
          break;
        case 0x4c: {
          // LONG (text, trailing L)
          const s = line().trim().replace(/L$/, '');
          push(parseIntText(s, fail));
          break;
        }
        case 0x8a: // LONG1
          push(longFromBytes(take(u8())));
          break;
        case 0x8b: {
          // LONG4
          const n = i32();
          if (n < 0) fail('negative LONG4 length');
          push(longFromBytes(take(n)));
          break;
        }
        case 0x46: {
          // FLOAT (text)
          const s = line().trim();
          const x = parseFloatText(s);
          if (x === undefined) fail(`bad FLOAT text '${s.slice(0, 40)}'`);
          push(x!);
          break;
        }
        case 0x47: {
          // BINFLOAT, big-endian
          need(8);
          push(view.getFloat64(pos, false));
          pos += 8;
          break;
        }
        // ---- strings and bytes
        case 0x53: // STRING (Python 2 str, repr-quoted)
          push(parseQuotedString(line().replace(/\r$/, ''), fail));
          break;
        case 0x54: {
          // BINSTRING
          const n = i32();
          if (n < 0) fail('negative BINSTRING length');
          push(latin1(take(n)));
          break;
        }
        case 0x55: // SHORT_BINSTRING
          push(latin1(take(u8())));
          break;
        case 0x56: // UNICODE (raw-unicode-escape)
          push(rawUnicodeEscape(line(), fail));
          break;
        case 0x58: // BINUNICODE
          push(text(take(u32())));
          break;
        case 0x8c: // SHORT_BINUNICODE
          push(text(take(u8())));
          break;
        case 0x8d: // BINUNICODE8
          push(text(take(u64())));
          break;
        case 0x42: // BINBYTES
          push(take(u32()));
          break;
        case 0x43: // SHORT_BINBYTES
          push(take(u8()));
          break;
        case 0x8e: // BINBYTES8
          push(take(u64()));
          break;
        case 0x96: // BYTEARRAY8
          push(take(u64()));
          break;
        // ---- containers
        case 0x5d: // EMPTY_LIST
          push([]);
          break;
        case 0x6c: // LIST
          push(popMark());
          break;
        case 0x29: // EMPTY_TUPLE
          push(Object.freeze([]));
          break;
        case 0x74: // TUPLE
          push(Object.freeze(popMark()));
          break;
        case 0x85: // TUPLE1
          push(Object.freeze([pop()]));
          break;
        case 0x86: {
          const b = pop();
          const a = pop();
          push(Object.freeze([a, b]));
          break;
        }
        case 0x87: {
          const c = pop();
          const b = pop();
          const a = pop();
          push(Object.freeze([a, b, c]));
          break;
        }
        case 0x7d: // EMPTY_DICT
          push(new Map());
          break;
        case 0x64: {
          // DICT
          const items = popMark();
          const m = new Map<PickleValue, PickleValue>();
          setItems(m, items);
          push(m);
          break;
        }
        case 0x8f: // EMPTY_SET
          push(new Set());
          break;
        case 0x91: // FROZENSET
          push(new Set(popMark()));
          break;
        case 0x90: {
          // ADDITEMS
          const items = popMark();
          const target = top();
          if (!(target instanceof Set)) fail('ADDITEMS on a value that is not a set');
          for (const it of items) (target as Set<PickleValue>).add(it);
          break;
        }
        case 0x61: {
          // APPEND
          const v = pop();
          appendTo(top(), [v]);
          break;
        }
        case 0x65: {
          // APPENDS
          const items = popMark();
          appendTo(top(), items);
          break;
        }
        case 0x73: {
          // SETITEM
          const v = pop();
          const k = pop();
          setItems(top(), [k, v]);
          break;
        }
        case 0x75: {
          // SETITEMS
          const items = popMark();
          setItems(top(), items);
          break;
        }
        // ---- memo
        case 0x67: // GET
          push(memoGet(parseIntStrict(line(), fail)));
          break;
        case 0x68: // BINGET
          push(memoGet(u8()));
          break;
        case 0x6a: // LONG_BINGET
          push(memoGet(u32()));
          break;
        case 0x70: // PUT
          memoPut(parseIntStrict(line(), fail));
          break;
        case 0x71: // BINPUT
          memoPut(u8());
          break;
        case 0x72: // LONG_BINPUT
          memoPut(u32());
          break;
        case 0x94: // MEMOIZE
          memo.set(memo.size, top());
          break;
        // ---- classes and objects (never resolved, only described)
        case 0x63: {
          // GLOBAL
          const module = line();
          const name = line();
          push(new PickleGlobal(module, name));
          break;
        }
        case 0x93: {
          // STACK_GLOBAL
          const name = pop();
          const module = pop();
          if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL needs two strings');
          push(new PickleGlobal(module as string, name as string));
          break;
        }
        case 0x52: {
          // REDUCE
          const args = pop();
          const callable = pop();
          push(reduce(callable, args));
          break;
        }
        case 0x81: {
          // NEWOBJ
          const args = pop();
          const cls = asGlobal(pop(), 'NEWOBJ class');
          if (!Array.isArray(args)) fail('NEWOBJ arguments are not a tuple');
          push(new PickleObject(cls, args as PickleValue[]));
          break;
        }
        case 0x92: {
          // NEWOBJ_EX
          const kwargs = pop();
          const args = pop();
          const cls = asGlobal(pop(), 'NEWOBJ_EX class');
          if (!Array.isArray(args)) fail('NEWOBJ_EX arguments are not a tuple');
          push(new PickleObject(cls, args as PickleValue[], kwargs));
          break;
        }
        case 0x69: {
          // INST
          const cls = new PickleGlobal(line(), line());
          push(new PickleObject(cls, popMark()));
          break;
        }
        case 0x6f: {
          // OBJ
          const items = popMark();
          if (items.length === 0) fail('OBJ without a class');
          push(new PickleObject(asGlobal(items[0]!, 'OBJ class'), items.slice(1)));
          break;
        }
        case 0x62: {
          // BUILD
          const state = pop();
          const target = top();
          if (!(target instanceof PickleObject)) fail('BUILD on a value that is not an object');
          (target as PickleObject).state = state;
          break;
        }
        case 0x50: // PERSID
        case 0x51: // BINPERSID
          fail('persistent ids are not supported');
          break;
        case 0x82:
        case 0x83:
        case 0x84:
          fail('extension-registry codes (EXT1/2/4) are not supported');
          break;
        case 0x97:
          fail('out-of-band buffers (NEXT_BUFFER) are not supported');
          break;
        case 0x98: // READONLY_BUFFER: no-op on an in-band buffer
          top();
          break;
        default:
          fail(`unknown pickle opcode 0x${op.toString(16).padStart(2, '0')}`);
      }
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (err instanceof RangeError) {
      // e.g. an allocation or BigInt limit on absurd sizes
      throw new InputError(`${fileLabel}: ${err.message} at byte offset ${opPos}`);
    }
    throw err;
  }
  // Like CPython, items left below STOP and bytes after it are ignored.
  return result;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) {
    s += String.fromCharCode(...b.subarray(i, Math.min(b.length, i + 4096)));
  }
  return s;
}

function latin1Bytes(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) return undefined;
    out[i] = c;
  }
  return out;
}

function intValue(b: bigint): number | bigint {
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

function parseIntText(s: string, fail: (what: string) => never): number | bigint {
  if (!/^[+-]?\d+$/.test(s) || s.length > 10000) fail(`bad integer text '${s.slice(0, 40)}'`);
  return intValue(BigInt(s));
}

function parseIntStrict(s: string, fail: (what: string) => never): number {
  const v = parseIntText(s.trim(), fail);
  if (typeof v !== 'number' || v < 0) fail(`bad memo index '${s.slice(0, 40)}'`);
  return v as number;
}

function parseFloatText(s: string): number | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const special: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity, '+inf': Infinity };
  return special[s.toLowerCase()];
}

/** Little-endian two's-complement integer (LONG1/LONG4). */
function longFromBytes(b: Uint8Array): number | bigint {
  if (b.length === 0) return 0;
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  if (b[b.length - 1]! & 0x80) v -= 1n << BigInt(8 * b.length);
  return intValue(v);
}

/** Python 2 `repr(str)` text as written by protocol 0 STRING: quoted, with backslash escapes. */
function parseQuotedString(s: string, fail: (what: string) => never): string {
  const q = s[0];
  if (s.length < 2 || (q !== "'" && q !== '"') || s[s.length - 1] !== q) fail('STRING argument is not quoted');
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
    if (e === undefined) fail('STRING ends in a backslash');
    if (e! in simple) out += simple[e!];
    else if (e === 'x') {
      const h = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) fail('bad \\x escape in STRING');
      out += String.fromCharCode(parseInt(h, 16));
      i += 2;
    } else if (/[0-7]/.test(e!)) {
      let o = e!;
      while (o.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) o += body[++i];
      out += String.fromCharCode(parseInt(o, 8) & 0xff);
    } else out += `\\${e}`;
  }
  return out;
}

/** Python's raw-unicode-escape codec: latin-1 bytes with \uXXXX and \UXXXXXXXX escapes. */
function rawUnicodeEscape(s: string, fail: (what: string) => never): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/g, (_m, esc: string) => {
    const cp = parseInt(esc.slice(1), 16);
    if (cp > 0x10ffff) fail('bad \\U escape in UNICODE');
    return String.fromCodePoint(cp);
  });
}

// ---------------------------------------------------------------------------------------------
// numpy

const NUMPY_CORE = new Set(['numpy.core.multiarray', 'numpy._core.multiarray']);
const NUMPY_NUMERIC = new Set(['numpy.core.numeric', 'numpy._core.numeric']);

function isGlobal(v: PickleValue | undefined, modules: Set<string> | string, name: string): v is PickleGlobal {
  if (!(v instanceof PickleGlobal) || v.name !== name) return false;
  return typeof modules === 'string' ? v.module === modules : modules.has(v.module);
}

/**
 * REDUCE of a few pure data constructors; anything else becomes an inert record.
 * Throws `Failure` (converted to InputError with the offset by the caller) on bad arguments.
 */
function evaluateDataConstructor(g: PickleGlobal, args: readonly PickleValue[]): PickleValue {
  if ((g.module === '_codecs' && g.name === 'encode') || ((g.module === 'builtins' || g.module === '__builtin__') && g.name === 'bytearray')) {
    if (g.name === 'bytearray' && args.length === 0) return new Uint8Array(0);
    const [s, enc] = args;
    if (s instanceof Uint8Array) return s.slice();
    if (typeof s === 'string' && (enc === 'latin1' || enc === 'latin-1' || enc === 'iso-8859-1')) {
      const b = latin1Bytes(s);
      if (b) return b;
    }
    if (Array.isArray(s) && s.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 256)) {
      return Uint8Array.from(s as number[]);
    }
    throw new Failure(`unsupported arguments to ${g}`);
  }
  if ((g.module === 'builtins' || g.module === '__builtin__') && (g.name === 'set' || g.name === 'frozenset')) {
    const items = args[0];
    if (args.length === 0) return new Set();
    if (Array.isArray(items)) return new Set(items as PickleValue[]);
  }
  if ((g.module === 'copyreg' || g.module === 'copy_reg') && g.name === '_reconstructor') {
    const cls = args[0];
    if (!(cls instanceof PickleGlobal)) throw new Failure(`${g} without a class`);
    const obj = new PickleObject(cls, []);
    if (args[2] !== undefined && args[2] !== null) obj.state = args[2]!;
    return obj;
  }
  if (isGlobal(g, NUMPY_CORE, 'scalar')) {
    const x = decodeNumpyScalar(args);
    if (x !== undefined) return x;
  }
  return new PickleObject(g, args);
}

interface DtypeInfo {
  kind: string; // 'f' | 'i' | 'u' | 'b'
  size: number;
  littleEndian: boolean;
  str: string;
}

/**
 * A `numpy.dtype(typestr, align, copy)` record with its BUILD state
 * `(version, byteorder, subdescr, names, fields, elsize, alignment, flags[, metadata])`.
 * Returns undefined for dtypes that are not plain booleans, integers or floats
 * (objects, strings, records, complex numbers, datetimes).
 */
function dtypeInfo(v: PickleValue | undefined): DtypeInfo | undefined {
  if (!(v instanceof PickleObject) || !isGlobal(v.__class__, 'numpy', 'dtype')) return undefined;
  const typestr = v.args[0];
  if (typeof typestr !== 'string') return undefined;
  const state = v.state;
  return dtypeOfTypestr(typestr, isTuple(state) && typeof state[1] === 'string' ? state[1] : undefined);
}

/**
 * A plain numeric numpy type string ('<f8', '|u1', 'i4', …; `order` overrides its byte-order
 * character); undefined for anything else.
 */
function dtypeOfTypestr(typestr: string, order?: string): DtypeInfo | undefined {
  const m = /^([<>|=]?)([fiub])(\d+)$/.exec(typestr);
  if (!m) return undefined;
  const kind = m[2]!;
  const size = Number(m[3]);
  const ok: Record<string, number[]> = { f: [2, 4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };
  if (!ok[kind]!.includes(size)) return undefined;
  // '=' (native) and a missing order are read as little-endian: numpy writes '<'/'>' explicitly
  // for multi-byte types, and every platform numpy files come from in practice is little-endian.
  const littleEndian = (order ?? m[1] ?? '') !== '>';
  const shownOrder = size === 1 ? '|' : littleEndian ? '<' : '>';
  return { kind, size, littleEndian, str: `${shownOrder}${kind}${size}` };
}

/**
 * The array stored as raw bytes with a numpy type string (as in a .npy header's 'descr'), shape and
 * order: InputError for unsupported dtypes or a byte count that does not match the shape.
 */
export function ndArrayOfBytes(typestr: string, shape: number[], fortran: boolean, bytes: Uint8Array, label: string): NdArray {
  const dt = dtypeOfTypestr(typestr);
  if (!dt) throw new InputError(`${label}: numpy array of unsupported dtype '${typestr}' (only bool, int, uint and float arrays are read)`);
  return arrayOf(dt, shape, fortran, bytes, label);
}

function readElements(dt: DtypeInfo, raw: Uint8Array, count: number): Float64Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = new Float64Array(count);
  const le = dt.littleEndian;
  const s = dt.size;
  for (let i = 0; i < count; i++) {
    const o = i * s;
    let x: number;
    switch (dt.kind) {
      case 'f':
        x = s === 8 ? view.getFloat64(o, le) : s === 4 ? view.getFloat32(o, le) : float16(view.getUint16(o, le));
        break;
      case 'i':
        x = s === 1 ? view.getInt8(o) : s === 2 ? view.getInt16(o, le) : s === 4 ? view.getInt32(o, le) : Number(view.getBigInt64(o, le));
        break;
      case 'u':
        x = s === 1 ? view.getUint8(o) : s === 2 ? view.getUint16(o, le) : s === 4 ? view.getUint32(o, le) : Number(view.getBigUint64(o, le));
        break;
      default: // 'b'
        x = view.getUint8(o) !== 0 ? 1 : 0;
    }
    out[i] = x;
  }
  return out;
}

function float16(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return sign * f * 2 ** -24;
  if (e === 31) return f === 0 ? sign * Infinity : NaN;
  return sign * (1 + f / 1024) * 2 ** (e - 15);
}

function bytesOf(v: PickleValue | undefined): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return latin1Bytes(v); // Python 2 str read as latin-1
  return undefined;
}

/** numpy scalar `scalar(dtype, bytes)` → number (bool → 0/1); undefined when the dtype is not numeric. */
function decodeNumpyScalar(args: readonly PickleValue[]): number | undefined {
  const dt = dtypeInfo(args[0]);
  const raw = bytesOf(args[1]);
  if (!dt || !raw) return undefined;
  if (raw.length !== dt.size) throw new Failure(`numpy scalar of dtype ${dt.str} has ${raw.length} bytes`);
  return readElements(dt, raw, 1)[0]!;
}

function shapeOf(v: PickleValue | undefined, label: string): number[] {
  if (!Array.isArray(v)) throw new InputError(`${label}: numpy array shape is not a tuple`);
  const shape: number[] = [];
  for (const x of v as PickleValue[]) {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) throw new InputError(`${label}: bad numpy array dimension ${String(x)}`);
    shape.push(x);
  }
  return shape;
}

/** Reorders a Fortran-order (first index fastest) buffer into C order (last index fastest). */
function fortranToC(data: Float64Array, shape: number[]): Float64Array {
  const r = shape.length;
  if (r < 2) return data;
  const out = new Float64Array(data.length);
  const idx = new Array<number>(r).fill(0);
  const fStride = new Array<number>(r);
  let s = 1;
  for (let a = 0; a < r; a++) {
    fStride[a] = s;
    s *= shape[a]!;
  }
  for (let c = 0; c < data.length; c++) {
    let f = 0;
    for (let a = 0; a < r; a++) f += idx[a]! * fStride[a]!;
    out[c] = data[f]!;
    for (let a = r - 1; a >= 0; a--) {
      if (++idx[a]! < shape[a]!) break;
      idx[a] = 0;
    }
  }
  return out;
}

function buildNdArray(dtypeRec: PickleValue | undefined, shape: number[], fortran: boolean, raw: PickleValue | undefined, label: string): NdArray {
  const dt = dtypeInfo(dtypeRec);
  if (!dt) {
    const name = dtypeRec instanceof PickleObject && typeof dtypeRec.args[0] === 'string' ? dtypeRec.args[0] : '?';
    throw new InputError(`${label}: numpy array of unsupported dtype '${name}' (only bool, int, uint and float arrays are read)`);
  }
  const bytes = bytesOf(raw);
  if (!bytes) throw new InputError(`${label}: numpy array data is not a byte string`);
  return arrayOf(dt, shape, fortran, bytes, label);
}

function arrayOf(dt: DtypeInfo, shape: number[], fortran: boolean, bytes: Uint8Array, label: string): NdArray {
  let count = 1;
  for (const n of shape) count *= n;
  if (bytes.length !== count * dt.size) {
    throw new InputError(`${label}: numpy array of shape (${shape.join(', ')}) and dtype ${dt.str} needs ${count * dt.size} bytes, found ${bytes.length}`);
  }
  const data = readElements(dt, bytes, count);
  return { dtype: dt.str, shape, data: fortran ? fortranToC(data, shape) : data };
}

/**
 * Decodes a numpy array record: `numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')`
 * with BUILD state `(version, shape, dtype, is_fortran, raw bytes)` (protocols 0–4; also the
 * `numpy._core` spelling of numpy 2), or `numpy.core.numeric._frombuffer(buffer, dtype, shape,
 * order)` (protocol 5). Returns undefined when `v` is not an ndarray record; throws InputError
 * when it is one but its contents are inconsistent or of an unsupported dtype.
 */
export function asNdArray(v: PickleValue, fileLabel = '<pickle data>'): NdArray | undefined {
  if (!(v instanceof PickleObject)) return undefined;
  if (isGlobal(v.__class__, NUMPY_CORE, '_reconstruct') && isGlobal(v.args[0], 'numpy', 'ndarray')) {
    const st = v.state;
    if (!Array.isArray(st) || st.length < 4) throw new InputError(`${fileLabel}: numpy array without a valid state tuple`);
    const s = st as PickleValue[];
    // state = (version, shape, dtype, is_fortran, data); version 0 omits the version field
    const [shapeV, dtypeV, fortranV, dataV] = s.length >= 5 ? s.slice(1, 5) : s.slice(0, 4);
    return buildNdArray(dtypeV, shapeOf(shapeV, fileLabel), fortranV === true || fortranV === 1, dataV, fileLabel);
  }
  if (isGlobal(v.__class__, NUMPY_NUMERIC, '_frombuffer')) {
    const [buf, dtypeV, shapeV, order] = v.args;
    return buildNdArray(dtypeV, shapeOf(shapeV, fileLabel), order === 'F', buf, fileLabel);
  }
  return undefined;
}
