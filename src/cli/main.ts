import { Command, CommanderError } from 'commander';
import { InputError } from '../errors.js';
import { toolVersion } from '../version.js';
import { registerCommands } from './commands/index.js';

/** Runs the CLI and resolves to the process exit code (0 ok, 1 audit failure, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = new Command();
  program
    .name('certmin')
    .description(
      'Prove facts about loss landscapes of two-layer ReLU networks: search for critical points, ' +
        'certify local minima rigorously, audit certificates and stored results, report proofs.',
    )
    .version(toolVersion, '-V, --version')
    .option('--debug', 'show stack traces on errors')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  registerCommands(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(err, debug);
  }
}

function reportError(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // --help and --version end through exitOverride with code 0.
    if (err.exitCode === 0) return 0;
    return 2;
  }
  if (err instanceof InputError) {
    process.stderr.write(`certmin: ${err.message}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`certmin: internal error: ${message}${debug ? '' : ' (rerun with --debug for the stack)'}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return 2;
}
