import type { Command } from 'commander';
import { register as registerSearch } from './search.js';
import { register as registerConvert } from './convert.js';
import { register as registerInspect } from './inspect.js';
import { register as registerCertify } from './certify.js';
import { register as registerAudit } from './audit.js';
import { register as registerReport } from './report.js';
import { register as registerDemo } from './demo.js';
import { register as registerMerge } from './merge.js';
import { register as registerSlurm } from './slurm.js';
import { register as registerGallery } from './gallery.js';
import { register as registerOverparam } from './overparam.js';
import { register as registerEquivalent } from './equivalent.js';
import { register as registerFamily } from './family.js';

/**
 * Every subcommand registers itself here; one line per command module.
 * Each module exports `register(program: Command): void`.
 */
export function registerCommands(program: Command): void {
  void program;
  registerSearch(program);
  registerConvert(program);
  registerInspect(program);
  registerCertify(program);
  registerAudit(program);
  registerReport(program);
  registerDemo(program);
  registerMerge(program);
  registerSlurm(program);
  registerGallery(program);
  registerOverparam(program);
  registerEquivalent(program);
  registerFamily(program);
}
