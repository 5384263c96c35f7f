// RFC 9457 problem details, the one error shape of every API route (PRODUCT.md §5). The OpenAPI
// document describes error responses without a schema, so this platform-wide shape is declared
// here once; per-route request and response types all come from the generated schema.d.ts.
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field errors keyed by field name (the first message wins). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      if (!(e.field in out)) out[e.field] = e.message;
    }
    return out;
  }
}

export function toProblem(error: unknown, response: Response | undefined): Problem {
  if (error && typeof error === 'object' && 'title' in error) {
    const p = error as Partial<Problem>;
    return { title: String(p.title), status: p.status ?? response?.status ?? 0, detail: p.detail, code: p.code, errors: p.errors, type: p.type };
  }
  if (!response) {
    // No answer at all (offline, weak signal, connection reset): the browser's own text ("Failed to fetch") helps nobody.
    return { title: '通信エラー', status: 0, detail: '通信できませんでした。接続を確かめて、もう一度お試しください。' };
  }
  return { title: `HTTP ${response.status}`, status: response.status, detail: typeof error === 'string' ? error : undefined };
}
