// The copy glossary, enforced: every resident-facing string table (the elements' strings.ts, the
// SDK's case texts for every kind of case, the chatbot's own sentences and the default FAQ) is
// checked against the "Taal / glossary" table in packages/components/README.md (the words to
// avoid, in Dutch and in English), has every key in every locale, and has no Dutch sentence over
// 15 words. Functions are called with sample arguments, so their sentences are checked too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { strings as belMe } from '../../packages/components/src/bel-me/strings.ts';
import { formStrings as belMeForm } from '../../packages/components/src/bel-me/form/strings.ts';
import { strings as statusTracker } from '../../packages/components/src/status-tracker/strings.ts';
import {
  strings as launcher,
  settledStrings as launcherSettled,
} from '../../packages/components/src/chat-launcher/strings.ts';
import { strings as chatPanel } from '../../packages/components/src/chat-launcher/panel/strings.ts';
import { strings as feedback } from '../../packages/components/src/feedback/strings.ts';
import { caseText, caseView, caseWord, type CaseWordKind } from '../../packages/sdk/src/case-view.ts';
import { demoCases } from '../../packages/sdk/src/demo-data.ts';
import { COPY as botCopy } from '../../packages/gateway/src/chat/faq.ts';

type Table = { nl: unknown; en: unknown };
const TABLES: Record<string, Table> = {
  'bel-me/strings.ts': belMe,
  'bel-me/form/strings.ts': belMeForm,
  'status-tracker/strings.ts': statusTracker,
  'chat-launcher/strings.ts': launcher,
  'chat-launcher/strings.ts (settled)': launcherSettled,
  'chat-launcher/panel/strings.ts': chatPanel,
  'feedback/strings.ts': feedback,
  'sdk case-view caseText': caseText,
  'gateway chatbot COPY': botCopy,
};

// ── the glossary table ──────────────────────────────────────────────────────────────────────
const readme = readFileSync(new URL('../../packages/components/README.md', import.meta.url), 'utf8');
const section = readme.split(/^## Taal \/ glossary$/m)[1]?.split(/^## /m)[0] ?? '';
const rows = section
  .split('\n')
  .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
  .slice(1) // the header
  .map((l) =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim()),
  );
const quoted = (cell: string) => [...cell.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
const avoidNl = rows.flatMap((r) => quoted(r[2] ?? ''));
const avoidEn = rows.flatMap((r) => quoted((r[3] ?? '').split(/\bnot\b/)[1] ?? ''));

/** A term as a pattern: whole words (letters, digits and hyphens around it do not count), "…" = anything. */
const pattern = (term: string) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}-])${term
      .split('…')
      .map((p) => p.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*?')}(?![\\p{L}\\p{N}-])`,
    'iu',
  );

// ── sample arguments: every function is called with each set that it accepts ───────────────
const DAY = 'dinsdag 26 mei';
const WORDS: CaseWordKind[] = ['aanvraag', 'melding', 'klacht', 'bezwaar', 'zaak'];
const SAMPLES: unknown[][] = [
  [],
  [1],
  [3],
  [90],
  [300, 412],
  [undefined],
  ['Gemeente West Betuwe'],
  ['Z-2026-0142'],
  ['14 0345'],
  ['14 0345', 'Nu open tot 17:00'],
  ['een telefoonnummer'],
  ['uw zaak'],
  [{ minutes: 5, at: '14:10' }],
  ...[
    { kind: 'within', minutes: 60 },
    { kind: 'within', minutes: 45 },
    { kind: 'today-or-next', date: '2026-05-26' },
    { kind: 'later-today', from: '13:00' },
    { kind: 'next-working-day', date: '2026-05-26' },
    { kind: 'asap' },
    { kind: 'today', before: '17:00' },
    { kind: 'today', before: '17:00', from: '13:00' },
    { kind: 'today-or-next', before: '17:00', date: '2026-05-26' },
    { kind: 'slot', date: '2026-05-26', part: 'morning' },
    { kind: 'slot', date: '2026-05-26', part: 'afternoon' },
  ].map((p) => [p, DAY]),
];

/** Every string a value yields: strings as they are, functions called with the samples, objects walked. */
function texts(value: unknown, locale: 'nl' | 'en', out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    const sets = [
      ...SAMPLES,
      // Case texts take the word for the case's kind as their last argument.
      ...WORDS.flatMap((k) => [
        ['14 maart 2027', caseWord(k, locale)],
        [caseWord(k, locale)],
        [42, caseWord(k, locale)],
        [undefined, caseWord(k, locale)],
      ]),
    ];
    for (const args of sets) {
      try {
        const result = fn(...args);
        if (typeof result === 'string' && !/undefined|\[object/.test(result)) out.push(result);
      } catch {
        // this sample does not fit this function
      }
    }
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) texts(v, locale, out);
  return out;
}

/** The key paths of a table (functions are leaves). */
function paths(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k));
}

