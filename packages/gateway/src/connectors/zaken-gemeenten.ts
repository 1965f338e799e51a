/**
 * Zaken per gemeente, for a gateway of several gemeenten (a werkorganisatie): which zaaksysteem
 * a gemeente's status lookups and "Mijn zaken" go to, and which zaken in it are its own.
 *
 * Two sources, merged (a gemeente in both is a configuration error):
 *   - ZGW_BRONORGANISATIES=druten=001234567,wijchen=007654321: gemeenten sharing the one
 *     zaaksysteem of ZAKEN_API_URL, each with its RSIN;
 *   - `zaken` next to `gemeenten` in GEMEENTE_CONFIG (gateway-side only, never part of what
 *     GET /v1/config answers):
 *       "zaken": {
 *         "druten":  { "bronorganisatie": "001234567" },
 *         "wijchen": { "bronorganisatie": "007654321",
 *                      "zakenApiUrl": "https://zaken.wijchen.nl/zaken/api/v1",
 *                      "catalogiApiUrl": "https://zaken.wijchen.nl/catalogi/api/v1",
 *                      "clientId": "dichtbij-wijchen", "esuiteGemeentecode": "0296" }
 *       }
 *     A gemeente without `zakenApiUrl` uses the shared zaaksysteem (ZAKEN_API_URL); one with it
 *     has its own, and its secret comes from the environment only: ZGW_SECRET_<ID> (the id in
 *     upper case, dashes as underscores: ZGW_SECRET_WIJCHEN, ZGW_SECRET_WEST_BETUWE).
 *
 * Once any gemeente is named here, a gemeente that is not finds no zaken at all (its lookups
 * answer like an unknown zaak), so no gemeente sees the shared system unfiltered by mistake.
 */
import { ZgwError } from './zgw-client.ts';
import type { ConnectorEnv } from './types.ts';

/** One gemeente's entry in the `zaken` block of the configuration file. */
export interface GemeenteZakenConfig {
  /** The gemeente's RSIN: only zaken with this bronorganisatie are its own. */
  bronorganisatie?: string;
  /** Its own zaaksysteem (with catalogiApiUrl and clientId; the secret is ZGW_SECRET_<ID>). */
  zakenApiUrl?: string;
  catalogiApiUrl?: string;
  clientId?: string;
  /** Its CBS gemeentecode for e-Suite references (instead of ZGW_ESUITE_GEMEENTECODE). */
  esuiteGemeentecode?: string;
}

/** A gemeente's zaken, validated. */
export interface GemeenteZaken {
  bronorganisatie?: string;
  esuiteGemeentecode?: string;
  /** Its own zaaksysteem; absent: the shared one (ZAKEN_API_URL). */
  connection?: { zakenUrl: string; catalogiUrl: string; clientId: string; secret: string };
}

const GEMEENTE_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const RSIN = /^\d{9}$/;
const KEYS = new Set(['bronorganisatie', 'zakenApiUrl', 'catalogiApiUrl', 'clientId', 'esuiteGemeentecode']);

/** The environment variable holding the ZGW secret of a gemeente's own zaaksysteem. */
export const zgwSecretVariable = (id: string) => `ZGW_SECRET_${id.toUpperCase().replace(/-/g, '_')}`;

const fail = (message: string) => new ZgwError('config', message);
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** ZGW_BRONORGANISATIES → gemeente id → RSIN (undefined when not set). */
function pairsFromEnv(env: ConnectorEnv): Map<string, string> | undefined {
  const many = env.ZGW_BRONORGANISATIES?.trim();
  if (!many) return undefined;
  const out = new Map<string, string>();
  for (const pair of many.split(',')) {
    const m = /^\s*([a-z0-9][a-z0-9-]{0,62})\s*=\s*(\d{9})\s*$/.exec(pair);
    if (!m || out.has(m[1]!))
      throw fail(
        'ZGW_BRONORGANISATIES must be gemeente=RSIN pairs, each gemeente once, e.g. druten=001234567,wijchen=007654321',
      );
    out.set(m[1]!, m[2]!);
  }
  return out;
}

/**
 * The zaken of each gemeente named in ZGW_BRONORGANISATIES or the configuration's `zaken` block;
 * undefined when neither is set (one zaaksysteem for every gemeente, as before). `gemeenten`:
 * the ids of the configured gemeenten (an entry for another id is an error). Throws a ZgwError
 * naming the wrong setting.
 */
