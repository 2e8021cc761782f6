import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';

/**
 * Creates the directory `dir` and its missing parents (mkdir -p), or refuses with an InputError
 * naming the path: "--out X exists and is not a directory", "--out X: Y exists and is not a
 * directory" (a parent is a file), "--out X: cannot create directory Y (ENOENT)".
 *
 * Not `mkdirSync(dir, { recursive: true })`: on Node 20 that loops forever, without returning to
 * the event loop (so SIGTERM/SIGINT handlers never run), when the kernel answers ENOENT for a
 * component whose parent exists, e.g. /proc/nope/x. Here the walk up to the deepest existing
 * ancestor ends because each step shortens the path (dirname of the root is the root), and each
 * missing component is then created once with a plain mkdir whose error is reported.
 *
 * `flag` (e.g. '--out') prefixes the path in messages.
 */
export function ensureDirectory(dir: string, flag?: string): void {
  const who = flag === undefined ? undefined : `${flag} ${dir}`;
  const target = resolve(dir);
  const missing: string[] = [];
  for (let p = target; ; p = dirname(p)) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(p) !== p) {
        missing.push(p);
        continue;
      }
      throw new InputError(`${who ? `${who}: ` : ''}cannot use ${p} (${code ?? String(err)})`);
    }
    if (!isDir) {
      throw new InputError(p === target ? `${who ?? dir} exists and is not a directory` : `${who ?? dir}: ${p} exists and is not a directory`);
    }
    break;
  }
  for (const p of missing.reverse()) {
    try {
      mkdirSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statSync(p, { throwIfNoEntry: false })?.isDirectory()) continue; // created meanwhile
      throw new InputError(`${who ? `${who}: ` : ''}cannot create directory ${p} (${code ?? String(err)})`);
    }
  }
}
