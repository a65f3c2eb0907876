/** The errors the client throws: a problem the API answered, typed by its status, or a wait that ran out. */

/** One field the API found at fault, and what to change. */
export interface FieldError {
  field: string;
  message: string;
}

/** Anything the client throws. */
export class TasklaneError extends Error {
  override name = "TasklaneError";
}

/** An RFC 9457 problem the API answered with: its type, title, status, detail and the fields at fault. */
export class ProblemError extends TasklaneError {
  override name = "ProblemError";

  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[],
    readonly retryAfterSeconds?: number,
  ) {
    super(`${status} ${title}: ${detail}`);
  }

  /** The faults by field name. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.errors.map((e) => [e.field, e.message]));
  }
}

/** 400: a parameter, header or body field is wrong; `errors` names each. */
export class InvalidRequest extends ProblemError {
  override name = "InvalidRequest";
}
/** 401: no valid token. */
export class Unauthorized extends ProblemError {
  override name = "Unauthorized";
}
/** 403: the token's role or tenant may not do this. */
export class Forbidden extends ProblemError {
  override name = "Forbidden";
}
/** 404: no such task, schedule or document is visible to the caller. */
export class NotFound extends ProblemError {
  override name = "NotFound";
}
/** 409: the current state does not allow this. */
export class Conflict extends ProblemError {
  override name = "Conflict";
}
/** 429: a quota or rate limit was reached; `retryAfterSeconds` says when to try again. */
export class QuotaExceeded extends ProblemError {
  override name = "QuotaExceeded";
}
/** 503: Temporal or the task store is unavailable. */
export class Unavailable extends ProblemError {
  override name = "Unavailable";
}

/** A task did not end within the time given to wait for it. */
export class WaitTimeout extends TasklaneError {
  override name = "WaitTimeout";
}

const BY_STATUS: Record<number, typeof ProblemError> = {
  400: InvalidRequest,
  401: Unauthorized,
  403: Forbidden,
  404: NotFound,
  409: Conflict,
  429: QuotaExceeded,
  503: Unavailable,
};

/** The typed error for an error response: from its problem document if it has one, else from its status. */
export function problemFrom(status: number, body: unknown, retryAfterSeconds?: number): ProblemError {
  const problem = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const errors = Array.isArray(problem.errors)
    ? problem.errors.map((e: Record<string, unknown>) => ({ field: String(e.field ?? ""), message: String(e.message ?? "") }))
    : [];
  const Kind = BY_STATUS[status] ?? ProblemError;
  return new Kind(status, String(problem.type ?? "about:blank"), String(problem.title ?? `HTTP ${status}`),
    String(problem.detail ?? ""), errors, retryAfterSeconds);
}
