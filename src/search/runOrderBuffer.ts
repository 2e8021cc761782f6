import type { RunRecord } from './runOne.js';

/**
 * Reorder buffer between the worker pool (records arrive in completion order) and runs.jsonl
 * (written in run order, so the file is byte-identical for any worker count). `order` lists the
 * runs to be computed, ascending; a record that arrives ahead of the next expected run waits in
 * memory until every run before it has been emitted. If the search stops early, the waiting
 * records are simply dropped (resume recomputes them); everything emitted is a prefix of `order`.
 */
export class RunOrderBuffer {
  private readonly waiting = new Map<number, RunRecord>();
  private next = 0;

  constructor(
    private readonly order: readonly number[],
    private readonly emit: (rec: RunRecord) => void,
  ) {}

  /** Accepts one finished run and emits every record that is now next in order. */
  add(rec: RunRecord): void {
    this.waiting.set(rec.run, rec);
    for (;;) {
      const run = this.order[this.next];
      const ready = run === undefined ? undefined : this.waiting.get(run);
      if (ready === undefined) return;
      this.waiting.delete(run!);
      this.next++;
      this.emit(ready);
    }
  }

  /** Records received but not yet emitted. */
  get buffered(): number {
    return this.waiting.size;
  }
}
