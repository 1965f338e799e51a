// The theme studio page: thin DOM around @dichtbij/themes/studio (the logic, unit-tested in Node).
// Native, labelled controls; the four elements restyled live with the studio's tokens (set through the
// CSSOM, nothing a strict CSP blocks, every value checked with CSS.supports first); the build's contrast
// check on every change, announced once per change (debounced) in a polite live region.
// The elements themselves are defined by the page (/dichtbij.js on the demo site, the packages in Storybook).
import { createClient, demoCases, memoryAdapter, memoryStore, type DichtbijClient } from '@dichtbij/sdk';
import { themeTokens, themes } from '@dichtbij/themes';
import {
  FOCUS_STYLES,
  STUDIO_FIELDS,
  applyField,
  contrastReport,
  fieldValue,
  parseThemeCss,
  resolveTokens,
  startValues,
  themeNameFrom,
  toCss,
  toDtcg,
  type Catalogue,
  type PairResult,
  type StudioField,
} from '@dichtbij/themes/studio';
import { studioCatalogue } from './catalogue.ts';
import { studioStrings, type StudioLocale, type StudioStrings } from './strings.ts';

export interface StudioOptions {
  locale?: StudioLocale;
  /** The shipped theme to start from (default west-betuwe). */
  start?: string;
  /** Wait after the last change before the live region speaks (default 600 ms). */
  announceDelay?: number;
}

export interface ThemeStudio {
  /** The theme's values now (what the DTCG export holds). */
  readonly values: Record<string, string>;
  destroy(): void;
}

type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | undefined | false;

/** createElement with attributes and text/children: text is always text (no HTML parsing). */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

