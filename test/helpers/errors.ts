/** Assertions on the InputError refusals of the readers and parsers. */
import { expect } from 'vitest';
import { InputError } from '../../src/errors.js';

/** Runs f and returns the InputError it throws; fails the test if it throws anything else or nothing. */
export function inputErrorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

/** Asserts that f throws an InputError, whose message matches `pattern` when given. */
export function expectInputError(f: () => unknown, pattern?: RegExp): void {
  const err = inputErrorOf(f);
  if (pattern) expect(err.message).toMatch(pattern);
}
