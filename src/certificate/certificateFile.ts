/**
 * Reading a file that must be a certmin certificate, with the one rule audit and report share:
 * a file that is not a certmin certificate at all — unreadable, not JSON, or JSON without
 * "schema": "certmin-certificate" — is unusable input (InputError: one line, exit 2). A document
 * that declares the schema is returned as parsed; whether it is a VALID certificate whose claims
 * hold is for audit (exit 1 when not) or report (exit 2 when invalid) to decide.
 */
import { InputError } from '../errors.js';
import { readInputText } from '../io/inputFile.js';
import { parseJsonStrict, StrictJsonError } from '../io/strictJson.js';
import { SCHEMA_ID } from './schema.js';

/** True when `x` is a JSON object declaring "schema": "certmin-certificate". */
export function declaresCertificateSchema(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && (x as { schema?: unknown }).schema === SCHEMA_ID;
}

/** Why a parsed JSON value is not a certmin certificate document (undefined when it declares the schema). */
function notCertificateReason(x: unknown): string | undefined {
  if (declaresCertificateSchema(x)) return undefined;
  if (typeof x !== 'object' || x === null || Array.isArray(x)) {
    return `a JSON ${x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x}, not an object with "schema": "${SCHEMA_ID}"`;
  }
  const schema = (x as { schema?: unknown }).schema;
  return schema === undefined
    ? `it has no "schema": "${SCHEMA_ID}"`
    : `its "schema" is ${JSON.stringify(schema)}, not "${SCHEMA_ID}"`;
}

/**
 * A file that declares itself a certificate: the parsed document, and `malformed` when the text
 * has a duplicated key or is nested too deep (JSON.parse would silently keep the last of two equal
 * keys, so a second, unchecked value could hide there): such a document is not a valid certificate.
 */
export interface CertificateDocument {
  doc: unknown;
  malformed?: string;
}

/**
 * The parsed certificate document in `path`. InputError (naming the path) when the file cannot
 * be read (see readInputFile), is not JSON, or does not declare "schema": "certmin-certificate".
 */
export function readCertificateDocument(path: string): CertificateDocument {
  const { text } = readInputText(path);
  return certificateDocumentOf(text, path);
}

/** The refusal of a file that should be a certificate but is not JSON (`err` from JSON.parse). */
export function notJsonError(path: string, err: unknown): InputError {
  return new InputError(`${path}: not a certmin certificate: not JSON (${err instanceof Error ? err.message : String(err)})`);
}

/** As readCertificateDocument, for text already read from `path`. */
export function certificateDocumentOf(text: string, path: string): CertificateDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw notJsonError(path, err);
  }
  const reason = notCertificateReason(parsed);
  if (reason !== undefined) throw new InputError(`${path}: not a certmin certificate (${reason})`);
  try {
    parseJsonStrict(text);
  } catch (err) {
    if (!(err instanceof StrictJsonError)) throw err;
    return { doc: parsed, malformed: err.message };
  }
  return { doc: parsed };
}
