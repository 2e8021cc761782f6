/**
 * Refusals of the rigorous finite-data code (DESIGN.md §7), for certify to turn into reasons.
 * Neuron and data-point indices are 0-BASED in the fields and in the messages.
 */

/**
 * ReLU: the evaluation is not proved to stay off the kinks. Neuron i's argument u_iᵀx_p (or
 * w_iᵀx_p) for data point p ≠ 0 is not proved nonzero at the point or on the box, so the loss is
 * not proved differentiable (or its activation pattern not proved constant) there.
 */
export class KinkCrossingError extends Error {
  override readonly name = 'KinkCrossingError';
  constructor(
    readonly neuron: number,
    readonly dataPoint: number,
    /** Enclosure of the argument over the point or box, as decimal strings. */
    readonly argument: [string, string],
    where: string,
  ) {
    super(
      `${where}: data point ${dataPoint} may lie on the kink of neuron ${neuron} (0-based): its argument ` +
        `ranges over [${argument[0]}, ${argument[1]}], which contains 0`,
    );
  }
}

export type DegeneracyKind = 'zero-outgoing-weight' | 'zero-incoming-weights' | 'never-active';

/**
 * ReLU reduced coordinates: neuron i does not enter L̂ in a way that can give a positive definite
 * Hessian — its outgoing weight is 0 (no sign s_i), its incoming weights are 0, or no data point
 * activates it anywhere on the box (its rows of ∇²L̂ vanish).
 */
export class DegenerateNeuronError extends Error {
  override readonly name = 'DegenerateNeuronError';
  constructor(
    readonly neuron: number,
    readonly kind: DegeneracyKind,
    where: string,
  ) {
    const what: Record<DegeneracyKind, string> = {
      'zero-outgoing-weight': 'has outgoing weight 0',
      'zero-incoming-weights': 'has incoming weights 0',
      'never-active': 'is activated by no data point on the whole box',
    };
    super(`${where}: neuron ${neuron} (0-based) ${what[kind]}: a degenerate neuron (the reduced Hessian is singular)`);
  }
}
