/** The KCC console's pages. All text goes through `html` (escaped); no inline script or style. */
import { formatPhone, humanDate, isoWeek, weekLabel, type ExpectedCallback, type PreferredMoment } from '@dichtbij/sdk';
import type {
  CallbackStatus,
  FeedbackStatsRow,
  FeedbackWeekRow,
  StoredCallback,
  StoredFeedback,
} from '../store/store.ts';
import { html, safeHref, type SafeHtml } from './html.ts';

const TZ = 'Europe/Amsterdam';
const dateTime = new Intl.DateTimeFormat('nl-NL', { timeZone: TZ, dateStyle: 'medium', timeStyle: 'short' });

export const when = (d: Date | null | undefined) => (d ? dateTime.format(d) : '–');

/** A label for `key`, only from the map's own entries (never a prototype property); else the key itself. */
export const labelOf = (labels: Record<string, string>, key: string): string =>
  Object.hasOwn(labels, key) ? labels[key]! : key;

export const STATUS_LABELS: Record<CallbackStatus, string> = {
  new: 'Nieuw',
  called: 'Gebeld',
  no_answer: 'Geen gehoor',
  done: 'Afgehandeld',
};

const SYNC_LABELS = {
  local: 'Alleen in de gateway (geen koppeling ingesteld)',
  pending: 'Wordt doorgezet',
  synced: 'Doorgezet',
  sync_failed: 'Doorzetten mislukt',
} as const;

export function preferredText(p: PreferredMoment): string {
  if (p.kind === 'asap') return 'Zo snel mogelijk';
  return `${humanDate(p.date, 'nl')}, ${p.part === 'morning' ? 'ochtend' : 'middag'}`;
}

export function expectedText(e: ExpectedCallback): string {
  if (e.kind === 'today') return e.from ? `Vandaag na ${e.from}, vóór ${e.before}` : `Vandaag vóór ${e.before}`;
  if (e.kind === 'today-or-next') return `Vandaag vóór ${e.before}, anders ${humanDate(e.date, 'nl')}`;
  if (e.kind === 'next-working-day') return `Volgende werkdag (${humanDate(e.date, 'nl')})`;
  return `${humanDate(e.date, 'nl')}, ${e.part === 'morning' ? 'ochtend' : 'middag'}`;
}

const SOURCE_LABELS: Record<string, string> = {
  feedback: 'Feedback',
  'status-tracker': 'Status van een zaak',
  chat: 'Chat',
  page: 'Webpagina',
};

// ---------------------------------------------------------------------------------------

export function loginView(options: { csrf: string; error?: string; configured: boolean }): SafeHtml {
  if (!options.configured) {
    return html`<h1>Inloggen</h1>
      <p class="notice">
        Inloggen is uitgeschakeld: er is geen wachtwoord ingesteld (KCC_PASSWORD_HASH). Zie de README van de gateway.
      </p>`;
  }
  return html`<h1>Inloggen</h1>
    ${options.error ? html`<p class="error" role="alert" id="login-error">${options.error}</p>` : ''}
    <form method="post" action="/kcc/login" class="login">
      <input type="hidden" name="csrf" value="${options.csrf}" />
      <label for="password">Wachtwoord</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="current-password"
        required
        ${options.error ? html`aria-describedby="login-error" aria-invalid="true"` : ''}
      />
      <button type="submit">Inloggen</button>
    </form>`;
}

// ---------------------------------------------------------------------------------------

export type QueueFilter = CallbackStatus | 'open' | 'all';
export const QUEUE_FILTERS: { id: QueueFilter; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'new', label: 'Nieuw' },
  { id: 'called', label: 'Gebeld' },
  { id: 'no_answer', label: 'Geen gehoor' },
  { id: 'done', label: 'Afgehandeld' },
  { id: 'all', label: 'Alles' },
];

function contextView(c: StoredCallback): SafeHtml {
  const ctx = c.context;
  if (!ctx) return html``;
  const href = safeHref(ctx.page?.url);
  return html`<div class="context">
    <h3>Context van de inwoner</h3>
    <dl>
      ${
        ctx.source
          ? html`<dt>Via</dt>
              <dd>${labelOf(SOURCE_LABELS, ctx.source)}</dd>`
          : ''
      }
      ${
        ctx.topic
          ? html`<dt>Onderwerp</dt>
              <dd>${ctx.topic}</dd>`
          : ''
      }
      ${
        ctx.page
          ? html`<dt>Pagina</dt>
              <dd>
                ${href ? html`<a href="${href}" rel="noopener noreferrer">${ctx.page.title || href}</a>` : ctx.page.title}
              </dd>`
          : ''
      }
      ${
        ctx.caseReference || ctx.caseTitle
          ? html`<dt>Zaak</dt>
              <dd>${[ctx.caseReference, ctx.caseTitle].filter(Boolean).join(' — ')}</dd>`
          : ''
      }
    </dl>
    ${
      ctx.summary
        ? html`<p class="label">Samenvatting</p>
            <p class="text">${ctx.summary}</p>`
        : ''
    }
  </div>`;
}