const sentences = (text: string) =>
  text
    .split(/(?<=[.?!:])\s+(?=[A-Z"'(])/u)
    .map((s) => s.trim())
    .filter(Boolean);
const words = (sentence: string) => sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

const faq = JSON.parse(
  readFileSync(new URL('../../packages/gateway/src/chat/faq/default.json', import.meta.url), 'utf8'),
) as { topics: { answer: { nl: string; en?: string }; title: { nl: string; en?: string } }[] };

const dutch = Object.fromEntries(Object.entries(TABLES).map(([name, t]) => [name, texts(t.nl, 'nl')]));
const english = Object.fromEntries(Object.entries(TABLES).map(([name, t]) => [name, texts(t.en, 'en')]));
dutch['gateway FAQ default.json'] = faq.topics.flatMap((t) => [t.answer.nl, t.title.nl]);
english['gateway FAQ default.json'] = faq.topics.flatMap((t) => [t.answer.en ?? '', t.title.en ?? '']);

test('the glossary table is there and names words to avoid in both languages', () => {
  assert.ok(rows.length >= 10, `glossary rows: ${rows.length}`);
  for (const term of ['u hebt', 'Uw nummer', 'persoonsgegevens', 'termijn']) assert.ok(avoidNl.includes(term), term);
  assert.ok(avoidEn.includes('employee'));
  // The checks see real text: hundreds of Dutch strings, with their function sentences.
  const count = Object.values(dutch).flat().length;
  assert.ok(count > 500, `Dutch strings checked: ${count}`);
});

test('no Dutch string uses a word the glossary says to avoid', () => {
  const found: string[] = [];
  for (const [name, list] of Object.entries(dutch))
    for (const text of list)
      for (const term of avoidNl) if (pattern(term).test(text)) found.push(`${name}: "${term}" in "${text}"`);
  assert.deepEqual(found, []);
});

test('no English string uses a word the glossary says to avoid, nor a known calque', () => {
  const calques = [/You can use \d+ more of/, /Do you not\b/, /What score do you give/, /\bstaff are\b/i];
  const found: string[] = [];
  for (const [name, list] of Object.entries(english))
    for (const text of list) {
      for (const term of avoidEn) if (pattern(term).test(text)) found.push(`${name}: "${term}" in "${text}"`);
      for (const c of calques) if (c.test(text)) found.push(`${name}: ${c} in "${text}"`);
    }
  assert.deepEqual(found, []);
});

test('every key is in Dutch and in English, and every English value is filled', () => {
  for (const [name, table] of Object.entries(TABLES)) {
    assert.deepEqual(paths(table.en).sort(), paths(table.nl).sort(), name);
    for (const text of english[name]!) assert.ok(text.trim() || name === 'gateway chatbot COPY', `${name}: empty`);
  }
});

test('no Dutch sentence is longer than 15 words (elements, case texts, chatbot)', () => {
  const long: string[] = [];
  for (const [name, list] of Object.entries(dutch)) {
    if (name === 'gateway FAQ default.json') continue; // a gemeente's own answers; checked below for the rules above
    for (const text of list)
      for (const s of sentences(text)) if (words(s).length > 15) long.push(`${name}: ${words(s).length} words: "${s}"`);
  }
  assert.deepEqual(long, []);
});

test('the elements never say "aanvraag" themselves: only the case\'s kind brings that word', () => {
  for (const name of Object.keys(TABLES).filter((n) => !n.startsWith('sdk') && !n.startsWith('gateway'))) {
    for (const text of dutch[name]!) {
      assert.doesNotMatch(text, /aanvra(ag|gen)/i, `${name}: "${text}"`);
    }
  }
  // A complaint, a report and an unknown case never read "aanvraag" anywhere in their view.
  for (const kind of ['klacht', 'melding'] as const) {
    const base = demoCases[0]!.status;
    for (const status of [
      { ...base, kind, extended: { days: 42 } },
      { ...base, kind, suspended: { since: '2026-11-01' } },
      { ...base, kind, closed: true, closedOn: '2026-11-20' },
    ]) {
      const view = caseView(status, { now: new Date('2026-11-02T09:00:00Z') });
      assert.doesNotMatch(JSON.stringify({ ...view, steps: [] }), /aanvra/i, kind);
    }
  }
});
