/**
 * A tiny JSON Schema (draft 2020-12) interpreter for exactly the keywords that
 * schema/certificate.schema.json uses, to check the hand-written validator against the schema
 * file. Unknown keywords throw, so the schema cannot silently grow beyond what is checked here.
 */
type Schema = boolean | { [k: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs']);
const KEYWORDS = new Set([
  '$ref',
  'type',
  'const',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'allOf',
  'if',
  'then',
  'not',
]);

function typeOf(x: unknown): string[] {
  if (x === null) return ['null'];
  if (Array.isArray(x)) return ['array'];
  if (typeof x === 'number') return Number.isInteger(x) ? ['number', 'integer'] : ['number'];
  if (typeof x === 'string') return ['string'];
  if (typeof x === 'boolean') return ['boolean'];
  if (typeof x === 'object') return ['object'];
  return ['undefined'];
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function makeValidator(root: Record<string, unknown>): (x: unknown) => boolean {
  const resolve = (ref: string): Schema => {
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    if (!m) throw new Error(`unsupported $ref ${ref}`);
    const s = (root.$defs as Record<string, Schema>)[m[1]!];
    if (s === undefined) throw new Error(`unknown $ref ${ref}`);
    return s;
  };
  const valid = (s: Schema, x: unknown): boolean => {
    if (s === true) return true;
    if (s === false) return false;
    for (const k of Object.keys(s)) {
      if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k)) throw new Error(`unsupported keyword ${k}`);
    }
    if ('$ref' in s && !valid(resolve(s.$ref as string), x)) return false;
    if ('type' in s) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!typeOf(x).some((t) => types.includes(t))) return false;
    }
    if ('const' in s && !deepEqual(s.const, x)) return false;
    if ('enum' in s && !(s.enum as unknown[]).some((e) => deepEqual(e, x))) return false;
    const isObj = typeof x === 'object' && x !== null && !Array.isArray(x);
    if (isObj) {
      const o = x as Record<string, unknown>;
      if ('required' in s && !(s.required as string[]).every((k) => k in o)) return false;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const [k, v] of Object.entries(o)) {
        if (k in props) {
          if (!valid(props[k]!, v)) return false;
        } else if ('additionalProperties' in s && !valid(s.additionalProperties as Schema, v)) {
          return false;
        }
      }
    }
    if (Array.isArray(x)) {
      if ('minItems' in s && x.length < (s.minItems as number)) return false;
      if ('maxItems' in s && x.length > (s.maxItems as number)) return false;
      if ('items' in s && !x.every((e) => valid(s.items as Schema, e))) return false;
    }
    if (typeof x === 'string') {
      const len = [...x].length;
      if ('minLength' in s && len < (s.minLength as number)) return false;
      if ('maxLength' in s && len > (s.maxLength as number)) return false;
      if ('pattern' in s && !new RegExp(s.pattern as string, 'u').test(x)) return false;
    }
    if (typeof x === 'number') {
      if ('minimum' in s && x < (s.minimum as number)) return false;
      if ('maximum' in s && x > (s.maximum as number)) return false;
    }
    if ('allOf' in s && !(s.allOf as Schema[]).every((sub) => valid(sub, x))) return false;
    if ('if' in s && valid(s.if as Schema, x) && 'then' in s && !valid(s.then as Schema, x)) return false;
    if ('not' in s && valid(s.not as Schema, x)) return false;
    return true;
  };
  return (x) => valid(root, x);
}
