// placeholder replaced after merging main (saddle lemma module)
export function certifyGridSaddle(..._args: unknown[]): never {
  throw new Error('not yet');
}
