/**
 * ZGW (Zaakgericht Werken) → Dichtbij: the parts of the VNG Zaken API 1.5 and Catalogi API 1.3
 * shapes that the case status needs, and the mapping to the SDK's `CaseStatus`.
 *
 * Used by the gateway's Zaken connector (server side, with credentials) and by
 * `commonGroundAdapter` (browser side, through the gateway's `/zgw` proxy).
 *
 * The schemas are loose on purpose: real systems (Open Zaak, e-Suite, …) send fields the spec
 * does not know (`_expand`, `laatstGeopend`, `zaakobjecttypen`, …) and leave out fields it calls
 * required. Only what the mapping reads is checked; extra keys are dropped. Strings are kept as
 * they are (no escaping here): they are data, and the elements render them as text.
 */
import * as z from 'zod/mini';
import type { CaseStatus, CaseStep } from '../schemas.ts';
import { cleanTextValue } from '../text.ts';

const str = () => z.string();
const optStr = () => z.optional(z.nullable(z.string()));

/** The confidentiality levels of the ZGW standards, from least to most confidential. */
export const VERTROUWELIJKHEID_ORDER = [
  'openbaar',
  'beperkt_openbaar',
  'intern',
  'zaakvertrouwelijk',
  'vertrouwelijk',
  'confidentieel',
  'geheim',
  'zeer_geheim',
] as const;
export type Vertrouwelijkheid = (typeof VERTROUWELIJKHEID_ORDER)[number];

