import type { Actor } from '@app/identity';
import type { StaffScope } from '../persistence/projects.repository';

/** An admin may act for any municipality; staff for the municipalities of their memberships. */
export function staffScopeOf(actor: Actor): StaffScope {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'municipality_staff') return { kind: 'municipalities', codes: actor.municipalityCodes };
  return { kind: 'municipalities', codes: [] };
}

/** A page position: the (startsAt, id) of the last row seen, and for text searches its relevance. */
export function encodeCursor(startsAt: Date, id: string, relevance?: number | null): string {
  const v: { s: string; i: string; r?: number } = { s: startsAt.toISOString(), i: id };
  if (relevance !== undefined && relevance !== null) v.r = relevance;
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

export function decodeCursor(cursor: string): { startsAt: Date; id: string; relevance?: number } | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; i?: unknown; r?: unknown };
    if (typeof v.s !== 'string' || typeof v.i !== 'string') return null;
    const startsAt = new Date(v.s);
    if (Number.isNaN(startsAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(v.i)) return null;
    if (v.r === undefined) return { startsAt, id: v.i };
    if (typeof v.r !== 'number' || !Number.isInteger(v.r) || v.r < 0 || v.r > 1000) return null;
    return { startsAt, id: v.i, relevance: v.r };
  } catch {
    return null;
  }
}
