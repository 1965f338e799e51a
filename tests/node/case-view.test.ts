// Case view model: delayed in Amsterdam time, closed/suspended/extended texts, dates in nl-NL and
// en-GB, malformed dates left out, the change sentence between two fetches (and only real changes).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import test from 'node:test';
import {
  amsterdamToday,
  caseChange,
  caseKind,
  casesChange,
  caseText,
  caseWord,
  caseView,
  civilDate,
  formatCaseDate,
} from '../../packages/sdk/src/case-view.ts';
import { demoCases } from '../../packages/sdk/src/demo-data.ts';
import type { CaseStatus } from '../../packages/sdk/src/schemas.ts';

const dakkapel = structuredClone(demoCases[0]!.status);
const bijstand = structuredClone(demoCases[1]!.status);
const parkeren = structuredClone(demoCases[2]!.status);
const at = (iso: string) => new Date(iso);

const withDeadline = (c: CaseStatus, deadline: string): CaseStatus => ({ ...c, deadline });

test('dates: "14 maart 2027" in nl-NL, "14 March 2027" in en-GB, whatever the process time zone', () => {
  assert.equal(formatCaseDate('2027-03-14', 'nl'), '14 maart 2027');
  assert.equal(formatCaseDate('2027-03-14', 'en'), '14 March 2027');
  assert.equal(formatCaseDate('2026-01-01'), '1 januari 2026');
  // In a far-west zone, a Date built from the string would show 13 March.
  const script = `import { formatCaseDate } from ${JSON.stringify(fileURLToPath(new URL('../../packages/sdk/src/case-view.ts', import.meta.url)))};
    process.stdout.write(formatCaseDate('2027-03-14', 'nl'));`;
  for (const tz of ['Pacific/Honolulu', 'Pacific/Kiritimati']) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    assert.equal(run.stdout, '14 maart 2027', `${tz}: ${run.stderr}`);
  }
});

test('dates: malformed or impossible values are left out, instants become the Amsterdam day', () => {
  for (const bad of ['2026-02-30', '2026-13-01', 'gisteren', '', null, undefined, '2026-1-5']) {
    assert.equal(formatCaseDate(bad as string, 'nl'), undefined, String(bad));
    assert.equal(civilDate(bad as string), undefined, String(bad));
  }
  // 23:30 UTC on 5 October is 01:30 on 6 October in Amsterdam (summer time).
  assert.equal(civilDate('2026-10-05T23:30:00Z'), '2026-10-06');
  assert.equal(civilDate('2026-10-05T12:00:00+02:00'), '2026-10-05');
  assert.equal(civilDate('2026-10-05Tnonsense'), undefined);
});

test('today is the Amsterdam calendar day', () => {
  assert.equal(amsterdamToday(at('2026-12-14T22:59:00Z')), '2026-12-14');
  assert.equal(amsterdamToday(at('2026-12-14T23:00:00Z')), '2026-12-15');
});

test('an open case on time: current step, expected end and the legal deadline line', () => {
  const view = caseView(withDeadline(dakkapel, '2027-03-14'), { locale: 'nl', now: at('2026-11-02T09:00:00Z') });
  assert.equal(view.delayed, false);
  assert.equal(view.closed, false);
  assert.equal(view.deadlineText, 'U krijgt uiterlijk op 14 maart 2027 ons besluit.');
  assert.equal(view.expectedText, 'We verwachten klaar te zijn op 14 december 2026.');
  assert.equal(view.startedText, 'Aangevraagd op 5 oktober 2026');
  assert.equal(view.delayedText, undefined);
  assert.deepEqual(view.badges, []);
  assert.equal(view.summary, 'Nu: Beoordeling');
  assert.equal(view.current?.title, 'Beoordeling');
  assert.deepEqual(
    view.steps.map((s) => [s.state, s.stateText, s.isCurrent, s.completedText]),
    [
      ['done', 'Afgerond', false, '5 oktober 2026'],
      ['done', 'Afgerond', false, '12 oktober 2026'],
      ['current', 'Nu bezig', true, undefined],
      ['upcoming', 'Nog niet gestart', false, undefined],
    ],
  );
  assert.equal(
    view.steps[2]!.text,
    'We toetsen uw plan aan de regels. Soms vragen we advies aan de welstandscommissie.',
  );

  const en = caseView(withDeadline(dakkapel, '2027-03-14'), { locale: 'en', now: at('2026-11-02T09:00:00Z') });
  assert.equal(en.deadlineText, 'You will get our decision by 14 March 2027 at the latest.');
  assert.equal(en.expectedText, 'We expect to be finished on 14 December 2026.');
  assert.deepEqual(
    en.steps.map((s) => s.stateText),
    ['Completed', 'Completed', 'In progress', 'Not started'],
  );
});

