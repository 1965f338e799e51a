/** Small runtime seams the gateway takes from outside, so tests can inject time and capture logs. */

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * Structured log lines. The gateway never passes personal data: no bodies, phone numbers,
 * names, BSNs, query strings, case references, cookies or error messages from sinks, only
 * fixed event names, route templates, status codes, durations and counts.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** JSON lines on stdout/stderr. */
export function jsonLogger(write: (line: string, level: 'info' | 'warn' | 'error') => void = defaultWrite): Logger {
  const log =
    (level: 'info' | 'warn' | 'error') =>
    (event: string, fields: LogFields = {}) =>
      write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }), level);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
function defaultWrite(line: string, level: 'info' | 'warn' | 'error') {
  (level === 'info' ? process.stdout : process.stderr).write(line + '\n');
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** What may be logged about an error: its class and code, never its message (it may quote data). */
export function errorFields(error: unknown): LogFields {
  const e = error as { name?: unknown; code?: unknown } | null | undefined;
  return {
    error: typeof e?.name === 'string' ? e.name : typeof error,
    ...(typeof e?.code === 'string' || typeof e?.code === 'number' ? { code: e.code } : {}),
  };
}
