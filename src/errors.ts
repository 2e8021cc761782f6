/**
 * Errors that reach the user as one line and exit code 2: bad input, unknown presets,
 * malformed files. Anything else is a bug and is reported with its stack under --debug.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(message: string) {
    super(message);
  }
}
