import type { Activation, FiniteDataProblem, GridSettingId } from '../objective/gridData.js';
import type { GridProblemSpec } from './gridProblem.js';

/**
 * The one shape in which every reader (point files, search output, stored .mat/.p results)
 * hands candidate points to inspect and certify.
 *
 * Two settings travel in it. The population ReLU objective (DESIGN.md §2): W is the student, V
 * the teacher. The finite-data objective (DESIGN.md §7, setting 'grid-teacher-2d'): `finiteData`
 * is present, W holds the incoming weights (2 rows × n, column i = neuron i), the outgoing weights
 * and the resolved problem are in `finiteData`, and V is absent. Readers hand finite-data
 * candidates only to callers that ask for them (loadCandidates(path, { finiteData: true })), so
 * code written for the population objective never receives one.
 *
 * Compact-form candidates (DESIGN.md §6: the 2021 pickles, JSON point files {"p": …, "vals": …})
 * carry their exact compact point in `compact` and are built by src/io/compactCandidate.ts. Their
 * `W` and `V` are NOT stored: each is expanded on first access (O(k²) decimal strings, refused with
 * an InputError above MAX_DENSE_EXPANSION_K) and then kept. The reduced path (src/symmetric,
 * src/certify/reducedPath.ts) reads `compact` only, so nothing of size k² is ever built there;
 * the dense path (`certify --dense`, `inspect --dense`, `convert`) reads W as before.
 */
export interface Candidate {
  /** Stable, human-readable id, e.g. "newExp-7-7.mat#0", "runs.jsonl#17", "point.json". */
  id: string;
  /** Input dimension d (rows of W). */
  d: number;
  /** Number of student neurons n (columns of W). */
  n: number;
  /** The student W as d rows × n columns of decimal strings (exact values of the stored numbers). */
  W: string[][];
  /** The teacher V (d rows × k columns) when the input names one; undefined means "not given". */
  V?: string[][];
  /**
   * The exact compact form (DESIGN.md §6) when the input stores the point that way: block sizes p
   * and the m×(m+1) values as canonical exact decimal strings; the identity teacher and
   * d = n = k = Σp are implied. W is then its expansion.
   */
  compact?: CompactForm;
  /** Where the candidate came from. */
  source: CandidateSource;
  /** How many runs of the original experiment reached this family, when stored. */
  multiplicity?: number;
  /** The stored record says this is the global minimum (e.g. 2021 record vals = [1, 0]). */
  storedGlobal?: boolean;
  /** Numbers stored beside the point by the original experiment (never trusted, only shown). */
  stored?: Record<string, number | string | number[] | null>;
  /** Present iff the candidate is a finite-data point (see above). */
  finiteData?: FiniteDataPayload;
}

/** The finite-data part of a Candidate. */
export interface FiniteDataPayload {
  setting: GridSettingId;
  activation: Activation;
  /** Outgoing weights a_1 … a_n (exact decimal strings); the incoming weights are Candidate.W. */
  a: string[];
  /** The data set and labels (teacher or given), resolved and validated. */
  problem: FiniteDataProblem;
  /** Where the problem came from (serialisable: built-in names, absolute file paths with sha256, inline values). */
  spec: GridProblemSpec;
}

/** A point in the symmetric compact form: block sizes and exact decimal values (src/symmetric's ExactCompactPoint). */
export interface CompactForm {
  p: number[];
  vals: string[][];
}

export interface CandidateSource {
  /** Path of the input file as given by the user. */
  file: string;
  /** File format id: 'json' | 'csv' | 'mat' | 'pickle' | 'runs-jsonl' | 'families-json' | 'finite-data-json' | 'family'. */
  format: string;
  /** sha256 (hex) of the input file's bytes. */
  sha256?: string;
  /** Index of the candidate inside the file (family index, run index, …). */
  index?: number;
  /** Search seed / run id when the candidate came from `certmin search`. */
  seed?: string;
}
