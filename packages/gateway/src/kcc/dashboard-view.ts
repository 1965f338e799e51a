/**
 * HTML of the service-norm dashboard and the survey-link page (issue 12). Every chart is a
 * horizontal bar list (one row per week, readable at 52 weeks) and has a data table; every table
 * has a CSV export. Inline SVG without script or inline style, as the console's CSP requires.
 */
import { callbackNormText, type ServiceNorms } from '@dichtbij/sdk/service-norms';
import type { CallbackPeriodRow, DashboardTable } from './dashboard.ts';
import { html, type SafeHtml } from './html.ts';

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const cell = (v: unknown) =>
  v === null || v === undefined || v === '' ? '–' : typeof v === 'number' ? number.format(v) : String(v);

/** The gemeente of a dashboard in a gateway for several gemeenten, and the ones to choose from. */
export interface DashboardGemeente {
  id: string;
  name: string;
  /** The gemeenten the staff member may see, in configuration order. */
  choices: { id: string; name: string }[];
}

/** The query of the dashboard's own links: the gemeente and the number of weeks. */
function dashboardQuery(options: { gemeente?: string; weeks?: number }): string {
  const params = new URLSearchParams();
  if (options.gemeente) params.set('gemeente', options.gemeente);
  if (options.weeks) params.set('weeks', String(options.weeks));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** One table with its caption and CSV link (for the gemeente and weeks shown). */
export function tableView(table: DashboardTable, csv: { gemeente?: string; weeks?: number } = {}): SafeHtml {
  const file = csv.gemeente ? `${csv.gemeente}-${table.id}.csv` : `${table.id}.csv`;
  return html`<section class="dashboard-table" aria-labelledby="t-${table.id}">
    <table>
      <caption id="t-${table.id}">
        ${table.caption}
      </caption>
      <thead>
        <tr>
          ${table.headers.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${
          table.rows.length
            ? table.rows.map(
                (row) =>
                  html`<tr>
                    ${row.map((v, i) => (i === 0 ? html`<th scope="row">${cell(v)}</th>` : html`<td>${cell(v)}</td>`))}
                  </tr>`,
              )
            : html`<tr>
                <td colspan="${table.headers.length}">Nog geen gegevens.</td>
              </tr>`
        }
      </tbody>
    </table>
    <p>
      <a href="/kcc/dashboard/${table.id}.csv${dashboardQuery(csv)}" download="${file}"
        >Download als CSV<span class="visually-hidden">: ${table.caption}</span></a
      >
    </p>
  </section>`;
}

/**
 * Share of callbacks made within the promise, per week: one labelled bar per row, so 52 weeks
 * never overlap. Described by the "per week" table below it.
 */
export function promiseChart(weeks: CallbackPeriodRow[], tableId: string): SafeHtml {
  const row = 20;
  const labelWidth = 120;
  const width = 640;
  const plot = width - labelWidth - 60;
  const height = Math.max(1, weeks.length) * row + 8;
  const bars = weeks.map((w, i) => {
    const y = 4 + i * row;
    const share = w.judged ? w.withinPromise / w.judged : null;
    const barWidth = share === null ? 0 : Math.max(2, Math.round(share * plot));
    return html`<g>
      <text class="axis" x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${w.label}</text>
      ${share === null ? '' : html`<rect class="bar" x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="${row - 6}"></rect>`}
      <text class="value" x="${labelWidth + barWidth + 6}" y="${y + 14}"
        >${share === null ? '–' : `${Math.round(share * 100)}%`}</text
      >
    </g>`;
  });
  return html`<figure class="chart chart--bars">
    <figcaption id="promise-chart-title">Aandeel binnen de belofte teruggebeld, per week</figcaption>
    <svg
      viewBox="0 0 ${width} ${height}"
      role="img"
      aria-labelledby="promise-chart-title"
      aria-describedby="t-${tableId}"
      focusable="false"
    >
      ${bars}
    </svg>
  </figure>`;
}

export function dashboardView(options: {
  norms: ServiceNorms;
  weeks: number;
  tables: DashboardTable[];
  callbackWeeks: CallbackPeriodRow[];
  /** Several gemeenten in one gateway: the one shown (its name in the heading) and the choice. */
  gemeente?: DashboardGemeente;
}): SafeHtml {
  const { norms, tables, gemeente } = options;
  const byId = new Map(tables.map((t) => [t.id, t]));
  const csv = { ...(gemeente ? { gemeente: gemeente.id } : {}), weeks: options.weeks };
  const show = (id: string) => {
    const t = byId.get(id);
    return t ? tableView(t, csv) : '';
  };
  return html`<h1>Servicenormen${gemeente ? html`: ${gemeente.name}` : ''}</h1>
    ${gemeente ? gemeenteChoice(gemeente, options.weeks) : ''}
    <section aria-labelledby="norms-heading">
      <h2 id="norms-heading">Onze normen</h2>
      <dl class="facts">
        <dt>Terugbellen</dt>
        <dd>${callbackNormText(norms)}</dd>
        <dt>Reactie op een achtergelaten chatbericht</dt>
        <dd>Binnen ${norms.leftMessageHours} uur</dd>
        <dt>Ontvangstbevestiging</dt>
        <dd>Binnen ${norms.acknowledgementDays} ${norms.acknowledgementDays === 1 ? 'werkdag' : 'werkdagen'}</dd>
        <dt>Tevredenheid</dt>
        <dd>Gemiddeld cijfer ${number.format(norms.satisfaction)} of hoger</dd>
      </dl>
    </section>
    <form method="get" action="/kcc/dashboard" class="search">
      ${gemeente ? html`<input type="hidden" name="gemeente" value="${gemeente.id}" />` : ''}
      <label for="weeks">Aantal weken</label>
      <select id="weeks" name="weeks">
        ${[4, 12, 26, 52].map(
          (n) => html`<option value="${n}" ${n === options.weeks ? html`selected` : ''}>${n} weken</option>`,
        )}
      </select>
      <button type="submit">Toon</button>
    </form>
    <section aria-labelledby="cb-heading">
      <h2 id="cb-heading">Terugbellen</h2>
      <p class="hint">
        “Beoordeeld”: verzoeken waarvan de belofte is verlopen of die al gebeld zijn. De belofte is wat de inwoner bij
        het versturen te zien kreeg.
      </p>
      ${promiseChart(options.callbackWeeks, 'terugbellen-per-week')} ${show('terugbellen-per-week')}
      ${show('terugbellen-per-dag')} ${show('terugbellen-per-onderwerp')}
    </section>
    <section aria-labelledby="chat-heading">
      <h2 id="chat-heading">Chat</h2>
      ${show('chat-per-week')} ${show('chat-per-dag')}
    </section>
    <section aria-labelledby="fb-heading">
      <h2 id="fb-heading">Feedback en tevredenheid</h2>
      ${show('cijfer-per-kanaal')} ${show('cijfer-per-contact')} ${show('cijfers-na-contact')}
      ${show('nuttig-per-pagina')} ${show('redenen')}
    </section>`;
}

/**
 * Links to the figures of each of the staff member's gemeenten (the current one marked, by
 * aria-current and in text); nothing for a staff member with one gemeente.
 */
function gemeenteChoice(gemeente: DashboardGemeente, weeks: number): SafeHtml {
  if (gemeente.choices.length < 2) return html``;
  return html`<nav class="tabs" aria-label="Servicenormen per gemeente">
    <ul>
      ${gemeente.choices.map(
        (g) =>
          html`<li>
            <a
              href="/kcc/dashboard${dashboardQuery({ gemeente: g.id, ...(weeks === 12 ? {} : { weeks }) })}"
              ${g.id === gemeente.id ? html`aria-current="true"` : ''}
              >${g.name}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

/** A gemeente that is not there, or not one of the staff member's: the same answer for both. */
export function dashboardNotFoundView(): SafeHtml {
  return html`<h1>Niet gevonden</h1>
    <p>Deze servicenormen bestaan niet, of u heeft geen toegang tot deze gemeente.</p>
    <p><a href="/kcc/dashboard">Naar de servicenormen</a></p>`;
}

/** The survey link of one callback request, to copy; with an e-mail form when SMTP is set up. */
export function surveyLinkView(options: {
  id: string;
  reference: string;
  link: string;
  csrf: string;
  canMail: boolean;
  notice?: string;
  error?: string;
  scored?: number;
}): SafeHtml {
  return html`<h1>Vragenlijst voor ${options.reference}</h1>
    ${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
    ${options.error ? html`<p class="warning" role="alert">${options.error}</p>` : ''}
    ${
      options.scored !== undefined
        ? html`<p>De inwoner heeft dit contact al een ${options.scored} gegeven.</p>`
        : html`<p>
              Geef de inwoner deze persoonlijke link. Met de link kan de inwoner één keer een cijfer geven voor dit
              contact.
            </p>
            <label for="survey-link">Persoonlijke link</label>
            <input id="survey-link" class="copy" type="text" readonly value="${options.link}" />
            <p class="hint">Selecteer de link en kopieer hem (Ctrl+C of Cmd+C).</p>
            ${
              options.canMail
                ? html`<form method="post" action="/kcc/callbacks/${options.id}/survey/mail">
                    <input type="hidden" name="csrf" value="${options.csrf}" />
                    <label for="survey-email">E-mailadres van de inwoner</label>
                    <p class="hint" id="survey-email-hint">
                      Het adres wordt alleen voor deze e-mail gebruikt en niet bewaard.
                    </p>
                    <input
                      id="survey-email"
                      name="email"
                      type="email"
                      autocomplete="off"
                      maxlength="254"
                      required
                      aria-describedby="survey-email-hint"
                    />
                    <button type="submit">E-mail de link</button>
                  </form>`
                : ''
            }`
    }
    <p><a href="/kcc/callbacks">Terug naar de terugbelverzoeken</a></p>`;
}
