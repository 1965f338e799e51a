/**
 * The staff password: stored only as a scrypt hash (`scrypt$N$r$p$salt$hash`, base64), compared
 * in constant time. Make one with `node --import tsx packages/gateway/src/cli.ts hash-password`.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEYLEN = 32;
const maxmem = (p: ScryptParams) => 256 * p.N * p.r + 1024 * 1024;

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  if (password.length < 8) throw new Error('The KCC password must have at least 8 characters');
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { ...params, maxmem: maxmem(params) });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Parses `scrypt$N$r$p$salt$hash`; throws a clear error for anything else. */
export function parseHash(encoded: string): ScryptParams & { salt: Buffer; key: Buffer } {
  const parts = encoded.trim().split('$');
  const [kind, N, r, p, salt, key] = parts;
  const params = { N: Number(N), r: Number(r), p: Number(p) };
  if (
    parts.length !== 6 ||
    kind !== 'scrypt' ||
    !Number.isInteger(params.N) ||
    params.N < 2 ||
    (params.N & (params.N - 1)) !== 0 ||
    !(params.r >= 1) ||
    !(params.p >= 1) ||
    !salt ||
    !key
  ) {
    throw new Error('KCC_PASSWORD_HASH must look like scrypt$32768$8$1$<salt>$<hash> (see the README)');
  }
  return { ...params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

/** Constant-time check of a password against a hash from hashPassword. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const { salt, key, ...params } = parseHash(encoded);
  const candidate = await scrypt(password.normalize('NFKC'), salt, key.length, { ...params, maxmem: maxmem(params) });
  return candidate.length === key.length && timingSafeEqual(candidate, key);
}
