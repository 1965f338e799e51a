/**
 * Callback requests → Klantinteracties API (Open Klant 2), filed as a contactverzoek the way
 * KISS does: klantcontact → betrokkene (klant, initiator) → digitaal adres (the phone number,
 * given by that betrokkene) → interne taak "Terugbellen" with status `te_verwerken`, assigned to
 * the KCC actor when one is configured. Requests follow the Klantinteracties API 0.9.0 spec
 * (Open Klant 2.18); answers of older installs (0.0.3-era) are read too.
 *
 * Env (off unless KLANTINTERACTIES_API_URL is set):
 *   KLANTINTERACTIES_API_URL   e.g. https://openklant.gemeente.nl/klantinteracties/api/v1
 *   KLANTINTERACTIES_TOKEN     sent as `Authorization: Token …`
 *   KLANTINTERACTIES_ACTOR     optional: uuid of the actor (KCC team / organisatorische eenheid)
 *                              the interne taak is assigned to (`toegewezenAanActoren`)
 *   KLANTINTERACTIES_KANAAL    optional: klantcontact `kanaal` (default `website`; `chat` for chat hand-offs)
 *   KLANTINTERACTIES_TIMEOUT_MS optional, per request (default 10000)
 *
 * Idempotent where the API allows: the klantcontact's `inhoud` ends with a marker holding the
 * Dichtbij reference; before filing, the sink looks for a klantcontact with that marker at the
 * same `plaatsgevondenOp` and continues an earlier, partly filed chain instead of starting over.
 * Any failure throws, so the gateway keeps the request and retries.
 *
 * Ended chats → one klantcontact with kanaal `chat` (`klantinteractiesChatSink`, same env): the
 * short report from the chat module (src/chat/klantcontact.ts) as `inhoud`, ending with a marker
 * holding the chat id, found again the same way, so a retry or a second instance never files a
 * chat twice.
 */
import * as z from 'zod/mini';
import type { ChatContactRecord, ChatContactSink } from '../chat/klantcontact.ts';
import type { CallbackRecord, CallbackSink, ConnectorEnv } from './types.ts';

