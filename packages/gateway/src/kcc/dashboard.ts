/**
 * The service-norm dashboard of the KCC console (issue 12): figures per day and per ISO week,
 * computed from the store (SQL for the rows, the SDK's date logic for promises and weeks).
 * Every figure becomes a `DashboardTable`, which the console shows as an HTML table (each chart
 * has one) and exports as CSV (./csv.ts) from the same rows. With several gemeenten in one
 * gateway, every gemeente has its own figures, with its own norms, from its own records.
 */
import { amsterdamDate, openingHours, type OpeningHours } from '@dichtbij/sdk/opening-hours';
import type { ExpectedCallback, GemeenteConfig } from '@dichtbij/sdk/schemas';
import {
  median,
  mondayOf,
  normDeadline,
  promiseDeadline,
  serviceNorms,
  weekLabel,
  type ServiceNorms,
} from '@dichtbij/sdk/service-norms';
import type { Store } from '../store/store.ts';
import type { CsvCell } from './csv.ts';

/** The feedback reasons in Dutch, as the resident saw them in the widget. */
export const REASON_LABELS: Record<string, string> = {
  missing: 'Er ontbreekt informatie',
  unclear: 'De tekst is moeilijk te begrijpen',
  broken: 'Iets werkt niet',
  other: 'Iets anders',
};
export const CONTACT_TYPE_LABELS: Record<string, string> = { callback: 'Terugbelverzoek', chat: 'Chat' };

export interface DashboardTable {
  /** Used in the CSV address: /kcc/dashboard/{id}.csv */
  id: string;
  caption: string;
  headers: string[];
  rows: CsvCell[][];
}

export interface CallbackPeriodRow {
  /** YYYY-MM-DD: the day, or the Monday of the week. */
  period: string;
  label: string;
  received: number;
  /** Requests whose promise has run out or that were attempted: the ones the share is about. */
  judged: number;
  withinPromise: number;
  withinNorm: number;
  medianFirstAttemptMinutes: number | null;
  /** "Geen gehoor" attempts. */
  noAnswer: number;
  /** Requests with more than one attempt. */
  repeated: number;
}

export interface ChatPeriodRow {
  period: string;
  label: string;
  sessions: number;
  /** Sessions that never asked for a person: answered by the bot. */
  botOnly: number;
  /** Sessions a person answered (an agent joined or replied). */
  byPerson: number;
  medianWaitSeconds: number | null;
  leftMessages: number;
  leftAnswered: number;
  medianLeftResponseMinutes: number | null;
  leftWithinNorm: number;
}

export interface DashboardRange {
  from: Date;
  to: Date;
}

type Row = Record<string, unknown>;
const toDate = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
const minutesBetween = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60_000);
const dayLabel = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

export type Grouping = 'day' | 'week';
const periodOf = (at: Date, by: Grouping) => (by === 'day' ? amsterdamDate(at) : mondayOf(amsterdamDate(at)));
const periodLabel = (period: string, by: Grouping) =>
  by === 'day' ? dayLabel.format(new Date(`${period}T00:00:00Z`)) : weekLabel(period);

