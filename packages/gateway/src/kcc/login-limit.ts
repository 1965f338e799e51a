/**
 * The staff login limit: only FAILED logins count, per account and per client address
 * (settings KCC_LOGIN_FAILURES_PER_ACCOUNT, KCC_LOGIN_FAILURES_PER_IP, KCC_LOGIN_WINDOW_MINUTES).
 * A successful login never counts, so a whole team behind the town hall's one address can log
 * in; guesses from one address are stopped per address, and guesses spread over many addresses
 * at one account are stopped per account. While either is over its limit no password is checked.
 *
 * The per-account lock must not lock the team out: anyone can spread guesses at the shared
 * account from many addresses. An address that logged in to the account successfully in the last
 * 30 days (the town hall's, a home office) is therefore not held by the account's lock, only by
 * its own per-address limit; the lock holds every address that never logged in.
 */
import type { Context } from 'hono';
import type { GatewayDeps } from '../deps.ts';

/** The account of the shared staff password (KCC_PASSWORD_HASH). */
export const PASSWORD_ACCOUNT = 'kcc-password';

/** How long a successful login makes its address a known one for the account. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000;
const KNOWN = { limit: 1, windowMs: KNOWN_ADDRESS_MS };

export type LoginDecision = { ok: true } | { ok: false; retryAfter: number };

export interface LoginLimit {
  /** Whether a login for `account` from this request's address may be tried now. */
  allowed(c: Context, account: string): Promise<LoginDecision>;
  /** Counts a failed login for `account` and this request's address. */
  failed(c: Context, account: string): Promise<void>;
  /** Remembers this request's address as one that logged in to `account`. */
  succeeded(c: Context, account: string): Promise<void>;
}

export function loginLimit(deps: Pick<GatewayDeps, 'rateLimit' | 'limits'>): LoginLimit {
  const { rateLimit, limits } = deps;
  return {
    async allowed(c, account) {
      const ip = rateLimit.ip(c);
      const [byIp, byAccount, known] = await Promise.all([
        rateLimit.check('kcc-login-fail-ip', ip, limits.loginPerIp),
        rateLimit.check('kcc-login-fail-account', account, limits.loginPerAccount),
        // "Over the limit of 1" here means: this address has logged in to the account before.
        rateLimit.check('kcc-login-ok-ip', `${account} ${ip}`, KNOWN),
      ]);
      if (byIp.ok && (byAccount.ok || !known.ok)) return { ok: true };
      const retryAfter = Math.max(byIp.ok ? 0 : byIp.retryAfter, byAccount.ok || !known.ok ? 0 : byAccount.retryAfter);
      return { ok: false, retryAfter };
    },
    async failed(c, account) {
      await Promise.all([
        rateLimit.hit('kcc-login-fail-ip', rateLimit.ip(c), limits.loginPerIp),
        rateLimit.hit('kcc-login-fail-account', account, limits.loginPerAccount),
      ]);
    },
    async succeeded(c, account) {
      const subject = `${account} ${rateLimit.ip(c)}`;
      if ((await rateLimit.check('kcc-login-ok-ip', subject, KNOWN)).ok)
        await rateLimit.hit('kcc-login-ok-ip', subject, KNOWN);
    },
  };
}
