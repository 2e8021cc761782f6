import type { Command } from 'commander';

/**
 * Every subcommand registers itself here; one line per command module.
 * Each module exports `register(program: Command): void`.
 */
export function registerCommands(program: Command): void {
  void program;
}
