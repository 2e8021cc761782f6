import { createHash } from 'node:crypto';

/** Lower-case hex sha256 of a byte string. */
export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