test('delayed: only when today in Amsterdam is after the planned end, and never when closed', () => {
  // plannedEnd 2026-12-14. 23:30 UTC on the 14th is already the 15th in Amsterdam.
  assert.equal(caseView(dakkapel, { now: at('2026-12-14T22:30:00Z') }).delayed, false);
  const late = caseView(dakkapel, { now: at('2026-12-14T23:30:00Z') });
  assert.equal(late.delayed, true);
  assert.deepEqual(late.badges, [{ kind: 'delayed', label: 'Vertraagd' }]);
  assert.match(late.delayedText!, /langer dan we hadden verwacht.*14 december 2026/);
  assert.equal(late.expectedText, undefined, 'no "we expect" line for a date that has passed');
  assert.equal(late.deadlineText, 'U krijgt uiterlijk op 25 januari 2027 ons besluit.');

  const closedLate = caseView(parkeren, { now: at('2030-01-01T12:00:00Z') });
  assert.equal(closedLate.delayed, false);
  assert.equal(closedLate.pastDeadline, false);
  assert.equal(caseView({ ...dakkapel, plannedEnd: null }, { now: at('2030-01-01T12:00:00Z') }).delayed, false);
  assert.equal(caseView({ ...dakkapel, plannedEnd: '2026-02-31' }, { now: at('2030-01-01T12:00:00Z') }).delayed, false);
});

test('past the legal deadline the line no longer promises a date in the past', () => {
  const view = caseView(dakkapel, { now: at('2027-02-01T12:00:00Z') });
  assert.equal(view.pastDeadline, true);
  assert.equal(
    view.deadlineText,
    'U had op 25 januari 2027 ons besluit moeten krijgen. Het spijt ons dat het langer duurt.',
  );
});

test('suspended: B1 explanation with the date and the reason as given', () => {
  const view = caseView(bijstand, { now: at('2026-09-20T12:00:00Z') });
  assert.equal(
    view.suspended?.text,
    'Uw aanvraag staat stil sinds 10 september 2026. Zolang uw aanvraag stilstaat, krijgt u ons besluit later.',
  );
  assert.equal(view.suspended?.reason, 'We wachten op uw bankafschriften.');
  assert.deepEqual(
    view.badges.map((b) => b.label),
    ['Staat stil'],
  );
  const noDate = caseView({ ...bijstand, suspended: { reason: '  ' } }, { now: at('2026-09-20T12:00:00Z') });
  assert.match(noDate.suspended!.text, /^Uw aanvraag staat stil\. /);
  assert.equal(noDate.suspended!.reason, undefined);
  assert.match(
    caseView(bijstand, { locale: 'en', now: at('2026-09-20T12:00:00Z') }).suspended!.text,
    /on hold since 10 September 2026/,
  );
});

test('extended: in weeks when the days make whole weeks, with the reason', () => {
  const six = caseView(
    { ...dakkapel, extended: { days: 42, reason: 'Wij vragen advies.' } },
    { now: at('2026-11-02T09:00:00Z') },
  );
  assert.equal(
    six.extended?.text,
    'We hebben meer tijd nodig om over uw aanvraag te beslissen. Daarom krijgt u ons besluit 6 weken later.',
  );
  assert.equal(six.extended?.reason, 'Wij vragen advies.');
  assert.deepEqual(
    six.badges.map((b) => b.kind),
    ['extended'],
  );
  assert.match(caseView({ ...dakkapel, extended: { days: 10 } }).extended!.text, /besluit 10 dagen later\.$/);
  assert.match(caseView({ ...dakkapel, extended: { days: 7 } }).extended!.text, /besluit 1 week later\.$/);
  assert.match(caseView({ ...dakkapel, extended: { days: null } }).extended!.text, /ons besluit later\.$/);
  assert.match(caseView({ ...dakkapel, extended: { days: -3 } }).extended!.text, /ons besluit later\.$/);
  assert.match(
    caseView({ ...dakkapel, extended: { days: 14 } }, { locale: 'en' }).extended!.text,
    /our decision 2 weeks later\.$/,
  );
});

