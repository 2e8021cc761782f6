import type { Command } from 'commander';
import { register as registerSearch } from './search.js';
import { register as registerConvert } from './convert.js';
import { register as registerInspect } from './inspect.js';

/**
 * Every subcommand registers itself here; one line per command module.
 * Each module exports `register(program: Command): void`.
 */
export function registerCommands(program: Command): void {
  void program;
  registerSearch(program);
  registerConvert(program);
  registerInspect(program);
}