let instances = 0;
const supports = (property: string, value: string) => CSS.supports(property, value);
const toHex = (value: string | undefined) => {
  // <input type="color"> only takes #rrggbb: let the browser compute any CSS colour.
  if (!value) return '#000000';
  if (/^#[0-9a-f]{6}$/i.test(value)) return value.toLowerCase();
  const probe = document.createElement('span');
  probe.style.color = value;
  document.body.append(probe);
  const rgb = getComputedStyle(probe)
    .color.match(/\d+(\.\d+)?/g)
    ?.map(Number) ?? [0, 0, 0];
  probe.remove();
  return `#${rgb
    .slice(0, 3)
    .map((n) => Math.round(n).toString(16).padStart(2, '0'))
    .join('')}`;
};

export function mountThemeStudio(root: HTMLElement, options: StudioOptions = {}): ThemeStudio {
  const locale: StudioLocale =
    options.locale ?? ((root.closest('[lang]')?.getAttribute('lang') ?? 'nl').startsWith('en') ? 'en' : 'nl');
  const t: StudioStrings = studioStrings[locale];
  const catalogue: Catalogue = studioCatalogue();
  const id = `dichtbij-studio-${++instances}`;
  const delay = options.announceDelay ?? 600;
  const startName =
    options.start && (themes as readonly string[]).includes(options.start) ? options.start : 'west-betuwe';

  let values = startValues(catalogue, themeTokens(startName));
  let name = startName;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let announced = '';
  let pasteNote = '';

  // --- controls ------------------------------------------------------------------------------------------
  const startSelect = h(
    'select',
    { id: `${id}-start` },
    ...themes.map((n) => h('option', { value: n, selected: n === startName }, n)),
  );
  const nameInput = h('input', {
    id: `${id}-name`,
    type: 'text',
    value: name,
    autocomplete: 'off',
    'aria-describedby': `${id}-name-hint`,
  });

  const fieldInputs = new Map<string, { text: HTMLInputElement | HTMLSelectElement; picker?: HTMLInputElement }>();
  const fieldset = (field: StudioField) => {
    const fid = `${id}-${field.id}`;
    const label = t.fields[field.id] ?? field.id;
    const error = h('p', { id: `${fid}-error`, class: 'studio-error', hidden: true }, t.invalid);
    if (field.kind === 'color') {
      const picker = h('input', { id: `${fid}-pick`, type: 'color' });
      const text = h('input', {
        id: fid,
        type: 'text',
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': `${fid}-hint ${fid}-error`,
      });
      fieldInputs.set(field.id, { text, picker });
      picker.addEventListener('input', () => change(field.id, picker.value, text, error));
      text.addEventListener('input', () => change(field.id, text.value, text, error));
      return h(
        'fieldset',
        { class: 'studio-field studio-field--color' },
        h('legend', {}, label),
        h('span', { class: 'studio-pair' }, h('label', { for: picker.id }, t.pick), picker),
        h('span', { class: 'studio-pair' }, h('label', { for: fid }, t.code), text),
        h('p', { id: `${fid}-hint`, class: 'studio-hint' }, t.codeHint),
        error,
      );
    }
    if (field.kind === 'style') {
      const select = h(
        'select',
        { id: fid },
        ...FOCUS_STYLES.map((s) => h('option', { value: s }, t.focusStyles[s] ?? s)),
      );
      fieldInputs.set(field.id, { text: select });
      select.addEventListener('change', () => change(field.id, select.value, select, error));
      return h('div', { class: 'studio-field' }, h('label', { for: fid }, label), select, error);
    }
    const text = h('input', {
      id: fid,
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      list: field.kind === 'font' ? `${id}-fonts` : undefined,
      'aria-describedby': `${fid}-hint ${fid}-error`,
    });
    fieldInputs.set(field.id, { text });
    text.addEventListener('input', () => change(field.id, text.value, text, error));
    return h(
      'div',
      { class: 'studio-field' },
      h('label', { for: fid }, label),
      text,
      h('p', { id: `${fid}-hint`, class: 'studio-hint' }, t.fieldHints[field.id] ?? ''),
      error,
    );
  };
  const fonts = h(
    'datalist',
    { id: `${id}-fonts` },
    ...[
      "'Roboto', system-ui, sans-serif",
      "'Fira Sans', system-ui, sans-serif",
      "'Open Sans', system-ui, sans-serif",
      "'Source Sans 3', system-ui, sans-serif",
      "'Noto Sans', system-ui, sans-serif",
      'system-ui, sans-serif',
    ].map((f) => h('option', { value: f })),
  );

  const pasteArea = h('textarea', {
    id: `${id}-paste`,
    rows: '6',
    spellcheck: 'false',
    'aria-describedby': `${id}-paste-hint`,
  });
  const pasteButton = h('button', { type: 'button', class: 'studio-button' }, t.pasteApply);
  const pasteResult = h('div', { id: `${id}-paste-result`, class: 'studio-paste-result' });

  // --- preview -------------------------------------------------------------------------------------------
  const client: DichtbijClient = createClient({
    adapter: memoryAdapter({ cases: structuredClone(demoCases) }),
    outboxStore: memoryStore(),
    locale,
    retry: { baseDelay: 24 * 3_600_000 },
  });
  const config = document.createElement('dichtbij-config') as HTMLElement & { client?: DichtbijClient };
  config.client = client;
  config.setAttribute('locale', locale);
  config.append(
    h('dichtbij-feedback' as 'div', { 'heading-level': '3' }),
    h('dichtbij-bel-me' as 'div', { topic: 'paspoort-id' }),
    h('dichtbij-status-tracker' as 'div', { 'heading-level': '3', reference: 'Z-2026-0142', check: '4191 AB' }),
    // The launcher is position: fixed; this box (a containing block, see studio.css) keeps it in the preview.
    h('div', { class: 'studio-chat' }, h('dichtbij-chat-launcher' as 'div')),
  );
  const preview = h('div', { class: 'studio-preview', 'data-studio-preview': true }, config);

  // --- contrast ------------------------------------------------------------------------------------------
  const live = h('p', { id: `${id}-live`, class: 'studio-live', role: 'status', 'aria-live': 'polite' });
  const contrastHeading = h('h2', { id: `${id}-contrast`, tabindex: '-1' }, t.contrast);
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'studio-table', 'aria-labelledby': contrastHeading.id },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t.pair),
        h('th', { scope: 'col' }, t.ratio),
        h('th', { scope: 'col' }, t.needed),
        h('th', { scope: 'col' }, t.verdict),
      ),
    ),
    tbody,
  );

  // --- download ------------------------------------------------------------------------------------------
  const tokensButton = h('button', { type: 'button', class: 'studio-button' }, t.downloadTokens);
  const cssButton = h('button', { type: 'button', class: 'studio-button studio-button--secondary' }, t.downloadCss);
  const tokensOut = h('pre', { class: 'studio-code', 'data-studio-tokens': true, tabindex: '0' });
  const cssOut = h('pre', { class: 'studio-code', 'data-studio-css': true, tabindex: '0' });

  root.replaceChildren(
    h(
      'div',
      { class: 'dichtbij-studio' },
      h('h1', {}, t.heading),
      h('p', { class: 'studio-intro' }, t.intro),
      h(
        'div',
        { class: 'studio-columns' },
        h(
          'section',
          { class: 'studio-controls', 'aria-labelledby': `${id}-choices` },
          h('h2', { id: `${id}-choices` }, t.choices),
          h('div', { class: 'studio-field' }, h('label', { for: startSelect.id }, t.start), startSelect),
          h(
            'div',
            { class: 'studio-field' },
            h('label', { for: nameInput.id }, t.name),
            nameInput,
            h('p', { id: `${id}-name-hint`, class: 'studio-hint' }, t.nameHint),
          ),
          ...STUDIO_FIELDS.map(fieldset),
          fonts,
          h('h2', { id: `${id}-paste-heading` }, t.paste),
          h(
            'div',
            { class: 'studio-field' },
            h('label', { for: pasteArea.id }, t.pasteLabel),
            pasteArea,
            h('p', { id: `${id}-paste-hint`, class: 'studio-hint' }, t.pasteHint),
          ),
          pasteButton,
          pasteResult,
        ),
        h(
          'section',
          { class: 'studio-preview-column', 'aria-labelledby': `${id}-preview` },
          h('h2', { id: `${id}-preview` }, t.preview),
          h('p', {}, t.previewIntro),
          preview,
        ),
      ),
      h('section', { 'aria-labelledby': contrastHeading.id }, contrastHeading, live, table),
      h(
        'section',
        { 'aria-labelledby': `${id}-download` },
        h('h2', { id: `${id}-download` }, t.download),
        h('p', {}, t.downloadNote),
        h('p', { class: 'studio-buttons' }, tokensButton, ' ', cssButton),
        h('details', {}, h('summary', {}, t.showTokens), tokensOut),
        h('details', {}, h('summary', {}, t.showCss), cssOut),
      ),
    ),
  );

  // --- behaviour -----------------------------------------------------------------------------------------
  function change(fieldId: string, value: string, input: HTMLElement, error: HTMLElement) {
    const result = applyField(catalogue, values, fieldId, value, supports);
    const bad = !!result.rejected;
    error.hidden = !bad;
    if (bad) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    if (bad) return;
    values = result.values;
    update();
  }

  startSelect.addEventListener('change', () => {
    values = startValues(catalogue, themeTokens(startSelect.value));
    if (themeNameFrom(nameInput.value) === name && (themes as readonly string[]).includes(name)) {
      name = startSelect.value;
      nameInput.value = name;
    }
    update();
  });
  nameInput.addEventListener('input', () => {
    name = themeNameFrom(nameInput.value) || 'mijn-gemeente';
    updateOutputs();
  });
  pasteButton.addEventListener('click', () => {
    const out = parseThemeCss(catalogue, pasteArea.value, supports);
    values = { ...values, ...out.values };
    const lines = [t.pasteResult(Object.keys(out.values).length, out.rejected.length, out.ignored.length)];
    pasteNote = lines[0]!;
    const list = out.rejected.length
      ? h(
          'ul',
          {},
          ...out.rejected.map((r) => h('li', {}, h('code', {}, r.name), `: ${t.rejectedReason[r.reason] ?? r.reason}`)),
        )
      : undefined;
    pasteResult.replaceChildren(h('p', {}, pasteNote), ...(list ? [list] : []));
    update();
  });

  const download = (file: string, type: string, text: string) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h('a', { href: url, download: file, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  tokensButton.addEventListener('click', () =>
    download(`${name}.tokens.json`, 'application/json', `${JSON.stringify(toDtcg(catalogue, values), null, 2)}\n`),
  );
  cssButton.addEventListener('click', () => download(`${name}.css`, 'text/css', toCss(catalogue, values, { name })));

  const pairName = (p: PairResult) => t.pairs[p.pair.label] ?? p.pair.label;
  const ratio = (r: number) => t.ratioText(r);

  function renderTable(report: ReturnType<typeof contrastReport>) {
    const hadFocus = tbody.contains(document.activeElement);
    const rows = report.pairs.map((p) => {
      const verdict = h(
        'td',
        { class: p.pass ? 'studio-pass' : 'studio-fail', 'data-pass': p.pass ? 'true' : 'false' },
        h('strong', {}, p.pass ? t.pass : t.fail),
      );
      if (!p.pass) {
        if (p.suggestion) {
          const colour = p.suggestion.colour;
          const use = h('button', { type: 'button', class: 'studio-button studio-button--small' }, t.use(colour));
          use.addEventListener('click', () => {
            values = { ...values, [p.pair.fg]: colour };
            update();
            contrastHeading.focus();
          });
          verdict.append(
            h(
              'span',
              { class: 'studio-proposal' },
              h('span', { class: 'studio-swatch', 'data-colour': colour }),
              t.proposal(colour, ratio(p.suggestion.ratio)),
            ),
            use,
          );
        } else verdict.append(h('span', { class: 'studio-proposal' }, t.noProposal));
      }
      return h(
        'tr',
        { 'data-pair': p.pair.label },
        h(
          'th',
          { scope: 'row', lang: t.pairs[p.pair.label] ? undefined : 'en' },
          pairName(p),
          h('span', { class: 'studio-kind' }, ` (${t.kind[p.pair.kind] ?? p.pair.kind})`),
        ),
        h('td', {}, `${ratio(p.ratio)}:1`),
        h('td', {}, `${ratio(p.min)}:1`),
        verdict,
      );
    });
    tbody.replaceChildren(...rows);
    // Swatches get their colour through the CSSOM (a checked value), never a style attribute.
    for (const s of tbody.querySelectorAll<HTMLElement>('.studio-swatch'))
      s.style.setProperty('background-color', s.dataset.colour ?? '');
    if (hadFocus && !tbody.contains(document.activeElement)) contrastHeading.focus();
  }

  function summary(report: ReturnType<typeof contrastReport>) {
    const n = report.pairs.length;
    const first = report.failing[0];
    const text = first
      ? t.summaryFail(report.failing.length, n, pairName(first), ratio(first.ratio), ratio(first.min))
      : t.summaryPass(n);
    return pasteNote ? `${pasteNote} ${text}` : text;
  }

  function announce(text: string) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (text === announced) return;
      announced = text;
      live.textContent = text;
      pasteNote = '';
    }, delay);
  }

  function updateOutputs() {
    tokensOut.textContent = `${JSON.stringify(toDtcg(catalogue, values), null, 2)}\n`;
    cssOut.textContent = toCss(catalogue, values, { name });
  }

  function update() {
    const tokens = resolveTokens(catalogue, values);
    for (const [token, value] of Object.entries(tokens))
      if (catalogue.tokens.has(token)) preview.style.setProperty(token, value);
    for (const field of STUDIO_FIELDS) {
      const inputs = fieldInputs.get(field.id);
      if (!inputs) continue;
      const value = fieldValue(catalogue, values, field.id) ?? '';
      if (document.activeElement !== inputs.text && inputs.text.getAttribute('aria-invalid') !== 'true')
        inputs.text.value = value;
      if (inputs.picker && document.activeElement !== inputs.picker) inputs.picker.value = toHex(value);
    }
    const report = contrastReport(catalogue, values);
    renderTable(report);
    updateOutputs();
    root.dataset.failing = String(report.failing.length);
    announce(summary(report));
  }

  update();
  // The first verdict is on the page at once (not announced: nothing changed yet).
  announced = summary(contrastReport(catalogue, values));
  clearTimeout(timer);
  live.textContent = announced;

  return {
    get values() {
      return { ...values };
    },
    destroy() {
      clearTimeout(timer);
      client.dispose();
      root.replaceChildren();
    },
  };
}
