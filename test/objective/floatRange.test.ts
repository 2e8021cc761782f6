import { describe, expect, it } from 'vitest';
import { MAX_HESSIAN_ORDER, checkFloatRange, checkHessianOrder } from '../../src/objective/floatRange.js';
import { identityTeacher, makeProblem } from '../../src/objective/reluFloat.js';
import { inputErrorOf } from '../helpers/errors.js';

describe('checkHessianOrder', () => {
  it('accepts n·d up to MAX_HESSIAN_ORDER and names the memory beyond it', () => {
    expect(() => checkHessianOrder(128, 128, 'p')).not.toThrow(); // 16384
    expect(MAX_HESSIAN_ORDER).toBe(128 * 128);
    expect(inputErrorOf(() => checkHessianOrder(129, 128, 'p')).message).toBe(
      'p: n·d = 128·129 = 16512 is above the limit of 16384 (MAX_HESSIAN_ORDER): the dense Float64 Hessian (N×N, N = n·d) would take 2.18 GB',
    );
  });
});

describe('checkFloatRange', () => {
  const need = 'the Float64 screening needs every neuron norm below about 1e154';

  it('accepts ordinary points, large ones whose float loss stays finite, and tiny neurons', () => {
    const p = makeProblem(2, 2, identityTeacher(2));
    expect(() => checkFloatRange(p, new Float64Array([1, 0.2, 0.1, 1.1]), 'p')).not.toThrow();
    expect(() => checkFloatRange(p, new Float64Array([1e150, 3e149, -2e149, 1e150]), 'p')).not.toThrow();
    expect(() => checkFloatRange(p, new Float64Array([1e-320, -1e-320, 0.1, 1.1]), 'p')).not.toThrow();
  });

  it('refuses a neuron whose Float64 squared norm overflows, naming it', () => {
    const p = makeProblem(2, 2, identityTeacher(2));
    expect(inputErrorOf(() => checkFloatRange(p, new Float64Array([1, 0.2, 1e300, -1e300]), 'x.json')).message).toBe(
      `x.json: the point overflows Float64: the squared norm of student neuron 1 (0-based; largest entry 1e+300) is Infinity; ${need}`,
    );
    const big = makeProblem(2, 1, new Float64Array([1e200, 0]));
    expect(inputErrorOf(() => checkFloatRange(big, new Float64Array([1, 0]), 'x.json')).message).toBe(
      `x.json: the teacher overflows Float64: the squared norm of teacher neuron 0 (0-based; largest entry 1e+200) is Infinity; ${need}`,
    );
  });

  it('refuses a point whose norms are finite but whose float loss overflows', () => {
    // three neurons with |w|² = 1.69e308 each (finite): their sum Σ|w|² in the loss overflows
    const p = makeProblem(3, 3, identityTeacher(3));
    const w = new Float64Array([1.3e154, 0, 0, 0, 1.3e154, 0, 0, 0, 1.3e154]);
    expect(inputErrorOf(() => checkFloatRange(p, w, 'x.json')).message).toBe(`x.json: the point overflows Float64: the float loss is Infinity; ${need}`);
  });
});