export function gemeentenZaken(
  env: ConnectorEnv,
  block: unknown,
  gemeenten?: readonly string[],
): Map<string, GemeenteZaken> | undefined {
  const pairs = pairsFromEnv(env);
  if (block === undefined && !pairs) return undefined;
  if (block !== undefined && !isRecord(block))
    throw fail('GEMEENTE_CONFIG: zaken must be an object of gemeente id → its zaken settings');
  const out = new Map<string, GemeenteZaken>();
  for (const [id, rsin] of pairs ?? []) out.set(id, { bronorganisatie: rsin });

  for (const [id, value] of Object.entries(block ?? {})) {
    const at = `GEMEENTE_CONFIG: zaken.${id}`;
    if (!GEMEENTE_ID.test(id) || (gemeenten && !gemeenten.includes(id)))
      throw fail(`${at} is not one of the gemeenten of the configuration`);
    if (out.has(id)) throw fail(`${at}: this gemeente is also in ZGW_BRONORGANISATIES; name it in one place`);
    if (!isRecord(value)) throw fail(`${at} must be an object`);
    const secretVar = zgwSecretVariable(id);
    for (const key of Object.keys(value)) {
      if (/secret/i.test(key))
        throw fail(`${at}.${key}: secrets are never read from the configuration file; set ${secretVar}`);
      if (!KEYS.has(key)) throw fail(`${at}.${key} is not a setting (${[...KEYS].join(', ')})`);
    }
    const text = (key: keyof GemeenteZakenConfig): string | undefined => {
      const v = value[key];
      if (v === undefined) return undefined;
      if (typeof v !== 'string' || !v.trim()) throw fail(`${at}.${key} must be a non-empty string`);
      return v.trim();
    };
    const entry: GemeenteZaken = {};
    const bron = text('bronorganisatie');
    if (bron !== undefined) {
      if (!RSIN.test(bron)) throw fail(`${at}.bronorganisatie must be an RSIN (9 digits)`);
      entry.bronorganisatie = bron;
    }
    const code = text('esuiteGemeentecode');
    if (code !== undefined) {
      if (!/^\d{4}$/.test(code)) throw fail(`${at}.esuiteGemeentecode must be 4 digits (CBS gemeentecode)`);
      entry.esuiteGemeentecode = code;
    }
    const zakenUrl = text('zakenApiUrl');
    const catalogiUrl = text('catalogiApiUrl');
    const clientId = text('clientId');
    if (zakenUrl === undefined) {
      if (catalogiUrl !== undefined || clientId !== undefined)
        throw fail(`${at}: catalogiApiUrl and clientId belong to its own zaaksysteem; set zakenApiUrl too`);
      if (!entry.bronorganisatie)
        throw fail(`${at}: name its bronorganisatie (in the shared zaaksysteem) or its own zakenApiUrl`);
    } else {
      const missing = [
        catalogiUrl === undefined ? 'catalogiApiUrl' : '',
        clientId === undefined ? 'clientId' : '',
      ].filter(Boolean);
      if (missing.length) throw fail(`${at} has its own zakenApiUrl, so ${missing.join(' and ')} must be set too`);
      const secret = env[secretVar];
      if (!secret) throw fail(`${at} has its own zaaksysteem, so ${secretVar} must be set (in the environment)`);
      for (const [key, url] of [
        ['zakenApiUrl', zakenUrl],
        ['catalogiApiUrl', catalogiUrl!],
      ] as const) {
        if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw fail(`${at}.${key} must be an http(s) URL`);
      }
      entry.connection = { zakenUrl, catalogiUrl: catalogiUrl!, clientId: clientId!, secret };
    }
    out.set(id, entry);
  }

  if (gemeenten && pairs) {
    const unknown = [...pairs.keys()].filter((id) => !gemeenten.includes(id));
    if (unknown.length)
      throw fail(`ZGW_BRONORGANISATIES names ${unknown.join(', ')}: not a gemeente of the configuration`);
  }
  // `"zaken": {}` names no gemeente: one zaaksysteem for all, as without it.
  return out.size ? out : undefined;
}
