import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { isCertifyShardOutput } from '../../certify/certifyShardFile.js';
import { mergeCertifyShards } from '../../certify/mergeCertify.js';
import { isSearchOutput, mergeSearchShards } from '../../search/mergeSearch.js';
import { summaryMarkdown } from '../../search/summary.js';

export function register(program: Command): void {
  program
    .command('merge')
    .description(
      'Combine the N shard directories of `search --shard I/N` or `certify --shard I/N` into the output of the unsharded ' +
        'command (search: byte-identical files; certify: certificates copied, summaries rebuilt in the unsharded order).',
    )
    .argument('<dir...>', 'the shard output directories (all N of them, any order)')
    .requiredOption('--out <dir>', 'output directory for the merged result')
    .action((dirs: string[], opts: { out: string }) => {
      const kinds = dirs.map((d) => (isSearchOutput(d) ? 'search' : isCertifyShardOutput(d) ? 'certify' : undefined));
      const unknown = dirs.findIndex((_, i) => kinds[i] === undefined);
      if (unknown >= 0) throw new InputError(`${dirs[unknown]}: neither a search output (families.json) nor a finished certify shard (shard.json)`);
      if (kinds.some((k) => k !== kinds[0])) throw new InputError('merge: the directories mix search and certify outputs');
      if (kinds[0] === 'search') {
        const { summary } = mergeSearchShards(dirs, opts.out);
        process.stdout.write(summaryMarkdown(summary));
        process.stdout.write(`Merged ${dirs.length} shards (${summary.runs} runs) into ${opts.out}/\n`);
      } else {
        const rows = mergeCertifyShards(dirs, opts.out);
        const certified = rows.filter((r) => r.verdict !== 'skipped').length;
        process.stdout.write(`Merged ${dirs.length} shards (${certified} certificates, ${rows.length - certified} skipped) into ${opts.out}/\n`);
      }
    });
}