function syncView(c: StoredCallback, csrf: string): SafeHtml {
  const label = SYNC_LABELS[c.syncStatus];
  const target = c.syncTarget ? ` (${c.syncTarget})` : '';
  if (c.syncStatus === 'synced') {
    return html`<p class="sync sync--ok">
      ${label}${target}: kenmerk <code>${c.syncExternalId}</code>, ${when(c.syncedAt)}
    </p>`;
  }
  if (c.syncStatus === 'sync_failed') {
    return html`<div class="sync sync--failed">
      <p>
        <strong>${label}${target}</strong>. Pogingen: ${c.syncAttempts}.
        ${c.syncNextAt ? html`Volgende poging: ${when(c.syncNextAt)}.` : 'Geen nieuwe poging gepland.'}
      </p>
      ${c.syncError ? html`<p>Reden: <code>${c.syncError}</code></p>` : ''}
      ${
        c.redactedAt
          ? ''
          : html`<form method="post" action="/kcc/callbacks/${c.id}/retry">
              <input type="hidden" name="csrf" value="${csrf}" />
              <button type="submit" class="secondary">
                Nu opnieuw doorzetten<span class="visually-hidden"> ${c.reference}</span>
              </button>
            </form>`
      }
    </div>`;
  }
  return html`<p class="sync">${label}${target}</p>`;
}

function statusForms(c: StoredCallback, csrf: string, back: string): SafeHtml {
  const next: CallbackStatus[] = (['called', 'no_answer', 'done', 'new'] as CallbackStatus[]).filter(
    (s) => s !== c.status,
  );
  return html`<div class="actions" role="group" aria-label="Status van ${c.reference} wijzigen">
    ${next.map(
      (s) =>
        html`<form method="post" action="/kcc/callbacks/${c.id}/status">
          <input type="hidden" name="csrf" value="${csrf}" />
          <input type="hidden" name="status" value="${s}" />
          <input type="hidden" name="back" value="${back}" />
          <button type="submit" class="${s === 'new' ? 'secondary' : ''}">
            ${s === 'new' ? 'Terug naar nieuw' : STATUS_LABELS[s]}<span class="visually-hidden"> — ${c.reference}</span>
          </button>
        </form>`,
    )}
  </div>`;
}

/** Extra parts of a queue card (issue 12): the time left on the promise, the survey button. */
export interface CallbackCardExtra {
  due?: { text: string; overdue: boolean };
  /** The gemeente's name, for staff who see several gemeenten. */
  gemeente?: string;
  survey?: SafeHtml;
}

export function callbackView(c: StoredCallback, csrf: string, back: string, extra: CallbackCardExtra = {}): SafeHtml {
  const phone = c.phone ? formatPhone(c.phone) : null;
  return html`<li>
    <article class="card" aria-labelledby="cb-${c.id}">
      <h2 id="cb-${c.id}">
        <span class="ref">${c.reference}</span> ${c.topicLabel ?? c.topic ?? 'Geen onderwerp'}
        <span class="badge badge--${c.status}">${STATUS_LABELS[c.status]}</span>
      </h2>
      <dl class="facts">
        ${
          extra.gemeente
            ? html`<dt>Gemeente</dt>
                <dd class="gemeente">${extra.gemeente}</dd>`
            : ''
        }
        <dt>Ontvangen</dt>
        <dd>${when(c.receivedAt)}</dd>
        <dt>Voorkeur</dt>
        <dd>${preferredText(c.preferred)}</dd>
        <dt>Beloofd</dt>
        <dd>${expectedText(c.expected)}</dd>
        ${
          extra.due
            ? html`<dt>Tijd over</dt>
                <dd class="${extra.due.overdue ? 'due due--overdue' : 'due'}">${extra.due.text}</dd>`
            : ''
        }
        <dt>Telefoon</dt>
        <dd>${c.phone ? html`<a href="tel:${c.phone}">${phone}</a>` : html`<em>verwijderd (bewaartermijn)</em>`}</dd>
        ${
          c.name
            ? html`<dt>Naam</dt>
                <dd>${c.name}</dd>`
            : ''
        }
        <dt>Taal</dt>
        <dd>${c.locale === 'en' ? 'Engels' : 'Nederlands'}</dd>
      </dl>
      ${
        c.question
          ? html`<p class="label">Vraag</p>
              <p class="text">${c.question}</p>`
          : ''
      }
      ${contextView(c)} ${syncView(c, csrf)} ${statusForms(c, csrf, back)} ${extra.survey ?? ''}
    </article>
  </li>`;
}

