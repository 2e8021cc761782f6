import { readFileSync } from 'node:fs';

function readPackageVersion(): string {
  // dist/src/version.js and src/version.ts both sit two levels below the package root or one.
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'certmin' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

/** The package version, recorded in every certificate's provenance. */
export const toolVersion: string = readPackageVersion();
