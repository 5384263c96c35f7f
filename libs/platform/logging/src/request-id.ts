import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const REQUEST_ID = Symbol.for('kakawari.requestId');
const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The request id of an incoming request: a well-formed `X-Request-Id` from a trusted proxy, or a
 * new UUID. Memoized on the request so the logger, the CLS context and the response agree.
 */
export function requestIdOf(req: IncomingMessage): string {
  const holder = req as IncomingMessage & { [REQUEST_ID]?: string };
  if (holder[REQUEST_ID]) return holder[REQUEST_ID];
  const header = req.headers['x-request-id'];
  const candidate = Array.isArray(header) ? header[0] : header;
  const id = candidate && SAFE_ID.test(candidate) ? candidate : randomUUID();
  holder[REQUEST_ID] = id;
  return id;
}