test('closed: completed text, every step done, no step in progress, no deadline line', () => {
  const view = caseView(parkeren, { now: at('2026-04-01T12:00:00Z') });
  assert.equal(view.closedText, 'Uw aanvraag is afgerond op 18 maart 2026.');
  assert.equal(view.summary, 'Afgerond op 18 maart 2026');
  assert.equal(view.deadlineText, undefined);
  assert.equal(view.expectedText, undefined);
  assert.equal(view.current, undefined);
  assert.deepEqual(view.badges, [{ kind: 'closed', label: 'Afgerond' }]);
  // A closed case whose end status is still marked current shows it as done.
  const marked = caseView({
    ...parkeren,
    closedOn: null,
    steps: [...parkeren.steps.slice(0, 2), { title: 'Besluit', state: 'current' }],
  });
  assert.equal(marked.steps[2]!.state, 'done');
  assert.equal(
    marked.steps.some((s) => s.isCurrent),
    false,
  );
  assert.equal(marked.closedText, 'Uw aanvraag is afgerond.');
});

test('only the first "current" step is the current one; hostile text is kept as plain data', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const view = caseView({
    ...dakkapel,
    steps: [
      { title: 'A', state: 'current', text: hostile },
      { title: 'B', state: 'current' },
    ],
  });
  assert.deepEqual(
    view.steps.map((s) => s.isCurrent),
    [true, false],
  );
  assert.equal(view.steps[0]!.text, hostile);
});

test('change: the new current step, once, as "Uw aanvraag is nu bij de stap: Besluit."', () => {
  const next: CaseStatus = {
    ...dakkapel,
    steps: dakkapel.steps.map((s, i) =>
      i === 2 ? { ...s, state: 'done', completedAt: '2026-11-20' } : i === 3 ? { ...s, state: 'current' } : s,
    ),
  };
  assert.equal(caseChange(dakkapel, next, 'nl'), 'Uw aanvraag is nu bij de stap: Besluit.');
  assert.equal(caseChange(dakkapel, next, 'en'), 'Your application is now at the step: Besluit.');
  assert.equal(caseChange(next, structuredClone(next)), undefined, 'nothing changed: nothing to say');
  assert.equal(caseChange(dakkapel, { ...dakkapel, title: 'x', steps: [...dakkapel.steps] }), undefined);
  assert.equal(caseChange(dakkapel, { ...next, reference: 'Z-OTHER' }), undefined, 'another case is not a change');
});

test('change: closed, suspended, resumed, extended, new planned end', () => {
  const closed: CaseStatus = { ...dakkapel, closed: true, steps: dakkapel.steps.map((s) => ({ ...s, state: 'done' })) };
  assert.equal(caseChange(dakkapel, closed), 'Uw aanvraag is afgerond.');
  assert.equal(caseChange(dakkapel, { ...dakkapel, suspended: { since: '2026-11-01' } }), 'Uw aanvraag staat nu stil.');
  assert.equal(caseChange(bijstand, { ...bijstand, suspended: null }), 'We werken weer aan uw aanvraag.');
  assert.equal(
    caseChange(dakkapel, { ...dakkapel, extended: { days: 42 } }),
    'We hebben meer tijd nodig voor uw aanvraag.',
  );
  assert.equal(
    caseChange(dakkapel, { ...dakkapel, plannedEnd: '2027-01-10' }),
    'We verwachten nu klaar te zijn op 10 januari 2027.',
  );
});

test('list change: named per case, new cases too, nothing when equal', () => {
  const next = [{ ...dakkapel, suspended: { since: '2026-11-01' } }, bijstand, parkeren];
  assert.equal(
    casesChange([dakkapel, bijstand], next),
    'Omgevingsvergunning: dakkapel: Uw aanvraag staat nu stil. Nieuwe aanvraag: Parkeervergunning bewoners.',
  );
  assert.equal(casesChange(next, structuredClone(next)), undefined);
});

test('every Dutch text has an English counterpart', () => {
  const keys = (o: object) => Object.keys(o).sort();
  assert.deepEqual(keys(caseText.en), keys(caseText.nl));
  assert.deepEqual(keys(caseText.en.badge), keys(caseText.nl.badge));
  assert.deepEqual(keys(caseText.en.stepState), keys(caseText.nl.stepState));
});

