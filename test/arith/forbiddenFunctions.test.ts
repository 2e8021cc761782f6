/**
 * Rigorous code must not use functions without an accuracy guarantee (DESIGN.md §4):
 *  - decimal.js trigonometric/hyperbolic functions (acos, atan, sin, …, atan2, and their long
 *    aliases) anywhere in src/ — found by type: a property access whose receiver is a decimal.js
 *    Decimal value or constructor (so DecimalIntervalArithmetic.acos, which is rigorous, is fine);
 *  - Math.acos, Math.asin, Math.atan, Math.atan2, Math.sin, Math.cos, Math.tan, Math.exp,
 *    Math.expm1 and the hyperbolic ones, except in the documented Float64 (non-rigorous) files
 *    src/objective/reluFloat.ts, src/objective/gridFloat.ts, src/search/ and src/linalg/floatEigen.ts.
 * The scan uses the TypeScript compiler's type checker over every .ts file under src/.
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');

const DECIMAL_FORBIDDEN = new Set([
  'acos', 'asin', 'atan', 'atan2', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh',
  'inverseCosine', 'inverseSine', 'inverseTangent', 'sine', 'cosine', 'tangent',
  'hyperbolicSine', 'hyperbolicCosine', 'hyperbolicTangent',
  'inverseHyperbolicSine', 'inverseHyperbolicCosine', 'inverseHyperbolicTangent',
]);
const MATH_FORBIDDEN = new Set([
  'acos', 'asin', 'atan', 'atan2', 'sin', 'cos', 'tan', 'exp', 'expm1', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh',
]);

/** Float64 screening code, documented as non-rigorous: may use Math.* transcendental functions. */
function mathExempt(relPath: string): boolean {
  const p = relPath.split(sep).join('/');
  return (
    p === 'src/objective/reluFloat.ts' || p === 'src/objective/gridFloat.ts' || p.startsWith('src/search/') || p === 'src/linalg/floatEigen.ts'
  );
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listTs(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
};

/** Whether a type is (or includes) decimal.js's Decimal instance or constructor type. */
function isDecimalType(type: ts.Type): boolean {
  if (type.isUnionOrIntersection()) return type.types.some(isDecimalType);
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (!symbol || symbol.getName() !== 'Decimal') return false;
  return (symbol.getDeclarations() ?? []).some((d) => d.getSourceFile().fileName.replace(/\\/g, '/').includes('/decimal.js/'));
}

/**
 * Violations ("path:line: description") in the given files. `virtual` maps extra absolute paths
 * to source text (used to test the scanner itself).
 */
function scan(files: string[], virtual: Map<string, string> = new Map()): string[] {
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, create) => {
    const text = virtual.get(resolve(fileName));
    return text !== undefined ? ts.createSourceFile(fileName, text, language) : getSourceFile(fileName, language, onError, create);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => virtual.has(resolve(f)) || fileExists(f);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => virtual.get(resolve(f)) ?? readFile(f);

  const roots = [...files, ...virtual.keys()];
  const program = ts.createProgram(roots, OPTIONS, host);
  const checker = program.getTypeChecker();
  const violations: string[] = [];

  for (const file of roots) {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`could not load ${file}`);
    const rel = relative(ROOT, file);
    const exempt = mathExempt(rel);
    const report = (node: ts.Node, what: string) => {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      violations.push(`${rel.split(sep).join('/')}:${line + 1}: ${what}`);
    };
    const isMath = (e: ts.Expression) => ts.isIdentifier(e) && e.text === 'Math';
    const check = (receiver: ts.Expression, name: string, node: ts.Node) => {
      if (isMath(receiver)) {
        if (!exempt && MATH_FORBIDDEN.has(name)) report(node, `Math.${name}`);
      } else if (DECIMAL_FORBIDDEN.has(name) && isDecimalType(checker.getTypeAtLocation(receiver))) {
        report(node, `decimal.js ${name}`);
      }
    };
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) check(node.expression, node.name.text, node);
      else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
        check(node.expression, node.argumentExpression.text, node);
      } else if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer) {
        // const { acos } = Math / = someDecimal
        for (const el of node.name.elements) {
          const key = el.propertyName ?? el.name;
          if (ts.isIdentifier(key) || ts.isStringLiteralLike(key)) check(node.initializer, key.text, el);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return violations;
}

describe('forbidden functions in src/', () => {
  it('no decimal.js trigonometry anywhere, no Math.acos/sin/cos/atan/atan2/exp/tan outside Float64 files', () => {
    const files = listTs(SRC);
    expect(files.length).toBeGreaterThan(0);
    expect(scan(files)).toEqual([]);
  }, 60_000);

  it('the scanner catches violations and allows the rigorous arithmetic', () => {
    const sample = `
import { Decimal } from 'decimal.js';
import { decimalIntervals } from './arith/decimalInterval.js';
const D = Decimal.clone({ precision: 30 });
const x = new D(0.5);
const A = decimalIntervals(20);
export const a = x.acos();
export const b = D.atan(x);
export const c = Decimal.sin(1);
export const d = Math.acos(0.5);
export const e = Math['exp'](1);
export const f = A.acos(A.point('0.5'));
export const g = x.sqrt().plus(Math.sqrt(2));
const { cos } = Math;
export const h = cos(1) + A.atan(A.point(1)).lo.inverseTangent().toNumber();
const maybe: Decimal | undefined = x;
export const i = maybe?.tan();
`;
    const rigorousPath = join(SRC, '__forbiddenSample.ts');
    const floatPath = join(SRC, 'search', '__forbiddenSample.ts');
    const found = scan([], new Map([[rigorousPath, sample], [floatPath, sample.replace("'./arith/", "'../arith/")]]));
    const inRigorous = found.filter((v) => v.startsWith('src/__forbiddenSample.ts')).map((v) => v.replace(/^[^:]*:/, ''));
    expect(inRigorous).toEqual([
      '7: decimal.js acos',
      '8: decimal.js atan',
      '9: decimal.js sin',
      '10: Math.acos',
      '11: Math.exp',
      '14: Math.cos',
      '15: decimal.js inverseTangent',
      '17: decimal.js tan',
    ]);
    // the Float64 files may use Math.*, but not decimal.js trigonometry
    const inFloat = found.filter((v) => v.startsWith('src/search/')).map((v) => v.replace(/^[^:]*:/, ''));
    expect(inFloat).toEqual(['7: decimal.js acos', '8: decimal.js atan', '9: decimal.js sin', '15: decimal.js inverseTangent', '17: decimal.js tan']);
  }, 60_000);
});
