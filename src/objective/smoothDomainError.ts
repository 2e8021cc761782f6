/**
 * Raised by the rigorous objective code when it cannot PROVE that the evaluation (a point, or
 * every point of a box) lies in the smooth domain Ω of DESIGN.md §2: every student neuron
 * nonzero, no two student neurons parallel or antiparallel, no student neuron parallel or
 * antiparallel to a (nonzero) teacher neuron. Certify turns it into a refusal reason.
 *
 * Neuron indices are 0-BASED everywhere (in `neurons` and in the message):
 * - 'zero-neuron':       [i]     student neuron i's norm interval is not provably > 0;
 * - 'float-underflow':   [i]     student neuron i is nonzero on the whole box (a coordinate's
 *                                exact box excludes 0), but so small that its Float64 norm
 *                                enclosure reaches 0 (subnormal/underflow): Ω is not proved;
 * - 'parallel-students': [i, j]  the cosine interval of student neurons i < j reaches ±1;
 * - 'parallel-teacher':  [i, j]  the cosine interval of student neuron i and teacher neuron j
 *                                reaches ±1.
 */
export type SmoothDomainKind = 'zero-neuron' | 'float-underflow' | 'parallel-students' | 'parallel-teacher';

export class SmoothDomainError extends Error {
  override readonly name = 'SmoothDomainError';
  readonly kind: SmoothDomainKind;
  readonly neurons: [number, number] | [number];

  constructor(kind: SmoothDomainKind, neurons: [number, number] | [number], interval: [string, string], where: string) {
    super(describe(kind, neurons, interval, where));
    this.kind = kind;
    this.neurons = neurons;
  }
}

function describe(
  kind: SmoothDomainKind,
  neurons: [number, number] | [number],
  [lo, hi]: [string, string],
  where: string,
): string {
  const range = `[${lo}, ${hi}]`;
  switch (kind) {
    case 'zero-neuron':
      return `${where}: student neuron ${neurons[0]} (0-based) is not provably nonzero: its norm lies in ${range}`;
    case 'float-underflow':
      return (
        `${where}: student neuron ${neurons[0]} (0-based) is nonzero but too small for Float64 intervals ` +
        `(subnormal/underflow): its Float64 norm enclosure ${range} reaches 0`
      );
    case 'parallel-students':
      return (
        `${where}: student neurons ${neurons[0]} and ${neurons[1]} (0-based) are not provably non-parallel: ` +
        `their cosine lies in ${range}, which reaches ±1`
      );
    case 'parallel-teacher':
      return (
        `${where}: student neuron ${neurons[0]} and teacher neuron ${neurons[1]} (0-based) are not provably ` +
        `non-parallel: their cosine lies in ${range}, which reaches ±1`
      );
  }
}