test('kind: the backend\'s kind, else the zaaktype and the title decide; "zaak" when nothing tells', () => {
  assert.equal(caseKind({ title: 'Iets', kind: 'klacht' }), 'klacht');
  assert.equal(caseKind({ title: 'Bezwaar tegen de omgevingsvergunning' }), 'bezwaar', 'objection before permit');
  assert.equal(caseKind({ title: 'Afhandeling', caseType: 'KLACHT-ALGEMEEN' }), 'klacht');
  assert.equal(caseKind({ title: 'Losse stoeptegel', caseType: 'melding_openbare_ruimte' }), 'melding');
  assert.equal(caseKind({ title: 'Melding openbare ruimte' }), 'melding');
  assert.equal(caseKind({ title: 'Omgevingsvergunning: dakkapel' }), 'aanvraag');
  assert.equal(caseKind({ title: 'Bijzondere bijstand' }), 'aanvraag');
  assert.equal(caseKind({ title: 'Subsidie groen dak' }), 'aanvraag');
  assert.equal(caseKind({ title: 'Dossier 2026' }), 'zaak');
  assert.equal(caseKind({ title: 'Formulier', caseType: 'https://catalogi.example/zaaktypen/1234' }), 'zaak');
  // A hostile kind from an unvalidated object is not trusted.
  assert.equal(caseKind({ title: 'X', kind: 'toString' as never }), 'zaak');
});

test('kind decides the word in every sentence about the case (no "aanvraag" for a complaint)', () => {
  const klacht: CaseStatus = {
    ...dakkapel,
    title: 'Klacht over de afvalinzameling',
    kind: undefined,
    caseType: undefined,
    extended: { days: 14 },
  };
  const view = caseView(klacht, { now: at('2026-11-02T09:00:00Z') });
  assert.equal(view.kind, 'klacht');
  assert.equal(view.startedText, 'Ingediend op 5 oktober 2026');
  assert.equal(view.deadlineText, 'U hoort uiterlijk op 25 januari 2027 van ons.');
  assert.equal(view.extended?.text, 'We hebben meer tijd nodig voor uw klacht. Daarom hoort u 2 weken later van ons.');
  const all = JSON.stringify({ ...caseView({ ...klacht, closed: true, closedOn: '2026-11-20' }), steps: [] });
  assert.doesNotMatch(all, /aanvraag|aangevraagd/i);
  assert.match(all, /Uw klacht is afgerond op 20 november 2026\./);

  const melding = caseView({ ...dakkapel, kind: 'melding', suspended: { since: '2026-11-01' } }, { locale: 'en' });
  assert.match(melding.suspended!.text, /^Your report is on hold since 1 November 2026\. /);
  assert.equal(caseView({ ...dakkapel, kind: undefined, caseType: undefined, title: 'Dossier' }).word.your, 'uw zaak');
  assert.equal(caseWord('bezwaar').added, 'Nieuw bezwaar');
  assert.equal(caseChange(dakkapel, { ...dakkapel, kind: 'melding', closed: true }, 'nl'), 'Uw melding is afgerond.');
});

test('on hold and past the planned end: not "Vertraagd … We werken eraan", no expected date in the past', () => {
  // The demo bijstand case waits for the resident's bank statements; its planned end has passed.
  const view = caseView(bijstand, { now: at('2026-10-20T12:00:00Z') });
  assert.equal(view.delayed, false);
  assert.equal(view.delayedText, undefined);
  assert.equal(view.expectedText, undefined);
  assert.deepEqual(
    view.badges.map((b) => b.kind),
    ['suspended'],
  );
  assert.doesNotMatch(JSON.stringify(view), /Vertraagd|werken eraan/);
  // Resumed, the same case is late: now it says so.
  const resumed = caseView({ ...bijstand, suspended: null }, { now: at('2026-10-20T12:00:00Z') });
  assert.equal(resumed.delayed, true);
  assert.match(resumed.delayedText!, /We werken eraan\.$/);
});

test('no legal terms: no "termijn", every sentence has a verb-like word, "Uiterlijk" never starts a line', () => {
  const views = [
    caseView({ ...dakkapel, extended: { days: 42 } }, { now: at('2026-11-02T09:00:00Z') }),
    caseView(bijstand, { now: at('2026-09-20T12:00:00Z') }),
    caseView(dakkapel, { now: at('2027-02-01T12:00:00Z') }),
    caseView(parkeren),
  ];
  for (const v of views) {
    const text = JSON.stringify(v);
    assert.doesNotMatch(text, /termijn/i);
    assert.doesNotMatch(v.deadlineText ?? '', /^Uiterlijk/);
  }
  assert.doesNotMatch(caseChange(dakkapel, { ...dakkapel, extended: { days: 42 } }) ?? '', /termijn/);
});