/** Every period (day or Monday) from `range.from` up to `range.to`, oldest first. */
export function periodsIn(range: DashboardRange, by: Grouping): string[] {
  const out: string[] = [];
  let period = periodOf(range.from, by);
  const last = periodOf(new Date(range.to.getTime() - 1), by);
  while (period <= last) {
    out.push(period);
    const next = new Date(`${period}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + (by === 'day' ? 1 : 7));
    period = next.toISOString().slice(0, 10);
  }
  return out;
}

/**
 * The figures of one gemeente, with that gemeente's norms and opening hours, from its own
 * records only (`gemeente`; undefined: every record, as in a single-gemeente gateway).
 */
export class Dashboard {
  readonly norms: ServiceNorms;
  private readonly hours: OpeningHours;
  /** The gemeente as the last query parameter ($3 or $4): null counts every record. */
  private readonly scope: string | null;

  constructor(
    private readonly store: Store,
    config: GemeenteConfig,
    gemeente?: string,
  ) {
    this.norms = serviceNorms(config.norms);
    this.hours = openingHours(config.openingHours);
    this.scope = gemeente ?? null;
  }

  /** Callback figures per day or week: made within the promise and the norm, first attempt, "geen gehoor", repeats. */
  async callbacks(range: DashboardRange, by: Grouping, now: Date): Promise<CallbackPeriodRow[]> {
    const rows = await this.store.db.query<Row>(
      `SELECT c.id, c.received_at, c.expected,
         min(a.at) FILTER (WHERE a.status <> 'new') AS first_attempt,
         count(a.id) FILTER (WHERE a.status <> 'new')::int AS attempts,
         count(a.id) FILTER (WHERE a.status = 'no_answer')::int AS no_answer
       FROM callback_requests c LEFT JOIN callback_attempts a ON a.callback_id = c.id
       WHERE c.received_at >= $1 AND c.received_at < $2 AND ($3::text IS NULL OR c.gemeente = $3)
       GROUP BY c.id, c.received_at, c.expected`,
      [range.from, range.to, this.scope],
    );
    const groups = new Map<string, { row: CallbackPeriodRow; waits: number[] }>();
    for (const period of periodsIn(range, by)) {
      groups.set(period, {
        row: {
          period,
          label: periodLabel(period, by),
          received: 0,
          judged: 0,
          withinPromise: 0,
          withinNorm: 0,
          medianFirstAttemptMinutes: null,
          noAnswer: 0,
          repeated: 0,
        },
        waits: [],
      });
    }
    for (const r of rows) {
      const receivedAt = toDate(r.received_at)!;
      const group = groups.get(periodOf(receivedAt, by));
      if (!group) continue;
      const first = toDate(r.first_attempt);
      const promise = promiseDeadline(r.expected as ExpectedCallback, receivedAt, this.hours);
      const norm = normDeadline(this.norms, receivedAt, this.hours);
      const { row } = group;
      row.received++;
      if (first || promise <= now) row.judged++;
      if (first && first <= promise) row.withinPromise++;
      if (first && first <= norm) row.withinNorm++;
      if (first) group.waits.push(minutesBetween(receivedAt, first));
      row.noAnswer += Number(r.no_answer);
      if (Number(r.attempts) > 1) row.repeated++;
    }
    return [...groups.values()].map(({ row, waits }) => ({ ...row, medianFirstAttemptMinutes: median(waits) }));
  }

  /** Callback requests per topic in the range (the label as configured, else the topic id). */
  async callbacksPerTopic(range: DashboardRange): Promise<{ topic: string; count: number }[]> {
    const rows = await this.store.db.query<{ topic: string; n: number }>(
      `SELECT coalesce(topic_label, topic, 'Geen onderwerp') AS topic, count(*)::int AS n FROM callback_requests
       WHERE received_at >= $1 AND received_at < $2 AND ($3::text IS NULL OR gemeente = $3)
       GROUP BY 1 ORDER BY 2 DESC, 1`,
      [range.from, range.to, this.scope],
    );
    return rows.map((r) => ({ topic: String(r.topic), count: Number(r.n) }));
  }

  /** Chat figures per day or week: bot or person, waiting time, left messages and their response time. */
  async chats(range: DashboardRange, by: Grouping): Promise<ChatPeriodRow[]> {
    const rows = await this.store.db.query<Row>(
      `SELECT s.created_at, s.requested_at, s.live_queue, s.joined_at, s.handled_at,
         (SELECT min(m.at) FROM chat_messages m WHERE m.session_id = s.id AND m.sender = 'agent') AS first_reply
       FROM chat_sessions s
       WHERE s.created_at >= $1 AND s.created_at < $2 AND ($3::text IS NULL OR s.gemeente = $3)`,
      [range.from, range.to, this.scope],
    );
    const normMinutes = this.norms.leftMessageHours * 60;
    const groups = new Map<string, { row: ChatPeriodRow; waits: number[]; responses: number[] }>();
    for (const period of periodsIn(range, by)) {
      groups.set(period, {
        row: {
          period,
          label: periodLabel(period, by),
          sessions: 0,
          botOnly: 0,
          byPerson: 0,
          medianWaitSeconds: null,
          leftMessages: 0,
          leftAnswered: 0,
          medianLeftResponseMinutes: null,
          leftWithinNorm: 0,
        },
        waits: [],
        responses: [],
      });
    }
    for (const r of rows) {
      const group = groups.get(periodOf(toDate(r.created_at)!, by));
      if (!group) continue;
      const { row } = group;
      const requested = toDate(r.requested_at);
      const joined = toDate(r.joined_at);
      const reply = toDate(r.first_reply);
      row.sessions++;
      if (!requested) row.botOnly++;
      if (joined || reply) row.byPerson++;
      if (requested && r.live_queue && joined) {
        group.waits.push(Math.round((joined.getTime() - requested.getTime()) / 1000));
      }
      if (requested && !r.live_queue) {
        row.leftMessages++;
        const answered = [reply, toDate(r.handled_at)].filter((d): d is Date => !!d).sort((a, b) => +a - +b)[0];
        if (answered) {
          row.leftAnswered++;
          const minutes = minutesBetween(requested, answered);
          group.responses.push(minutes);
          if (minutes <= normMinutes) row.leftWithinNorm++;
        }
      }
    }
    return [...groups.values()].map(({ row, waits, responses }) => ({
      ...row,
      medianWaitSeconds: median(waits),
      medianLeftResponseMinutes: median(responses),
    }));
  }

  /** Share "nuttig" per page. */
  async usefulPerPage(range: DashboardRange): Promise<{ page: string; rated: number; useful: number }[]> {
    const rows = await this.store.db.query<Row>(
      `SELECT page_url, count(useful)::int AS rated, count(*) FILTER (WHERE useful)::int AS useful FROM feedback
       WHERE received_at >= $1 AND received_at < $2 AND useful IS NOT NULL AND ($3::text IS NULL OR gemeente = $3)
       GROUP BY page_url ORDER BY 2 DESC, 1 LIMIT 100`,
      [range.from, range.to, this.scope],
    );
    return rows.map((r) => ({ page: String(r.page_url), rated: Number(r.rated), useful: Number(r.useful) }));
  }

  /** How often each reason was chosen (with or without a comment), in Dutch. */
  async reasons(range: DashboardRange): Promise<{ reason: string; label: string; count: number }[]> {
    const rows = await this.store.db.query<{ reason: string; n: number }>(
      `SELECT r.reason, count(*)::int AS n FROM feedback f, jsonb_array_elements_text(f.reasons) AS r(reason)
       WHERE f.received_at >= $1 AND f.received_at < $2 AND ($3::text IS NULL OR f.gemeente = $3)
       GROUP BY r.reason ORDER BY 2 DESC, 1`,
      [range.from, range.to, this.scope],
    );
    return rows.map((r) => ({
      reason: String(r.reason),
      label: REASON_LABELS[String(r.reason)] ?? 'Onbekende reden',
      count: Number(r.n),
    }));
  }

  /** Mean score per channel (feedback scores and scores after a contact), against the norm. */
  async scoresPerChannel(range: DashboardRange): Promise<{ channel: string; count: number; mean: number }[]> {
    const rows = await this.store.db.query<Row>(
      `SELECT channel, count(*)::int AS n, avg(score)::float8 AS mean FROM (
         SELECT channel, score FROM feedback WHERE score IS NOT NULL AND received_at >= $1 AND received_at < $2
           AND ($3::text IS NULL OR gemeente = $3)
         UNION ALL
         SELECT channel, score FROM contact_scores WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR gemeente = $3)
       ) s GROUP BY channel ORDER BY channel`,
      [range.from, range.to, this.scope],
    );
    return rows.map((r) => ({ channel: String(r.channel), count: Number(r.n), mean: Number(r.mean) }));
  }

  /** Scores after a contact, per channel and contact type. */
  async contactScoreSummary(
    range: DashboardRange,
  ): Promise<{ contactType: string; channel: string; count: number; mean: number }[]> {
    const rows = await this.store.db.query<Row>(
      `SELECT contact_type, channel, count(*)::int AS n, avg(score)::float8 AS mean FROM contact_scores
       WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR gemeente = $3) GROUP BY 1, 2 ORDER BY 1, 2`,
      [range.from, range.to, this.scope],
    );
    return rows.map((r) => ({
      contactType: String(r.contact_type),
      channel: String(r.channel),
      count: Number(r.n),
      mean: Number(r.mean),
    }));
  }

  /** The latest scores after a contact, each tied to its callback request (reference) or chat. */
  async contactScores(
    range: DashboardRange,
    limit = 50,
  ): Promise<{ at: Date; contactType: string; contactId: string; reference: string | null; score: number }[]> {
    const rows = await this.store.db.query<Row>(
      `SELECT s.at, s.contact_type, s.contact_id, s.score, c.reference FROM contact_scores s
       LEFT JOIN callback_requests c ON s.contact_type = 'callback' AND c.id = s.contact_id
       WHERE s.at >= $1 AND s.at < $2 AND ($4::text IS NULL OR s.gemeente = $4) ORDER BY s.at DESC LIMIT $3`,
      [range.from, range.to, limit, this.scope],
    );
    return rows.map((r) => ({
      at: toDate(r.at)!,
      contactType: String(r.contact_type),
      contactId: String(r.contact_id),
      reference: (r.reference as string | null) ?? null,
      score: Number(r.score),
    }));
  }
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** All tables of the dashboard for one range: per day, per week, and the breakdowns. */
export async function dashboardTables(
  dashboard: Dashboard,
  ranges: { days: DashboardRange; weeks: DashboardRange },
  now: Date,
): Promise<DashboardTable[]> {
  const { days, weeks } = ranges;
  const [cbDays, cbWeeks, topics, chatDays, chatWeeks, pages, reasons, channels, contactTypes, scores] =
    await Promise.all([
      dashboard.callbacks(days, 'day', now),
      dashboard.callbacks(weeks, 'week', now),
      dashboard.callbacksPerTopic(weeks),
      dashboard.chats(days, 'day'),
      dashboard.chats(weeks, 'week'),
      dashboard.usefulPerPage(weeks),
      dashboard.reasons(weeks),
      dashboard.scoresPerChannel(weeks),
      dashboard.contactScoreSummary(weeks),
      dashboard.contactScores(weeks),
    ]);
  const callbackHeaders = [
    'Periode',
    'Ontvangen',
    'Beoordeeld',
    'Binnen belofte',
    'Binnen belofte (%)',
    'Binnen norm (%)',
    'Mediaan tot eerste poging (min)',
    'Geen gehoor',
    'Meer dan één poging',
  ];
  const callbackRow = (r: CallbackPeriodRow): CsvCell[] => [
    r.label,
    r.received,
    r.judged,
    r.withinPromise,
    share(r.withinPromise, r.judged),
    share(r.withinNorm, r.judged),
    round1(r.medianFirstAttemptMinutes),
    r.noAnswer,
    r.repeated,
  ];
  const chatHeaders = [
    'Periode',
    'Chats',
    'Alleen chatbot (%)',
    'Door medewerker (%)',
    'Mediaan wachttijd (s)',
    'Achtergelaten berichten',
    'Beantwoord',
    'Mediaan reactietijd (min)',
    'Binnen norm',
  ];
  const chatRow = (r: ChatPeriodRow): CsvCell[] => [
    r.label,
    r.sessions,
    share(r.botOnly, r.sessions),
    share(r.byPerson, r.sessions),
    round1(r.medianWaitSeconds),
    r.leftMessages,
    r.leftAnswered,
    round1(r.medianLeftResponseMinutes),
    r.leftWithinNorm,
  ];
  const norm = dashboard.norms.satisfaction;
  return [
    {
      id: 'terugbellen-per-dag',
      caption: 'Terugbelverzoeken per dag',
      headers: callbackHeaders,
      rows: cbDays.map(callbackRow),
    },
    {
      id: 'terugbellen-per-week',
      caption: 'Terugbelverzoeken per week',
      headers: callbackHeaders,
      rows: cbWeeks.map(callbackRow),
    },
    {
      id: 'terugbellen-per-onderwerp',
      caption: 'Terugbelverzoeken per onderwerp',
      headers: ['Onderwerp', 'Aantal'],
      rows: topics.map((t) => [t.topic, t.count]),
    },
    { id: 'chat-per-dag', caption: 'Chats per dag', headers: chatHeaders, rows: chatDays.map(chatRow) },
    { id: 'chat-per-week', caption: 'Chats per week', headers: chatHeaders, rows: chatWeeks.map(chatRow) },
    {
      id: 'nuttig-per-pagina',
      caption: 'Aandeel “nuttig” per pagina',
      headers: ['Pagina', 'Beoordeeld', 'Nuttig', 'Nuttig (%)'],
      rows: pages.map((p) => [p.page, p.rated, p.useful, share(p.useful, p.rated)]),
    },
    {
      id: 'redenen',
      caption: 'Redenen bij “Nee”',
      headers: ['Reden', 'Aantal'],
      rows: reasons.map((r) => [r.label, r.count]),
    },
    {
      id: 'cijfer-per-kanaal',
      caption: `Gemiddeld cijfer per kanaal (norm ${norm})`,
      headers: ['Kanaal', 'Cijfers', 'Gemiddeld', 'Norm', 'Haalt de norm'],
      rows: channels.map((c) => [c.channel, c.count, round1(c.mean), norm, c.mean >= norm ? 'Ja' : 'Nee']),
    },
    {
      id: 'cijfer-per-contact',
      caption: 'Cijfer na een contact, per soort contact en kanaal',
      headers: ['Soort contact', 'Kanaal', 'Cijfers', 'Gemiddeld', 'Haalt de norm'],
      rows: contactTypes.map((c) => [
        CONTACT_TYPE_LABELS[c.contactType] ?? c.contactType,
        c.channel,
        c.count,
        round1(c.mean),
        c.mean >= norm ? 'Ja' : 'Nee',
      ]),
    },
    {
      id: 'cijfers-na-contact',
      caption: 'Laatste cijfers na een contact',
      headers: ['Ontvangen', 'Soort contact', 'Contact', 'Cijfer'],
      rows: scores.map((s) => [
        s.at.toISOString(),
        CONTACT_TYPE_LABELS[s.contactType] ?? s.contactType,
        s.reference ?? s.contactId,
        s.score,
      ]),
    },
  ];
}
