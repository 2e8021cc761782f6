import type { Command } from 'commander';
import { collectGallery } from '../../gallery/collect.js';
import { repositoryRates2018 } from '../../gallery/repositoryResults.js';
import { InputError } from '../../errors.js';

interface GalleryCliOptions {
  out: string;
  audit: boolean;
  json?: boolean;
  published2018?: string;
}

export function register(program: Command): void {
  program
    .command('gallery')
    .description(
      'Build a static site over folders of certificates: an index (sortable and filterable by k, n, class, loss, μ; ' +
        'counts per class), one HTML proof per certificate (audited first), and per experiment a page comparing the ' +
        'search statistics with the published ones. Opens from disk; nothing is loaded from the network.',
    )
    .argument('<dirs...>', 'folders of certificate JSON files (searched.json and summary.json are read too)')
    .requiredOption('--out <site>', 'output folder (created; audit results are cached there)')
    .option('--no-audit', 'do not audit (then no page draws a conclusion)')
    .option('--published-2018 <dir>', "folder of the authors' newExp-K-N.mat files (Safran & Shamir 2018): shown beside our statistics")
    .option('--json', 'print the build summary as JSON')
    .action(async (dirs: string[], opts: GalleryCliOptions) => {
      const input = collectGallery(dirs);
      if (input.certificates.length === 0 && input.invalid.length === 0) throw new InputError(`${dirs.join(', ')}: no certificate found`);
      // Loaded on demand: the site builder pulls in KaTeX and Vega, which no other command needs.
      const { buildGallerySite } = await import('../../gallery/site.js');
      const repository2018 = opts.published2018 !== undefined ? repositoryRates2018(opts.published2018) : undefined;
      const res = await buildGallerySite(input, opts.out, repository2018 ? { audit: opts.audit, repository2018 } : { audit: opts.audit });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `gallery: ${res.certificates} certificate page(s) (${res.rendered} rendered, the others current), ${res.experiments.length} experiment page(s) in ${opts.out}/index.html ` +
          `(audits: ${res.audited.computed} computed, ${res.audited.cached} cached; ${res.seconds.audit.toFixed(1)} s audit, ` +
          `${res.seconds.pages.toFixed(1)} s pages, ${res.seconds.total.toFixed(1)} s total)\n`,
      );
    });
}
