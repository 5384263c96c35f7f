import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContextStore {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContextStore>();

/**
 * The current request's context, carried by AsyncLocalStorage from the HTTP entry point (a
 * Fastify onRequest hook) through services, repositories and log lines. Jobs carry the request
 * id in their payload instead and may re-enter it with `runWithRequestContext`.
 */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function runWithRequestContext<T>(store: RequestContextStore, fn: () => T): T {
  return storage.run(store, fn);
}