/** Requests per page of the queue. */
export const QUEUE_PAGE_SIZE = 50;

/** An address of the queue: filter, search and page (page 1 and an empty search left out). */
export function queueHref(options: { status?: QueueFilter; q?: string; page?: number }): string {
  const params = new URLSearchParams();
  if (options.status) params.set('status', options.status);
  if (options.q) params.set('q', options.q);
  if (options.page && options.page > 1) params.set('page', String(options.page));
  const query = params.toString();
  return query ? `/kcc/callbacks?${query}` : '/kcc/callbacks';
}

const range = new Intl.NumberFormat('nl-NL');

export function callbacksView(options: {
  list: StoredCallback[];
  counts: Record<CallbackStatus, number> & { syncFailed: number };
  filter: QueueFilter;
  csrf: string;
  /** Requests in this list (with the search), on every page together. */
  total: number;
  /** The page shown (from 1) and the page size. */
  page: number;
  pageSize: number;
  search?: string;
  notice?: string;
  /** Per request id: the time left and the survey button (issue 12). */
  extra?: ReadonlyMap<string, CallbackCardExtra>;
}): SafeHtml {
  const { counts, total, pageSize } = options;
  const countOf = (f: QueueFilter) =>
    f === 'open'
      ? counts.new + counts.called + counts.no_answer
      : f === 'all'
        ? counts.new + counts.called + counts.no_answer + counts.done
        : counts[f];
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, options.page), pages);
  const first = total ? (page - 1) * pageSize + 1 : 0;
  const last = Math.min(total, page * pageSize);
  const here = { status: options.filter, ...(options.search ? { q: options.search } : {}) };
  const back = queueHref({ ...here, page });
  const label = QUEUE_FILTERS.find((f) => f.id === options.filter)?.label ?? '';
  const shown = total
    ? html`${range.format(first)}–${range.format(last)} van ${range.format(total)}`
    : html`0 van ${range.format(total)}`;
  const pager = (where: string) =>
    pages > 1
      ? html`<nav class="pager" aria-label="Pagina's van de lijst (${where})">
          <ul>
            <li>
              ${
                page > 1
                  ? html`<a href="${queueHref({ ...here, page: page - 1 })}" rel="prev"
                      >Vorige<span class="visually-hidden"> pagina</span></a
                    >`
                  : html`<span class="muted">Vorige</span>`
              }
            </li>
            <li aria-current="page">Pagina ${page} van ${pages}</li>
            <li>
              ${
                page < pages
                  ? html`<a href="${queueHref({ ...here, page: page + 1 })}" rel="next"
                      >Volgende<span class="visually-hidden"> pagina</span></a
                    >`
                  : html`<span class="muted">Volgende</span>`
              }
            </li>
          </ul>
        </nav>`
      : '';
  return html`<h1>Terugbelverzoeken</h1>
    ${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
    ${
      counts.syncFailed
        ? html`<p class="warning">
            ${counts.syncFailed} ${counts.syncFailed === 1 ? 'verzoek is' : 'verzoeken zijn'} niet doorgezet naar het
            klantcontactsysteem. Ze staan hieronder; de gateway probeert het opnieuw.
          </p>`
        : ''
    }
    <nav aria-label="Filter op status" class="tabs">
      <ul>
        ${QUEUE_FILTERS.map(
          (f) =>
            html`<li>
              <a href="${queueHref({ status: f.id })}" ${options.filter === f.id ? html`aria-current="true"` : ''}
                >${f.label} <span class="count">(${countOf(f.id)})</span></a
              >
            </li>`,
        )}
      </ul>
    </nav>
    <form method="get" action="/kcc/callbacks" class="search" role="search" aria-label="Zoeken in de lijst">
      <input type="hidden" name="status" value="${options.filter}" />
      <label for="queue-search">Zoek op kenmerk, telefoonnummer of onderwerp</label>
      <input id="queue-search" name="q" type="search" maxlength="100" value="${options.search ?? ''}" />
      <button type="submit">Zoeken</button>
      ${options.search ? html`<a href="${queueHref({ status: options.filter })}">Zoekopdracht wissen</a>` : ''}
    </form>
    <p class="hint" id="queue-range">
      ${label}${options.search ? html`, zoekresultaten voor “${options.search}”` : ''}: ${shown}.
      ${options.extra ? 'De belofte die het eerst afloopt staat bovenaan.' : 'Oudste bovenaan.'}
    </p>
    ${pager('boven')}
    ${
      options.list.length
        ? html`<ol class="queue" start="${first}" aria-describedby="queue-range">
            ${options.list.map((c) => callbackView(c, options.csrf, back, options.extra?.get(c.id)))}
          </ol>`
        : html`<p>${options.search ? 'Geen terugbelverzoeken gevonden.' : 'Geen terugbelverzoeken in deze lijst.'}</p>`
    }
    ${pager('onder')}`;
}

