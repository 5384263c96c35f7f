import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Check-in codes (参加確認コード) are 6 digits, one per project and day in Asia/Tokyo. */
export const CHECK_IN_CODE_LENGTH = 6;
const JST_OFFSET_MS = 9 * 3600 * 1000;

export function generateCheckInCode(): string {
  return String(randomInt(0, 10 ** CHECK_IN_CODE_LENGTH)).padStart(CHECK_IN_CODE_LENGTH, '0');
}

/** The calendar day (YYYY-MM-DD) in Asia/Tokyo (UTC+9, no daylight saving) at `at`. */
export function tokyoDay(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant the Tokyo day `day` ends (next midnight JST). */
export function endOfTokyoDay(day: string): Date {
  const midnightUtcOfDay = Date.parse(`${day}T00:00:00.000Z`);
  return new Date(midnightUtcOfDay + 24 * 3600 * 1000 - JST_OFFSET_MS);
}

/**
 * Stored hash of a code, bound to its project and day so a hash cannot be replayed elsewhere.
 * `secret` (a server secret) keeps the 10^6 code space from being brute-forced offline from a dump.
 */
export function hashCheckInCode(secret: string, projectId: string, day: string, code: string): string {
  return createHash('sha256').update(`${secret}\u0000${projectId}\u0000${day}\u0000${code}`).digest('hex');
}

export function checkInCodeMatches(storedHash: string, candidateHash: string): boolean {
  const a = Buffer.from(storedHash, 'hex');
  const b = Buffer.from(candidateHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Normalizes what a participant typed (full-width digits, spaces, hyphens). */
export function normalizeCheckInCode(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]/g, '');
}
