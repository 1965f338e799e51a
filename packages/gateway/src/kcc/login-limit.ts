/**
 * The staff login limit: only FAILED logins count, per account and per client address
 * (settings KCC_LOGIN_FAILURES_PER_ACCOUNT, KCC_LOGIN_FAILURES_PER_IP, KCC_LOGIN_WINDOW_MINUTES).
 * A successful login never counts, so a whole team behind the town hall's one address can log
 * in; guesses from one address are stopped per address, and guesses spread over many addresses
 * at one account are stopped per account. While either is over its limit no password is checked.
 */
import type { Context } from 'hono';
import type { GatewayDeps } from '../deps.ts';

/** The account of the shared staff password (KCC_PASSWORD_HASH). */
export const PASSWORD_ACCOUNT = 'kcc-password';

export type LoginDecision = { ok: true } | { ok: false; retryAfter: number };

export interface LoginLimit {
  /** Whether a login for `account` from this request's address may be tried now. */
  allowed(c: Context, account: string): Promise<LoginDecision>;
  /** Counts a failed login for `account` and this request's address. */
  failed(c: Context, account: string): Promise<void>;
}

export function loginLimit(deps: Pick<GatewayDeps, 'rateLimit' | 'limits'>): LoginLimit {
  const { rateLimit, limits } = deps;
  return {
    async allowed(c, account) {
      const [byIp, byAccount] = await Promise.all([
        rateLimit.check('kcc-login-fail-ip', rateLimit.ip(c), limits.loginPerIp),
        rateLimit.check('kcc-login-fail-account', account, limits.loginPerAccount),
      ]);
      if (byIp.ok && byAccount.ok) return { ok: true };
      const retryAfter = Math.max(byIp.ok ? 0 : byIp.retryAfter, byAccount.ok ? 0 : byAccount.retryAfter);
      return { ok: false, retryAfter };
    },
    async failed(c, account) {
      await Promise.all([
        rateLimit.hit('kcc-login-fail-ip', rateLimit.ip(c), limits.loginPerIp),
        rateLimit.hit('kcc-login-fail-account', account, limits.loginPerAccount),
      ]);
    },
  };
}
