import type { Actor } from '@app/identity';
import type { StaffScope } from '../persistence/projects.repository';

/** An admin may act for any municipality; staff for the municipalities of their memberships. */
export function staffScopeOf(actor: Actor): StaffScope {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'municipality_staff') return { kind: 'municipalities', codes: actor.municipalityCodes };
  return { kind: 'municipalities', codes: [] };
}

/** A page position: the (startsAt, id) of the last row seen. */
export function encodeCursor(startsAt: Date, id: string): string {
  return Buffer.from(JSON.stringify({ s: startsAt.toISOString(), i: id })).toString('base64url');
}

export function decodeCursor(cursor: string): { startsAt: Date; id: string } | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; i?: unknown };
    if (typeof v.s !== 'string' || typeof v.i !== 'string') return null;
    const startsAt = new Date(v.s);
    if (Number.isNaN(startsAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(v.i)) return null;
    return { startsAt, id: v.i };
  } catch {
    return null;
  }
}
