import { DichtbijError } from './errors.ts';

/** The browser says it has no connection (`navigator.onLine === false`). Unknown counts as online. */
export function isOffline(): boolean {
  return (globalThis.navigator as Navigator | undefined)?.onLine === false;
}

/**
 * The cause to tell a resident: a request that could not reach the server (`network`) is only
 * "no internet connection" when the browser says it is offline; while it is online the
 * gemeente's server did not answer (`server`). Other codes are returned as they are.
 */
export function residentCode<C extends string>(code: C): C | 'server' {
  return code === 'network' && !isOffline() ? 'server' : code;
}

/**
 * Wraps a dynamic `import()` of code that a submission or a call needs, so that:
 * - a failed load is not remembered: the next call tries again;
 * - nothing is fetched while the browser says it is offline. Chromium remembers a failed module
 *   fetch for that URL until the page is reloaded, so trying while offline would make the code
 *   unloadable for the rest of the visit; waiting for `online` keeps it loadable;
 * - a failure is a `network` DichtbijError (the outbox keeps the submission and tries again).
 *
 * `load` must contain the literal `import('…')`, so that bundlers still see the chunk.
 */
export function codeLoader<T>(load: () => Promise<T>, what = 'code'): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (loading) return loading;
    if (isOffline()) {
      return Promise.reject(new DichtbijError('network', `Offline: the ${what} is loaded when the connection is back`));
    }
    const attempt = load().catch((error: unknown) => {
      if (loading === attempt) loading = undefined; // try again next time
      throw error instanceof DichtbijError
        ? error
        : new DichtbijError('network', `The ${what} could not be loaded`, { cause: error });
    });
    loading = attempt;
    return attempt;
  };
}
