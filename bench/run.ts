/**
 * `npm run bench`: runs every benchmark module in bench/ (each exports `run(): Promise<void>`
 * and prints its own figures). `npm run bench -- NAME` runs only the modules whose file name
 * contains NAME.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js' && !f.startsWith('_'))
  .filter((f) => !filter || f.includes(filter))
  .sort();
for (const file of modules) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') continue;
  console.log(`\n## ${file.replace(/\.js$/, '')}`);
  await mod.run();
}
