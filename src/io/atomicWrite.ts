import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { ensureDirectory } from './outputDirectory.js';

/**
 * Writes `contents` to `path` so that a reader (or an interrupted run) only ever sees the old
 * file or the complete new one: the data goes to a temporary file in the same directory, which
 * is then renamed over the target (rename is atomic within one file system). Missing parent
 * directories are created (ensureDirectory). A path that cannot be written — a parent that is a
 * file or cannot be created, a target that is a directory, no permission, a full disk — is an
 * InputError naming the path.
 */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  const dir = dirname(path);
  try {
    ensureDirectory(dir);
  } catch (err) {
    throw err instanceof InputError ? new InputError(`cannot write ${path}: ${err.message}`) : err;
  }
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError(`${path} is a directory; expected a file path`);
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, contents);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    throw new InputError(`cannot write ${path} (${code})`);
  }
}