// ---------------------------------------------------------------------------------------

const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '–');
const mean = (v: number | null) => (v == null ? '–' : v.toLocaleString('nl-NL', { maximumFractionDigits: 1 }));

export const CHANNEL_LABELS: Record<string, string> = {
  website: 'Website',
  telefoon: 'Telefoon',
  'e-mail': 'E-mail',
  balie: 'Balie',
  chat: 'Chat',
};

/** An accessible bar chart: inline SVG (no script, no inline style) described by a table. */
export function weekChart(weeks: FeedbackWeekRow[]): SafeHtml {
  const width = 640;
  const height = 220;
  const top = 24;
  const bottom = 40;
  const left = 8;
  const slot = (width - left * 2) / Math.max(1, weeks.length);
  const barWidth = Math.max(8, slot * 0.6);
  const plot = height - top - bottom;
  const bars = weeks.map((w, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    // At most 13 labels (every 2nd week from 14, every 4th from 27), counted back from the newest,
    // each "week N" with its ISO year below it, so 52 weeks never overlap.
    const step = weeks.length > 26 ? 4 : weeks.length > 13 ? 2 : 1;
    const labelled = (weeks.length - 1 - i) % step === 0;
    const { week, year } = isoWeek(w.week);
    const share = w.rated ? w.useful / w.rated : null;
    const h = share === null ? 0 : Math.max(2, Math.round(share * plot));
    const y = top + plot - h;
    const value = share === null ? '–' : pct(w.useful, w.rated);
    return html`<g>
      ${
        share === null
          ? ''
          : html`<rect class="bar" x="${x.toFixed(1)}" y="${y}" width="${barWidth.toFixed(1)}" height="${h}"></rect>`
      }
      ${
        step === 1 // with more weeks the values are in the table only: they would overlap
          ? html`<text class="value" x="${(x + barWidth / 2).toFixed(1)}" y="${y - 6}" text-anchor="middle"
              >${value}</text
            >`
          : ''
      }
      ${
        labelled
          ? html`<text
              class="axis"
              x="${(x + barWidth / 2).toFixed(1)}"
              y="${height - bottom + 16}"
              text-anchor="middle"
              ><tspan x="${(x + barWidth / 2).toFixed(1)}">week ${week}</tspan
              ><tspan x="${(x + barWidth / 2).toFixed(1)}" dy="14">${year}</tspan></text
            >`
          : ''
      }
    </g>`;
  });
  return html`<figure class="chart">
    <figcaption id="trend-title">Aandeel “nuttig” per week (week begint op maandag)</figcaption>
    <svg
      viewBox="0 0 ${width} ${height}"
      role="img"
      aria-labelledby="trend-title"
      aria-describedby="trend-table-caption"
      focusable="false"
    >
      <line class="baseline" x1="${left}" x2="${width - left}" y1="${top + plot}" y2="${top + plot}"></line>
      ${bars}
    </svg>
  </figure>`;
}

function statsTable(options: {
  caption: string;
  id?: string;
  keyLabel: string;
  rows: FeedbackStatsRow[];
  keyCell: (row: FeedbackStatsRow) => SafeHtml | string;
}): SafeHtml {
  return html`<table>
    <caption ${options.id ? html`id="${options.id}"` : ''}>
      ${options.caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${options.keyLabel}</th>
        <th scope="col" class="num">Reacties</th>
        <th scope="col" class="num">Nuttig</th>
        <th scope="col" class="num">Gem. cijfer</th>
      </tr>
    </thead>
    <tbody>
      ${
        options.rows.length
          ? options.rows.map(
              (r) =>
                html`<tr>
                  <th scope="row">${options.keyCell(r)}</th>
                  <td class="num">${r.count}</td>
                  <td class="num">
                    ${pct(r.useful, r.rated)}${r.rated ? html` <span class="muted">(${r.useful}/${r.rated})</span>` : ''}
                  </td>
                  <td class="num">
                    ${mean(r.meanScore)}${r.scored ? html` <span class="muted">(${r.scored})</span>` : ''}
                  </td>
                </tr>`,
            )
          : html`<tr>
              <td colspan="4">Nog geen feedback.</td>
            </tr>`
      }
    </tbody>
  </table>`;
}