export function isVertrouwelijkheid(value: unknown): value is Vertrouwelijkheid {
  return typeof value === 'string' && (VERTROUWELIJKHEID_ORDER as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------
// Schemas (response shapes; unknown keys are stripped)

/** Zaken API `Zaak` (the fields the mapping and the connectors read). */
export const ZgwZaakSchema = z.object({
  url: str(),
  uuid: z.optional(str()),
  identificatie: str(),
  bronorganisatie: z.optional(str()),
  omschrijving: optStr(),
  zaaktype: str(),
  registratiedatum: optStr(),
  startdatum: str(),
  einddatum: optStr(),
  einddatumGepland: optStr(),
  uiterlijkeEinddatumAfdoening: optStr(),
  vertrouwelijkheidaanduiding: optStr(),
  /** URL of the current status, or null/"" when none was set yet. */
  status: optStr(),
  opschorting: z.optional(z.nullable(z.object({ indicatie: z.optional(z.nullable(z.boolean())), reden: optStr() }))),
  verlenging: z.optional(z.nullable(z.object({ duur: optStr(), reden: optStr() }))),
});
export type ZgwZaak = z.infer<typeof ZgwZaakSchema>;

/** Zaken API `Status`. */
export const ZgwStatusSchema = z.object({
  url: str(),
  uuid: z.optional(str()),
  zaak: z.optional(str()),
  statustype: str(),
  datumStatusGezet: str(),
  indicatieLaatstGezetteStatus: z.optional(z.nullable(z.boolean())),
});
export type ZgwStatus = z.infer<typeof ZgwStatusSchema>;

/** Catalogi API `StatusType`. `volgnummer` is required by the spec but missing in some systems. */
export const ZgwStatusTypeSchema = z.object({
  url: str(),
  omschrijving: str(),
  omschrijvingGeneriek: optStr(),
  statustekst: optStr(),
  volgnummer: z.optional(z.nullable(z.number())),
  isEindstatus: z.optional(z.nullable(z.boolean())),
  zaaktype: z.optional(str()),
});
export type ZgwStatusType = z.infer<typeof ZgwStatusTypeSchema>;

/** Catalogi API `ZaakType`. */
export const ZgwZaakTypeSchema = z.object({
  url: z.optional(str()),
  identificatie: z.optional(str()),
  omschrijving: str(),
  omschrijvingGeneriek: optStr(),
  /** `intern` or `extern`: only `extern` zaaktypen are shown to residents. */
  indicatieInternOfExtern: optStr(),
  vertrouwelijkheidaanduiding: optStr(),
  /** What the initiator does: "Aanvragen", "Melden", "Indienen", … (decides "uw aanvraag" or "uw melding"). */
  handelingInitiator: optStr(),
  statustypen: z.optional(z.array(str())),
});
export type ZgwZaakType = z.infer<typeof ZgwZaakTypeSchema>;

const AdresSchema = z.object({ aoaPostcode: optStr() });

/** Zaken API `Rol` (server side only: it carries BSNs and addresses). */
export const ZgwRolSchema = z.object({
  url: z.optional(str()),
  zaak: str(),
  betrokkeneType: optStr(),
  omschrijvingGeneriek: optStr(),
  betrokkeneIdentificatie: z.optional(
    z.nullable(
      z.object({
        inpBsn: optStr(),
        verblijfsadres: z.optional(z.nullable(AdresSchema)),
      }),
    ),
  ),
});
export type ZgwRol = z.infer<typeof ZgwRolSchema>;

/** A paginated ZGW list (`{ count, next, previous, results }`). */
export function zgwPageSchema<T extends z.ZodMiniType>(item: T) {
  return z.object({
    count: z.optional(z.number()),
    next: optStr(),
    previous: optStr(),
    results: z.array(item),
  });
}
export type ZgwPage<T> = { count?: number; next?: string | null; previous?: string | null; results: T[] };

// ---------------------------------------------------------------------------------------
// Helpers

/**
 * The reference a resident knows for a zaak identificatie. e-Suite builds identificaties as
 * `{gemeentecode}ESUITE{volgnummer}{jaar}` (`0014ESUITE66392022`), while letters say `6639-2022`.
 * Other identificaties are returned as they are (trimmed).
 */
export function zaakReference(identificatie: string): string {
  const trimmed = identificatie.trim();
  const esuite = /^\d{4}ESUITE(\d+)(\d{4})$/i.exec(trimmed);
  return esuite ? `${esuite[1]}-${esuite[2]}` : trimmed;
}

/**
 * The e-Suite identificatie for a reference as residents write it (`6639-2022` with gemeentecode
 * `0014` → `0014ESUITE66392022`), or undefined when the reference does not look like one.
 */
export function esuiteIdentificatie(reference: string, gemeentecode: string): string | undefined {
  const m = /^(\d{1,10})-(\d{4})$/.exec(reference.trim());
  if (!m || !/^\d{4}$/.test(gemeentecode)) return undefined;
  return `${gemeentecode}ESUITE${m[1]}${m[2]}`;
}

/**
 * Days in an ISO 8601 duration as the Zaken API uses for `verlenging.duur` (`P30D` → 30,
 * `P2W` → 14, `-P5D` → -5). Months and years have no fixed length in days: undefined.
 */
export function isoDurationDays(duration: string | null | undefined): number | undefined {
  if (!duration) return undefined;
  const m = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/.exec(duration.trim());
  if (!m || /T$/.test(duration.trim())) return undefined;
  const [, sign, weeks, days, hours, minutes, seconds] = m;
  if (
    weeks === undefined &&
    days === undefined &&
    hours === undefined &&
    minutes === undefined &&
    seconds === undefined
  ) {
    return undefined;
  }
  const total =
    Number(weeks ?? 0) * 7 +
    Number(days ?? 0) +
    (Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number((seconds ?? '0').replace(',', '.'))) / 86_400;
  const whole = Math.round(total);
  return sign === '-' ? -whole : whole;
}

/** The last path segment that is a UUID (ZGW resource URLs end in one). */
export function zgwUuid(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  const m = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?(?:[?#].*)?$/i.exec(url);
  return m?.[1]?.toLowerCase();
}

/** Two ZGW URLs name the same resource: same UUID, or the same URL when there is none. */
function sameResource(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const ua = zgwUuid(a);
  const ub = zgwUuid(b);
  if (ua && ub) return ua === ub;
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

const amsterdamDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` from a ZGW date or date-time (date-times are read in Europe/Amsterdam). */
function isoDay(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  return amsterdamDay.format(new Date(t));
}

const clip = (value: string, max: number) => cleanTextValue(value, max);
const nonEmpty = (value: string | null | undefined) => (value && value.trim() ? value.trim() : undefined);

/** Whether a zaak of this zaaktype may be shown to residents at `max` confidentiality. */
export function isZaakVisible(
  zaak: Pick<ZgwZaak, 'vertrouwelijkheidaanduiding'>,
  zaaktype: Pick<ZgwZaakType, 'indicatieInternOfExtern' | 'vertrouwelijkheidaanduiding'>,
  max: Vertrouwelijkheid,
): boolean {
  if (zaaktype.indicatieInternOfExtern !== 'extern') return false;
  return isConfidentialityAllowed(zaak.vertrouwelijkheidaanduiding ?? zaaktype.vertrouwelijkheidaanduiding, max);
}

/** `level` is at most `max`. Unknown or missing levels are refused (fail closed). */
export function isConfidentialityAllowed(level: string | null | undefined, max: Vertrouwelijkheid): boolean {
  if (!isVertrouwelijkheid(level)) return false;
  return VERTROUWELIJKHEID_ORDER.indexOf(level) <= VERTROUWELIJKHEID_ORDER.indexOf(max);
}

// ---------------------------------------------------------------------------------------
// The mapping

export interface MapZaakInput {
  zaak: ZgwZaak;
  /** The zaak's statussen (any order; may miss the current one). */
  statussen: ZgwStatus[];
  /** The zaaktype's statustypen (any order). */
  statustypen: ZgwStatusType[];
  zaaktype: ZgwZaakType;
}

export interface MapZaakOptions {
  /** The most confidential `vertrouwelijkheidaanduiding` shown to residents. */
  maxVertrouwelijkheid: Vertrouwelijkheid;
  /** "Now", for statussen dated in the future (ignored until then). Defaults to the clock. */
  now?: Date;
}

/**
 * The kind of case a zaaktype's `handelingInitiator` tells for sure. "Indienen" can be a klacht,
 * a bezwaar or an aanvraag: the SDK's caseKind() decides those from the zaaktype and the title.
 */
const INITIATOR_KIND: Record<string, CaseStatus['kind']> = {
  aanvragen: 'aanvraag',
  melden: 'melding',
  'bezwaar maken': 'bezwaar',
  'klacht indienen': 'klacht',
};

/**
 * Maps a zaak with its statussen, statustypen and zaaktype to the SDK's `CaseStatus`, or
 * `undefined` when residents may not see it (zaaktype not `extern`, or more confidential than
 * `maxVertrouwelijkheid`). Callers treat undefined exactly like "not found" (no oracle).
 *
 * Steps: the statustypen ordered by `volgnummer` (when some lack one: by when their status was
 * set, then volgnummer, then name), with the end status (`isEindstatus`) last and only one of
 * them shown when a zaaktype has several. Steps before the current one are `done`, the zaak's
 * current status is `current` (`zaak.status`; else the status flagged as last set; else the most
 * recently set one), the rest `upcoming`. Title = `omschrijving`; text = `statustekst`, else
 * `omschrijving`; completedAt = when that status was set (`datumStatusGezet`).
 */
export function mapZaakToCaseStatus(input: MapZaakInput, options: MapZaakOptions): CaseStatus | undefined {
  const { zaak, zaaktype } = input;
  if (!isVertrouwelijkheid(options.maxVertrouwelijkheid)) {
    throw new TypeError(
      `mapZaakToCaseStatus: maxVertrouwelijkheid must be one of ${VERTROUWELIJKHEID_ORDER.join(', ')}`,
    );
  }
  if (!isZaakVisible(zaak, zaaktype, options.maxVertrouwelijkheid)) return undefined;

  const now = (options.now ?? new Date()).getTime();
  const time = (s: ZgwStatus) => {
    const t = Date.parse(s.datumStatusGezet);
    return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
  };
  // Only this zaak's statussen that are in effect, oldest first.
  const statussen = input.statussen
    .filter((s) => !s.zaak || sameResource(s.zaak, zaak.url))
    .filter((s) => time(s) <= now || sameResource(s.url, zaak.status))
    .sort((a, b) => time(a) - time(b));

  const current =
    statussen.find((s) => sameResource(s.url, zaak.status)) ??
    [...statussen].reverse().find((s) => s.indicatieLaatstGezetteStatus === true) ??
    statussen.at(-1);

  // Statustypen, each once.
  const types: ZgwStatusType[] = [];
  for (const t of input.statustypen) if (!types.some((x) => sameResource(x.url, t.url))) types.push(t);

  /** When a status of this type was set: first and last time. */
  const setTimes = (t: ZgwStatusType) => statussen.filter((s) => sameResource(s.statustype, t.url)).map(time);
  const firstSet = (t: ZgwStatusType) => Math.min(...setTimes(t), Number.POSITIVE_INFINITY);
  const lastSetStatus = (t: ZgwStatusType) => [...statussen].reverse().find((s) => sameResource(s.statustype, t.url));
  const name = (t: ZgwStatusType) => t.omschrijving.trim();
  const num = (t: ZgwStatusType) =>
    typeof t.volgnummer === 'number' && Number.isFinite(t.volgnummer) ? t.volgnummer : undefined;
  const byName = (a: ZgwStatusType, b: ZgwStatusType) => name(a).localeCompare(name(b), 'nl');

  const allNumbered = types.every((t) => num(t) !== undefined);
  types.sort((a, b) => {
    if (allNumbered) return num(a)! - num(b)! || byName(a, b);
    const fa = firstSet(a);
    const fb = firstSet(b);
    if (fa !== fb) return fa < fb ? -1 : 1;
    const na = num(a) ?? Number.POSITIVE_INFINITY;
    const nb = num(b) ?? Number.POSITIVE_INFINITY;
    if (na !== nb) return na < nb ? -1 : 1;
    return byName(a, b);
  });

  // The end status goes last; with several, show the one that was reached (else the first).
  const currentType = current ? types.find((t) => sameResource(t.url, current.statustype)) : undefined;
  const ends = types.filter((t) => t.isEindstatus === true);
  const shownEnd =
    ends.find((t) => t === currentType) ??
    ends.filter((t) => lastSetStatus(t)).sort((a, b) => time(lastSetStatus(b)!) - time(lastSetStatus(a)!))[0] ??
    ends[0];
  const ordered = [...types.filter((t) => t.isEindstatus !== true), ...(shownEnd ? [shownEnd] : [])];

  const currentIndex = currentType ? ordered.indexOf(currentType) : -1;
  const steps: CaseStep[] = ordered.map((t, i) => {
    const set = lastSetStatus(t);
    let state: CaseStep['state'];
    if (currentIndex >= 0) state = i < currentIndex ? 'done' : i === currentIndex ? 'current' : 'upcoming';
    else state = set ? 'done' : 'upcoming';
    const title = clip(nonEmpty(t.omschrijving) ?? nonEmpty(t.omschrijvingGeneriek) ?? `Stap ${i + 1}`, 200);
    const step: CaseStep = { title, text: clip(nonEmpty(t.statustekst) ?? title, 1000), state };
    if (set && state !== 'upcoming') step.completedAt = set.datumStatusGezet;
    return step;
  });

  const einddatum = isoDay(zaak.einddatum);
  const endReached = currentType?.isEindstatus === true;
  const closed = !!einddatum || endReached;
  const suspended =
    zaak.opschorting?.indicatie === true
      ? {
          since: null,
          ...(nonEmpty(zaak.opschorting.reden) ? { reason: clip(zaak.opschorting.reden!.trim(), 500) } : {}),
        }
      : null;
  const days = isoDurationDays(zaak.verlenging?.duur);
  const extensionReason = nonEmpty(zaak.verlenging?.reden);
  const extended =
    zaak.verlenging && ((days !== undefined && days !== 0) || extensionReason)
      ? { days: days ?? null, ...(extensionReason ? { reason: clip(extensionReason, 500) } : {}) }
      : null;

  const startedOn = isoDay(zaak.startdatum) ?? isoDay(zaak.registratiedatum);
  if (!startedOn) throw new TypeError('mapZaakToCaseStatus: the zaak has no valid startdatum');
  const reference = clip(zaakReference(zaak.identificatie), 64);
  if (!reference) throw new TypeError('mapZaakToCaseStatus: the zaak has no identificatie');

  const caseType = clip(nonEmpty(zaaktype.identificatie) ?? nonEmpty(zaaktype.url) ?? '', 200);
  const kind = INITIATOR_KIND[nonEmpty(zaaktype.handelingInitiator)?.toLowerCase() ?? ''];
  return {
    reference,
    title: clip(nonEmpty(zaaktype.omschrijving) ?? nonEmpty(zaak.omschrijving) ?? reference, 200),
    ...(caseType ? { caseType } : {}),
    ...(kind ? { kind } : {}),
    startedOn,
    plannedEnd: isoDay(zaak.einddatumGepland) ?? null,
    deadline: isoDay(zaak.uiterlijkeEinddatumAfdoening) ?? null,
    suspended,
    extended,
    closed,
    closedOn: einddatum ?? (endReached && current ? (isoDay(current.datumStatusGezet) ?? null) : null),
    steps: steps.slice(0, 200),
  };
}
