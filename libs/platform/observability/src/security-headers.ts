import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers as helmet defines them, computed once. helmet's middleware rebuilds the same
 * static header set on every response (CSP parsing included), which cost ~5 % of a small
 * request's CPU; the set does not depend on the request, so it is captured at start-up and
 * copied onto each reply.
 */
export function precomputeSecurityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader(name: string) {
      return headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as never, response as never, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure;
  return headers;
}
