import type { FieldError } from './app-error';

/** RFC 9457 problem details as every error response of the API carries them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errorId?: string;
  errors?: FieldError[];
}

export function problemType(code: string): string {
  return `urn:kakawari:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
