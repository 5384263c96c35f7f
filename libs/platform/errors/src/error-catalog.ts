/** A message in both supported languages; `{name}` placeholders are filled from the error's params. */
export interface ErrorMessage {
  status: number;
  ja: string;
  en: string;
}

export type ErrorCatalog<C extends string> = Record<C, ErrorMessage>;

const registry = new Map<string, ErrorMessage>();

/**
 * Each context registers its error codes once (from its index.ts), so the one global filter can
 * map any code to HTTP status and a Japanese/English message. A code may be registered only once.
 */
export function registerErrorCatalog<C extends string>(catalog: ErrorCatalog<C>): ErrorCatalog<C> {
  for (const [code, message] of Object.entries(catalog) as [C, ErrorMessage][]) {
    const existing = registry.get(code);
    if (existing && existing !== message) {
      throw new Error(`Error code ${code} registered twice`);
    }
    registry.set(code, message);
  }
  return catalog;
}

export function lookupError(code: string): ErrorMessage | undefined {
  return registry.get(code);
}

export function registeredErrorCodes(): string[] {
  return [...registry.keys()];
}

export function formatMessage(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}
