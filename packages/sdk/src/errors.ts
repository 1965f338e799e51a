/**
 * Why a call to a backend did not give a usable answer. Each is a different story for the
 * resident: `network` no connection (or the code could not be loaded), `timeout` / `server`
 * the gemeente's server does not answer (in time), `bad_response` an answer came but was not
 * understood, `rate_limited` too many attempts (wait `retryAfter`), `validation` the backend
 * refused what was sent, `unauthorized` / `not_found` not allowed or gone.
 */
export type DichtbijErrorCode =
  'network' | 'timeout' | 'validation' | 'unauthorized' | 'not_found' | 'rate_limited' | 'server' | 'bad_response';

export interface DichtbijErrorOptions {
  status?: number;
  /** Seconds to wait before trying again (from Retry-After), when known. */
  retryAfter?: number;
  /** Invalid fields, from the backend's problem+json or from a local parse. */
  fields?: { field: string; message: string }[];
  cause?: unknown;
}

/**
 * The one error type adapters throw. `code` tells what kind of failure it was, so the
 * elements can choose their message (and whether to queue) without knowing the backend.
 */
export class DichtbijError extends Error {
  override readonly name = 'DichtbijError';
  readonly code: DichtbijErrorCode;
  readonly status: number | undefined;
  readonly retryAfter: number | undefined;
  readonly fields: { field: string; message: string }[];

  constructor(code: DichtbijErrorCode, message: string, options: DichtbijErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryAfter = options.retryAfter;
    this.fields = options.fields ?? [];
  }

  /**
   * Worth keeping in the outbox and trying again later: no connection, no (timely) answer, or
   * an answer that was not understood. The outbox's policy decides how often (`outboxDecision`);
   * `rate_limited` is not transient but waits `retryAfter` once queued.
   */
  get transient(): boolean {
    return this.code === 'network' || this.code === 'timeout' || this.code === 'server' || this.code === 'bad_response';
  }
}

export function isDichtbijError(value: unknown): value is DichtbijError {
  return value instanceof DichtbijError;
}

/** The error code for an HTTP status. */
export function codeForStatus(status: number): DichtbijErrorCode {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  return 'validation';
}
