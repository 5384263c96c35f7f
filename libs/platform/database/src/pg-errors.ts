import { QueryFailedError } from 'typeorm';

function pgCode(e: unknown): string | undefined {
  if (e instanceof QueryFailedError) return (e.driverError as { code?: string })?.code;
  return (e as { code?: string } | undefined)?.code;
}

function pgConstraint(e: unknown): string | undefined {
  if (e instanceof QueryFailedError) return (e.driverError as { constraint?: string })?.constraint;
  return (e as { constraint?: string } | undefined)?.constraint;
}

/** True when `e` is PostgreSQL's unique_violation (optionally on one named constraint). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  return pgCode(e) === '23505' && (!constraint || pgConstraint(e) === constraint);
}

export function isForeignKeyViolation(e: unknown, constraint?: string): boolean {
  return pgCode(e) === '23503' && (!constraint || pgConstraint(e) === constraint);
}

export function isCheckViolation(e: unknown, constraint?: string): boolean {
  return pgCode(e) === '23514' && (!constraint || pgConstraint(e) === constraint);
}
