/** Shapes shared by the audit modules. */

export interface AuditCheck {
  /** The claim this check supports (named when it fails). */
  name: string;
  ok: boolean;
  detail: string;
}

export interface AuditResult {
  ok: boolean;
  /** 'refusal': a refusal whose reason and evidence were re-checked; 'invalid': not a valid certificate. */
  kind: 'certificate' | 'refusal' | 'invalid';
  /** Schema version of the document (1 or 2) when it validated. */
  version?: 1 | 2;
  verdict?: string;
  id?: string;
  checks: AuditCheck[];
  /** The first claim that does not hold (or 'schema' / 'shapes' / 'evaluation'). */
  failedClaim?: string;
  /** Numbers the audit computed itself (for reports). */
  recomputed?: Recomputed;
  seconds: number;
}

export interface Recomputed {
  /** Upper bound of ‖∇F(W̃)‖ from the audit's own enclosure at method.precision. */
  gradNormUpper?: string;
  /** Enclosure [lossLo, lossHi] of F(W̃) at method.precision. */
  lossLo?: string;
  lossHi?: string;
  /** Rounded-up bound of ‖H − M‖₂ over the audit's box Hessian. */
  t?: number;
  /** Engines that proved hypothesis (ii). */
  engines?: string[];
  order?: number;
  /** Float64 smallest eigenvalue of the Hessian at the centre (refusal audits). */
  lambdaMinFloat?: number;
  /** Saddle audits: the bounds of hypotheses (a), (b) for the audit's own Y, the proved index, L ≥ ‖∇²F‖₂ on the box. */
  eta?: string;
  kappa?: string;
  morseIndex?: number;
  hessianNormUpper?: number;
}

export interface AuditOptions {
  /** Run the decimal LDLᵀ second proof up to this order N (0 turns it off). */
  ldlMaxOrder?: number;
  /** Run every check even after one failed (default: stop after the first failing stage). */
  allChecks?: boolean;
  /** Reduced certificates: largest k at which the dense cross-check also runs (default 30; 0 turns it off). */
  denseCrossCheckMaxK?: number;
}