export class KlantinteractiesError extends Error {
  override readonly name = 'KlantinteractiesError';
  constructor(
    readonly code: 'config' | 'timeout' | 'network' | 'http' | 'malformed',
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The phone numbers Open Klant accepts as `telefoonnummer` (from the 0.9.0 spec). */
const OPEN_KLANT_PHONE = /^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$/;

// Answers: only what the chain reads; 0.0.3 and 0.9.0 bodies both pass.
const Ref = z.object({ uuid: z.string().check(z.regex(UUID)), url: z.optional(z.string()) });
const KlantcontactSchema = z.object({
  uuid: z.string().check(z.regex(UUID)),
  url: z.optional(z.string()),
  inhoud: z.optional(z.nullable(z.string())),
  hadBetrokkenen: z.optional(z.array(Ref)),
  leiddeTotInterneTaken: z.optional(z.array(Ref)),
});
const BetrokkeneSchema = z.object({
  uuid: z.string().check(z.regex(UUID)),
  digitaleAdressen: z.optional(z.array(Ref)),
});
const KlantcontactPage = z.object({ results: z.array(KlantcontactSchema) });

export interface KlantinteractiesOptions {
  fetch?: typeof fetch;
}

interface Progress {
  klantcontact?: string;
  betrokkene?: string;
  digitaalAdres?: boolean;
}

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** The marker in `inhoud` that ties a klantcontact to a Dichtbij callback request. */
export const dichtbijMarker = (reference: string) => `[Dichtbij-referentie: ${reference}]`;

/** The marker in `inhoud` that ties a klantcontact to a Dichtbij chat (its id). */
export const dichtbijChatMarker = (chatId: string) => `[Dichtbij-chat: ${chatId}]`;

function preferredText(record: CallbackRecord): string {
  const p = record.preferred;
  return p.kind === 'asap' ? 'zo snel mogelijk' : `${p.date} ${p.part === 'morning' ? "'s ochtends" : "'s middags"}`;
}
function expectedText(record: CallbackRecord): string {
  const e = record.expected;
  if (e.kind === 'today') return e.from ? `vandaag na ${e.from}, vóór ${e.before}` : `vandaag vóór ${e.before}`;
  if (e.kind === 'today-or-next') return `vandaag vóór ${e.before}, anders ${e.date}`;
  if (e.kind === 'next-working-day') return `volgende werkdag (${e.date})`;
  return `${e.date} ${e.part === 'morning' ? "'s ochtends" : "'s middags"}`;
}

/** The klantcontact `inhoud` (max 1000): the question and the hand-off context, marker last. */
export function contactInhoud(record: CallbackRecord): string {
  const marker = dichtbijMarker(record.reference);
  const ctx = record.context;
  const lines = [
    record.question?.trim() ? record.question.trim() : 'Terugbelverzoek zonder vraag.',
    '',
    `Terugbellen: ${preferredText(record)}; toegezegd: ${expectedText(record)}.`,
    ctx?.source ? `Via: ${ctx.source}` : '',
    ctx?.page ? `Pagina: ${ctx.page.title ? `${ctx.page.title} ` : ''}(${ctx.page.url})` : '',
    ctx?.caseReference || ctx?.caseTitle
      ? `Zaak: ${[ctx.caseReference, ctx.caseTitle].filter(Boolean).join(' – ')}`
      : '',
    record.locale === 'en' ? 'Taal: Engels' : '',
  ].filter((l, i) => i < 2 || l);
  let text = lines.join('\n').trim();
  const summary = ctx?.summary?.trim();
  const room = 1000 - marker.length - 2;
  if (summary) text = `${text}\nSamenvatting: ${summary}`;
  return `${clip(text, room)}\n\n${marker}`;
}

/** Splits a typed name into contactnaam parts (first word = voornaam; Dutch tussenvoegsels). */
export function contactnaam(name: string | undefined): Record<string, string> | null {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  if (words.length === 1) return { achternaam: clip(words[0]!, 200) };
  const [voornaam, ...rest] = words;
  const tussen = new Set([
    'van',
    'de',
    'der',
    'den',
    'het',
    "'t",
    'te',
    'ter',
    'ten',
    'in',
    'op',
    'la',
    'le',
    'du',
    'da',
    'von',
    'vom',
    'zu',
    'el',
  ]);
  let i = 0;
  while (i < rest.length - 1 && tussen.has(rest[i]!.toLowerCase())) i++;
  const voorvoegsel = rest.slice(0, i).join(' ');
  const out: Record<string, string> = {
    voornaam: clip(voornaam!, 200),
    achternaam: clip(rest.slice(i).join(' '), 200),
  };
  if (voorvoegsel && voorvoegsel.length <= 10) out.voorvoegselAchternaam = voorvoegsel;
  else if (voorvoegsel) out.achternaam = clip(`${voorvoegsel} ${out.achternaam}`, 200);
  return out;
}

type Call = <T extends z.ZodMiniType>(
  method: 'GET' | 'POST',
  path: string,
  schema: T,
  body?: unknown,
) => Promise<z.infer<T>>;

/**
 * The API client both sinks share: base URL, token and timeout from env (undefined when
 * KLANTINTERACTIES_API_URL is not set; throws when it is set but incomplete), and `call`, which
 * throws a KlantinteractiesError for anything but a 2xx JSON answer of the expected shape.
 */
function connect(env: ConnectorEnv, options: KlantinteractiesOptions): { call: Call } | undefined {
  const rawUrl = env.KLANTINTERACTIES_API_URL?.trim();
  if (!rawUrl) return undefined;
  let base: string;
  try {
    const url = new URL(rawUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    base = url.href.replace(/\/+$/, '');
  } catch {
    throw new KlantinteractiesError(
      'config',
      'KLANTINTERACTIES_API_URL must be an http(s) URL, e.g. https://openklant.gemeente.nl/klantinteracties/api/v1',
    );
  }
  const token = env.KLANTINTERACTIES_TOKEN?.trim();
  if (!token)
    throw new KlantinteractiesError(
      'config',
      'KLANTINTERACTIES_API_URL is set, so KLANTINTERACTIES_TOKEN must be set too',
    );
  const timeout = env.KLANTINTERACTIES_TIMEOUT_MS ? Number(env.KLANTINTERACTIES_TIMEOUT_MS) : 10_000;
  if (!Number.isInteger(timeout) || timeout <= 0)
    throw new KlantinteractiesError('config', 'KLANTINTERACTIES_TIMEOUT_MS must be a positive integer');
  const fetchImpl = options.fetch ?? globalThis.fetch;

  const call: Call = async (method, path, schema, body) => {
    const what = `${method} /${path.split('?')[0]}`;
    let response: Response;
    try {
      response = await fetchImpl(`${base}/${path}`, {
        method,
        headers: {
          Authorization: `Token ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeout),
        redirect: 'error',
      });
    } catch (error) {
      const timedOut = (error as { name?: string })?.name === 'TimeoutError';
      throw new KlantinteractiesError(
        timedOut ? 'timeout' : 'network',
        `Klantinteracties ${what}: ${timedOut ? 'no answer in time' : 'not reachable'}`,
        undefined,
        {
          cause: error,
        },
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new KlantinteractiesError('http', `Klantinteracties ${what}: HTTP ${response.status}`, response.status);
    }
    let data: unknown;
    try {
      data = await response.json();
    } catch (error) {
      throw new KlantinteractiesError('malformed', `Klantinteracties ${what}: not JSON`, response.status, {
        cause: error,
      });
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success)
      throw new KlantinteractiesError('malformed', `Klantinteracties ${what}: unexpected answer`, response.status);
    return parsed.data;
  };
  return { call };
}

/**
 * The gateway's `CallbackSink` for the Klantinteracties API, or undefined when
 * KLANTINTERACTIES_API_URL is not set. Throws when it is set but incomplete.
 */
export function klantinteractiesSink(
  env: ConnectorEnv,
  options: KlantinteractiesOptions = {},
): CallbackSink | undefined {
  const api = connect(env, options);
  if (!api) return undefined;
  const { call } = api;
  const actor = env.KLANTINTERACTIES_ACTOR?.trim() || undefined;
  if (actor && !UUID.test(actor))
    throw new KlantinteractiesError('config', 'KLANTINTERACTIES_ACTOR must be the uuid of an actor');
  const kanaal = env.KLANTINTERACTIES_KANAAL?.trim() || 'website';
  if (kanaal.length > 50) throw new KlantinteractiesError('config', 'KLANTINTERACTIES_KANAAL is at most 50 characters');

  /** Chains filed partly in this process, by request id (resumed on retry). */
  const progress = new Map<string, Progress>();

  /** An earlier attempt (maybe from another gateway instance) found through the marker. */
  async function earlier(record: CallbackRecord, kanaalUsed: string): Promise<{ done?: string; progress: Progress }> {
    const marker = dichtbijMarker(record.reference);
    const query = new URLSearchParams({ plaatsgevondenOp: record.receivedAt, kanaal: kanaalUsed });
    const found = (await call('GET', `klantcontacten?${query}`, KlantcontactPage)).results.find((k) =>
      k.inhoud?.includes(marker),
    );
    if (!found) return { progress: {} };
    const taak = found.leiddeTotInterneTaken?.[0]?.uuid;
    if (taak) return { done: taak, progress: {} };
    const p: Progress = { klantcontact: found.uuid };
    const betrokkene = found.hadBetrokkenen?.[0]?.uuid;
    if (betrokkene) {
      p.betrokkene = betrokkene;
      const b = await call('GET', `betrokkenen/${betrokkene}`, BetrokkeneSchema);
      p.digitaalAdres = (b.digitaleAdressen?.length ?? 0) > 0;
    }
    return { progress: p };
  }

  return {
    name: 'klantinteracties',
    async file(record) {
      const kanaalUsed = record.context?.source === 'chat' ? 'chat' : kanaal;
      let p = progress.get(record.id);
      if (!p) {
        const before = await earlier(record, kanaalUsed);
        if (before.done) return { externalId: before.done };
        p = before.progress;
        progress.set(record.id, p);
        if (progress.size > 1000) progress.delete(progress.keys().next().value!);
      }

      if (!p.klantcontact) {
        const topic = record.topicLabel ?? record.topic ?? record.context?.topic;
        const onderwerp =
          topic?.trim() ||
          (record.context?.caseReference ? `Vraag over zaak ${record.context.caseReference}` : 'Terugbelverzoek');
        const klantcontact = await call('POST', 'klantcontacten', KlantcontactSchema, {
          kanaal: kanaalUsed,
          onderwerp: clip(onderwerp, 200),
          inhoud: contactInhoud(record),
          indicatieContactGelukt: false,
          taal: record.locale === 'en' ? 'eng' : 'nld',
          vertrouwelijk: true,
          plaatsgevondenOp: record.receivedAt,
        });
        p.klantcontact = klantcontact.uuid;
      }

      if (!p.betrokkene) {
        const betrokkene = await call('POST', 'betrokkenen', BetrokkeneSchema, {
          wasPartij: null,
          hadKlantcontact: { uuid: p.klantcontact },
          contactnaam: contactnaam(record.name),
          rol: 'klant',
          initiator: true,
        });
        p.betrokkene = betrokkene.uuid;
      }

      if (!p.digitaalAdres) {
        const phone = OPEN_KLANT_PHONE.test(record.phone);
        await call('POST', 'digitaleadressen', Ref, {
          verstrektDoorBetrokkene: { uuid: p.betrokkene },
          verstrektDoorPartij: null,
          adres: record.phone,
          // A number Open Klant's telefoonnummer check refuses (e.g. a short foreign one) goes as "overig".
          soortDigitaalAdres: phone ? 'telefoonnummer' : 'overig',
          omschrijving: phone ? 'Terugbelnummer' : 'Terugbelnummer (telefoon)',
        });
        p.digitaalAdres = true;
      }

      const taak = await call('POST', 'internetaken', Ref, {
        gevraagdeHandeling: 'Terugbellen',
        aanleidinggevendKlantcontact: { uuid: p.klantcontact },
        ...(actor ? { toegewezenAanActoren: [{ uuid: actor }] } : {}),
        toelichting: clip(
          `Terugbelverzoek ${record.reference}${record.name?.trim() ? ` van ${record.name.trim()}` : ''}. ` +
            `Voorkeur: ${preferredText(record)}; toegezegd: ${expectedText(record)}. Het nummer staat bij de betrokkene.`,
          1000,
        ),
        status: 'te_verwerken',
      });
      progress.delete(record.id);
      return { externalId: taak.uuid };
    },
  };
}

/** The klantcontact `inhoud` of a chat (max 1000): the short report, the chat's marker last. */
export function chatContactInhoud(record: ChatContactRecord): string {
  const marker = dichtbijChatMarker(record.id);
  const report = record.inhoud.trim() || 'Chat via de website.';
  return `${clip(report, 1000 - marker.length - 2)}\n\n${marker}`;
}

/**
 * The chat's `ChatContactSink` for the Klantinteracties API (same env as the callback sink), or
 * undefined when KLANTINTERACTIES_API_URL is not set. Throws when it is set but incomplete.
 *
 * An ended chat becomes one klantcontact: POST /klantcontacten with kanaal `chat`, the chat's
 * onderwerp, the short report as `inhoud` (marker with the chat id last), taal, vertrouwelijk,
 * plaatsgevondenOp (when the chat began) and indicatieContactGelukt (a staff member took part).
 * No betrokkene: a website chat is anonymous. Idempotent on the chat id: a chat filed before (by
 * this process, or one whose answer was lost, or another instance) is found through its marker at
 * the same `plaatsgevondenOp`, and its uuid is returned instead of filing it again.
 */
export function klantinteractiesChatSink(
  env: ConnectorEnv,
  options: KlantinteractiesOptions = {},
): ChatContactSink | undefined {
  const api = connect(env, options);
  if (!api) return undefined;
  const { call } = api;
  /** Chats filed by this process: chat id → klantcontact uuid. */
  const filed = new Map<string, string>();

  return {
    name: 'klantinteracties',
    async recordChat(record) {
      const known = filed.get(record.id);
      if (known) return { externalId: known };
      const marker = dichtbijChatMarker(record.id);
      const query = new URLSearchParams({ plaatsgevondenOp: record.plaatsgevondenOp, kanaal: record.kanaal });
      const earlier = (await call('GET', `klantcontacten?${query}`, KlantcontactPage)).results.find((k) =>
        k.inhoud?.includes(marker),
      );
      const uuid =
        earlier?.uuid ??
        (
          await call('POST', 'klantcontacten', KlantcontactSchema, {
            kanaal: record.kanaal,
            onderwerp: clip(record.onderwerp.trim() || 'Chat via de website', 200),
            inhoud: chatContactInhoud(record),
            indicatieContactGelukt: record.indicatieContactGelukt,
            taal: record.taal,
            vertrouwelijk: record.vertrouwelijk,
            plaatsgevondenOp: record.plaatsgevondenOp,
          })
        ).uuid;
      filed.set(record.id, uuid);
      if (filed.size > 1000) filed.delete(filed.keys().next().value!);
      return { externalId: uuid };
    },
  };
}
