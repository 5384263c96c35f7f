import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** Routes probed by orchestrators and scrapers: measured, but not written to the log. */
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

export type RequestObserver = (request: FastifyRequest, reply: FastifyReply, route: string) => void;

/**
 * Fastify's per-request logging, shaped for us: no "incoming request" line, one JSON line per
 * completed request carrying the request id, and a callback for metrics. Fastify calls it from the
 * response-finished listener it installs anyway, so the line and the latency histogram cost no
 * extra onResponse hook (an empty one measured ~8 µs per request, a sixth of a small request).
 */
export class RequestLogController extends LogController {
  private observer: RequestObserver | undefined;

  constructor() {
    super({ disableRequestLogging: false });
  }

  /** Set once the application's metrics exist (after the Nest app is created). */
  observeWith(observer: RequestObserver): void {
    this.observer = observer;
  }

  override incomingRequest(): void {
    // the completed line says everything the incoming one would
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions?.url ?? 'unmatched';
    this.observer?.(request, reply, route);
    if (QUIET_ROUTES.has(route) && !error) return;
    const line = {
      requestId: request.id,
      method: request.method,
      url: request.url.split('?')[0],
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) request.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request completed');
  }
}