export function feedbackView(options: {
  totals: FeedbackStatsRow;
  byChannel: FeedbackStatsRow[];
  byPage: FeedbackStatsRow[];
  trend: FeedbackWeekRow[];
  comments: StoredFeedback[];
  weeks: number;
  channel?: string;
  page?: string;
}): SafeHtml {
  const { totals } = options;
  const query = (extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    const merged = { weeks: String(options.weeks), channel: options.channel, page: options.page, ...extra };
    for (const [k, v] of Object.entries(merged)) if (v) params.set(k, v);
    return `/kcc/feedback?${params}`;
  };
  const filters = [
    options.channel ? html`kanaal <strong>${labelOf(CHANNEL_LABELS, options.channel)}</strong>` : '',
    options.page ? html`pagina <strong>${options.page}</strong>` : '',
  ].filter(Boolean);
  return html`<h1>Feedback</h1>
    <p>
      Laatste ${options.weeks}
      weken${filters.length ? html`, alleen ${filters.map((f, i) => html`${i ? ' en ' : ''}${f}`)}` : ''}.
      ${filters.length ? html`<a href="${query({ channel: '', page: '' })}">Alle feedback tonen</a>` : ''}
    </p>
    <ul class="totals">
      <li><span class="big">${totals.count}</span> reacties</li>
      <li><span class="big">${pct(totals.useful, totals.rated)}</span> vond de pagina nuttig</li>
      <li><span class="big">${mean(totals.meanScore)}</span> gemiddeld cijfer</li>
    </ul>
    <section aria-labelledby="trend-heading">
      <h2 id="trend-heading">Trend per week</h2>
      ${weekChart(options.trend)}
      <table>
        <caption id="trend-table-caption">
          Per week: reacties, aandeel nuttig en gemiddeld cijfer
        </caption>
        <thead>
          <tr>
            <th scope="col">Week vanaf</th>
            <th scope="col" class="num">Reacties</th>
            <th scope="col" class="num">Nuttig</th>
            <th scope="col" class="num">Gem. cijfer</th>
          </tr>
        </thead>
        <tbody>
          ${options.trend.map(
            (w) =>
              html`<tr>
                <th scope="row">${weekLabel(w.week)} (vanaf ${humanDate(w.week, 'nl')})</th>
                <td class="num">${w.count}</td>
                <td class="num">${pct(w.useful, w.rated)}</td>
                <td class="num">${mean(w.meanScore)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section aria-labelledby="channel-heading">
      <h2 id="channel-heading">Per kanaal</h2>
      ${statsTable({
        caption: 'Feedback per kanaal',
        keyLabel: 'Kanaal',
        rows: options.byChannel,
        keyCell: (r) => html`<a href="${query({ channel: r.key })}">${labelOf(CHANNEL_LABELS, r.key)}</a>`,
      })}
    </section>
    <section aria-labelledby="page-heading">
      <h2 id="page-heading">Per pagina</h2>
      ${statsTable({
        caption: 'Feedback per pagina (zonder zoekparameters)',
        keyLabel: 'Pagina',
        rows: options.byPage,
        keyCell: (r) => html`<a href="${query({ page: r.key })}">${r.key}</a>`,
      })}
    </section>
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">Opmerkingen</h2>
      <p class="hint">De nieuwste eerst. Opmerkingen worden na de bewaartermijn verwijderd.</p>
      ${
        options.comments.length
          ? html`<ol class="comments">
              ${options.comments.map(
                (f) =>
                  html`<li>
                    <p class="meta">
                      ${when(f.receivedAt)} · ${labelOf(CHANNEL_LABELS, f.channel)} ·
                      ${f.variant === 'page' ? (f.useful ? 'nuttig' : 'niet nuttig') : `cijfer ${f.score}`}
                      ${f.reasons.length ? html` · ${f.reasons.join(', ')}` : ''}
                    </p>
                    <p class="meta">${f.pageTitle ? html`${f.pageTitle} — ` : ''}${f.pageUrl}</p>
                    <p class="text">${f.comment}</p>
                  </li>`,
              )}
            </ol>`
          : html`<p>Geen opmerkingen.</p>`
      }
    </section>`;
}
