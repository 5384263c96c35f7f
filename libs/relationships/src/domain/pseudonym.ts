import { createHash } from 'node:crypto';

/** Namespace of person pseudonyms (a fixed random UUID): the ledger never stores user ids. */
const NAMESPACE = Buffer.from('3f1c9a6e5b2d4e8fa0c7d61b29e4f583', 'hex');

/** A stable UUID (RFC 4122 v5 layout) derived from the user id: the ledger's person id. */
export function personIdOf(userId: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(userId, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
