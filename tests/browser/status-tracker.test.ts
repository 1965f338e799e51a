// <dichtbij-status-tracker> in real Chromium: every state (loading, found, delayed, suspended,
// extended, closed, not found, error, unauthorized, rate limited, list), no layout shift from
// skeleton to result, keyboard use of the lookup form and the hand-off button, polling that
// announces a change once and pauses while the page is hidden, hostile text, the hand-off event,
// and axe with 0 violations in every state × every theme.
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import {
  createClient,
  DichtbijError,
  demoCases,
  gatewayAdapter,
  memoryAdapter,
  memoryStore,
  type CaseStatus,
  type DichtbijAdapter,
  type DichtbijClient,
  type MemorySeed,
} from '@dichtbij/sdk';
import '@dichtbij/components/status-tracker';
import type { DichtbijStatusTracker } from '@dichtbij/components/status-tracker';
import type { ErrorDetail, HandoffDetail } from '../../packages/components/src/shared/events.ts';
import { themeTokens } from '../../packages/themes/dist/index.js';

const ON_TIME = () => new Date('2026-11-02T09:00:00Z');
const LATE = () => new Date('2027-01-05T09:00:00Z');
const THEMES = ['voorbeeld', 'druten-wijchen', 'duiven-westervoort', 'olst-wijhe', 'west-betuwe'] as const;

const clone = <T>(v: T): T => structuredClone(v);
const dakkapel = () => clone(demoCases[0]!);
const bijstand = () => clone(demoCases[1]!);
const parkeren = () => clone(demoCases[2]!);
const extendedCase = (): { status: CaseStatus; check: string } => ({
  check: '4191 AB',
  status: {
    ...clone(demoCases[0]!.status),
    reference: 'Z-2026-0200',
    title: 'Kapvergunning',
    extended: { days: 42, reason: 'We vragen advies aan een boomdeskundige.' },
  },
});

function clientFor(seed: MemorySeed = {}): DichtbijClient & { adapter: ReturnType<typeof memoryAdapter> } {
  const adapter = memoryAdapter({ cases: [dakkapel(), bijstand(), parkeren(), extendedCase()], ...seed });
  return createClient({ adapter, outboxStore: memoryStore() }) as DichtbijClient & { adapter: typeof adapter };
}

const root = (el: Element) => el.shadowRoot!;
/** What the browser computes for a CSS colour (so '#1a4d8f' and 'rgb(26, 77, 143)' compare equal). */
function rgb(value: string): string {
  const probe = document.createElement('div');
  probe.style.color = value;
  document.body.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}
const text = (el: Element, selector = ':host') =>
  (selector === ':host' ? root(el).textContent : (root(el).querySelector(selector)?.textContent ?? ''))!
    .replace(/\s+/g, ' ')
    .trim();
const settled = (el: DichtbijStatusTracker) =>
  waitUntil(
    () => !root(el).querySelector('.skeleton') && !root(el).querySelector('[aria-busy="true"]'),
    'still loading',
    {
      timeout: 5000,
    },
  );

async function tracker(
  client: DichtbijClient | undefined,
  attrs: {
    reference?: string;
    check?: string;
    mine?: boolean;
    theme?: string;
    locale?: string;
    loginUrl?: string;
  } = {},
  clock = ON_TIME,
): Promise<DichtbijStatusTracker> {
  const errors: ErrorDetail[] = [];
  const el = await fixture<DichtbijStatusTracker>(html`
    <dichtbij-status-tracker
      @dichtbij-error=${(e: CustomEvent<ErrorDetail>) => errors.push(e.detail)}
      .client=${client}
      .clock=${clock}
      reference=${attrs.reference ?? ''}
      check=${attrs.check ?? ''}
      ?mine=${attrs.mine ?? false}
      theme=${attrs.theme ?? ''}
      locale=${attrs.locale ?? 'nl'}
      login-url=${attrs.loginUrl ?? ''}
    ></dichtbij-status-tracker>
  `);
  if (!attrs.theme) el.removeAttribute('theme');
  errorsSeen.set(el, errors);
  return el;
}
/** The dichtbij-error details an element fired (listened to from before it was connected). */
const errorsSeen = new WeakMap<Element, ErrorDetail[]>();
const errorsOf = (el: Element) => errorsSeen.get(el)!.map((e) => e.code);
const found = async (attrs: Parameters<typeof tracker>[1] = {}, clock = ON_TIME, seed: MemorySeed = {}) => {
  const el = await tracker(clientFor(seed), { reference: 'Z-2026-0142', check: '4191 AB', ...attrs }, clock);
  await settled(el);
  return el;
};

describe('<dichtbij-status-tracker>', () => {
  describe('loading', () => {
    it('shows a skeleton with aria-busy, and keeps the same block size when the status arrives', async () => {
      const el = await tracker(clientFor({ latency: 500 }), { reference: 'Z-2026-0142', check: '4191 AB' });
      const loadingHeight = el.getBoundingClientRect().height;
      const panel = root(el).querySelector('.panel')!;
      expect(panel.getAttribute('aria-busy')).to.equal('true');
      expect(root(el).querySelector('.skeleton')).to.exist; // still loading when measured
      expect(root(el).querySelector('.skeleton')!.getAttribute('aria-hidden')).to.equal('true');
      expect(text(el)).to.contain('Bezig met ophalen van de status');
      await settled(el);
      expect(root(el).querySelector('.steps')).to.exist;
      expect(root(el).querySelector('.panel')!.getAttribute('aria-busy')).to.equal('false');
      expect(loadingHeight).to.be.greaterThan(300);
      expect(Math.abs(el.getBoundingClientRect().height - loadingHeight)).to.be.at.most(2);
    });

    for (const width of [320, 480, 1000]) {
      it(`keeps the same block size at ${width}px wide too`, async () => {
        const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}px"></div>`);
        const el = document.createElement('dichtbij-status-tracker');
        el.client = clientFor({ latency: 500 });
        el.clock = ON_TIME;
        el.setAttribute('reference', 'Z-2026-0142');
        el.setAttribute('check', '4191 AB');
        wrapper.append(el);
        await el.updateComplete;
        const loadingHeight = el.getBoundingClientRect().height;
        expect(root(el).querySelector('.skeleton')).to.exist;
        await settled(el);
        expect(Math.abs(el.getBoundingClientRect().height - loadingHeight)).to.be.at.most(2);
      });
    }

    it('the skeleton is accessible', async () => {
      const el = await tracker(clientFor({ latency: 5000 }), { reference: 'Z-2026-0142', check: '4191 AB' });
      await expect(el).to.be.accessible();
    });
  });

  describe('found', () => {
    it('shows an ordered list of steps with aria-current on the current step and the state in text', async () => {
      const el = await found();
      const heading = root(el).querySelector('h2')!;
      expect(heading.textContent!.trim()).to.equal('Omgevingsvergunning: dakkapel');
      expect(text(el)).to.contain('Zaaknummer: Z-2026-0142');
      const steps = [...root(el).querySelectorAll('ol.steps > li')];
      expect(steps).to.have.length(4);
      expect(steps.map((s) => s.getAttribute('aria-current'))).to.deep.equal([null, null, 'step', null]);
      expect(steps.map((s) => s.querySelector('.step-title')!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        'Afgerond: Ontvangen',
        'Afgerond: In behandeling',
        'Beoordeling Nu bezig',
        'Nog niet gestart: Besluit',
      ]);
      // Visually hidden, but in the accessibility tree.
      const hidden = steps[0]!.querySelector('.visually-hidden')!;
      expect(hidden.getBoundingClientRect().width).to.be.at.most(1);
      expect(steps[0]!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-10-05');
      expect(steps[0]!.querySelector('time')!.textContent).to.equal('5 oktober 2026');
      expect(steps[2]!.textContent).to.contain('We toetsen uw plan aan de regels.');
      expect(text(el)).to.contain('We verwachten klaar te zijn op 14 december 2026.');
      expect(text(el)).to.contain('U krijgt uiterlijk op 25 januari 2027 ons besluit.');
      expect(text(el)).to.contain('Aangevraagd op 5 oktober 2026');
      expect(text(el)).not.to.contain('Vertraagd');
      expect(text(el)).to.contain('Heeft u vragen over uw aanvraag?');
      expect(text(el)).to.contain('U kunt ons ook bellen op 14 0345.');
      await expect(el).to.be.accessible();
    });

    it('uses the configured heading level', async () => {
      const el = await found();
      el.setAttribute('heading-level', '4');
      await el.updateComplete;
      expect(root(el).querySelector('h4')!.textContent!.trim()).to.equal('Omgevingsvergunning: dakkapel');
      expect(root(el).querySelector('h2')).to.equal(null);
      el.setAttribute('heading-level', 'nonsense');
      await el.updateComplete;
      expect(root(el).querySelector('h2')).to.exist;
    });

    it('speaks English with en-GB dates', async () => {
      const el = await found({ locale: 'en' });
      expect(text(el)).to.contain('You will get our decision by 25 January 2027 at the latest.');
      expect(text(el)).to.contain('We expect to be finished on 14 December 2026.');
      expect(root(el).querySelector('time')!.textContent).to.equal('5 October 2026');
      expect(text(el, 'ol.steps > li')).to.contain('Completed: Ontvangen');
      expect(text(el)).to.contain('Do you have questions about your application?');
      await expect(el).to.be.accessible();
    });
  });

  describe('delayed, suspended, extended, closed', () => {
    it('delayed: "Vertraagd" in text when today (Amsterdam) is past the planned date', async () => {
      const el = await found({}, LATE);
      expect(text(el, '.badges')).to.equal('Vertraagd');
      expect(text(el, '.message--warning')).to.contain('Het duurt langer dan we hadden verwacht');
      expect(text(el)).not.to.contain('We verwachten klaar te zijn');
      await expect(el).to.be.accessible();
      // The day before, in Amsterdam, it is not late yet.
      const onTheDay = await found({}, () => new Date('2026-12-14T22:30:00Z'));
      expect(text(onTheDay)).not.to.contain('Vertraagd');
    });

    it('suspended: explained in B1 with the reason', async () => {
      const el = await found({ reference: 'Z-2026-0077', check: '4001 XZ' }, () => new Date('2026-09-20T10:00:00Z'));
      expect(text(el, '.badges')).to.equal('Staat stil');
      expect(text(el)).to.contain('Uw aanvraag staat stil sinds 10 september 2026.');
      expect(text(el)).to.contain('Zolang uw aanvraag stilstaat, krijgt u ons besluit later.');
      expect(text(el)).to.contain('Reden: We wachten op uw bankafschriften.');
      await expect(el).to.be.accessible();
    });

    it('extended: explained in B1, in weeks, with the reason', async () => {
      const el = await found({ reference: 'Z-2026-0200', check: '4191 AB' });
      expect(text(el, '.badges')).to.equal('Meer tijd nodig');
      expect(text(el)).to.contain('Daarom krijgt u ons besluit 6 weken later.');
      expect(text(el)).to.contain('Reden: We vragen advies aan een boomdeskundige.');
      await expect(el).to.be.accessible();
    });

    it('closed: completed, every step done, no current step, no deadline line', async () => {
      const el = await found({ reference: 'Z-2026-0031', check: '4191 AB' });
      expect(text(el, '.badges')).to.equal('Afgerond');
      expect(text(el)).to.contain('Uw aanvraag is afgerond op 18 maart 2026.');
      expect(root(el).querySelector('[aria-current]')).to.equal(null);
      expect(root(el).querySelectorAll('.step--done')).to.have.length(3);
      expect(text(el)).not.to.contain('uiterlijk');
      await expect(el).to.be.accessible();
    });
  });

  describe('problems', () => {
    it('not found: an unknown reference and a wrong postcode give the very same message (no oracle)', async () => {
      const unknown = await tracker(clientFor(), { reference: 'Z-2099-9999', check: '4191 AB' });
      await settled(unknown);
      expect(errorsOf(unknown)).to.deep.equal(['not_found']);
      const wrong = await tracker(clientFor(), { reference: 'Z-2026-0142', check: '1234 ZZ' });
      await settled(wrong);
      const a = root(unknown)
        .querySelector('.panel')!
        .innerHTML.replace(/<!--[^>]*-->/g, '');
      const b = root(wrong)
        .querySelector('.panel')!
        .innerHTML.replace(/<!--[^>]*-->/g, '');
      expect(a).to.equal(b);
      expect(text(wrong)).to.contain('We kunnen geen zaak vinden met dit zaaknummer en deze postcode.');
      expect(text(wrong)).not.to.contain('Z-2026-0142');
      // Nothing to refresh.
      expect(root(wrong).querySelector('.actions')).to.equal(null);
      await expect(wrong).to.be.accessible();
    });

    it('a reference the backend refuses as input (400) reads as "not found" too', async () => {
      const el = await tracker(
        clientFor({
          fail: (op) => (op === 'getCase' ? new DichtbijError('validation', 'bad', { status: 400 }) : undefined),
        }),
        { reference: 'Z-2026-0142', check: '4191 AB' },
      );
      await settled(el);
      expect(text(el)).to.contain('We kunnen geen zaak vinden');
    });

    it('malformed data: "We kunnen de status nu niet tonen" with the gemeente’s phone number', async () => {
      const adapter = memoryAdapter();
      const broken: DichtbijAdapter = {
        ...adapter,
        id: 'broken',
        getConfig: (o) => adapter.getConfig(o),
        getCase: async () => ({ reference: 'Z-1', title: 'x', steps: 'not a list' }) as unknown as CaseStatus,
      };
      const el = await tracker(createClient({ adapter: broken, outboxStore: memoryStore() }), { reference: 'Z-1' });
      await settled(el);
      expect(errorsOf(el)).to.have.length(1);
      expect(errorsSeen.get(el)![0]!.message).not.to.contain('Z-1');
      expect(text(el, '.message')).to.equal('We kunnen de status nu niet tonen. Bel ons op 14 0345.');
      expect(root(el).querySelector('.steps')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('server down: the phone number; when the config fails as well, a generic line', async () => {
      const down = await tracker(
        clientFor({
          fail: (op) => (op === 'getCase' ? new DichtbijError('server', 'down', { status: 503 }) : undefined),
        }),
        { reference: 'Z-2026-0142', check: '4191 AB' },
      );
      await settled(down);
      expect(text(down, '.message')).to.equal('We kunnen de status nu niet tonen. Bel ons op 14 0345.');
      expect(root(down).querySelector('.actions button')).to.exist; // try again
      const allDown = await tracker(clientFor({ fail: () => new DichtbijError('network', 'offline') }), {
        reference: 'Z-2026-0142',
        check: '4191 AB',
      });
      await settled(allDown);
      expect(text(allDown, '.message')).to.equal(
        'We kunnen de status nu niet tonen. Probeer het later nog eens, of bel uw gemeente.',
      );
      await expect(allDown).to.be.accessible();
    });

    it('unauthorized: "Log opnieuw in" with the login-url link (http(s) only)', async () => {
      const fail = (op: string) =>
        op === 'listCases' ? new DichtbijError('unauthorized', 'no session', { status: 401 }) : undefined;
      const el = await tracker(clientFor({ fail }), { mine: true, loginUrl: '/inloggen?terug=status' });
      await settled(el);
      expect(errorsOf(el)).to.deep.equal(['unauthorized']);
      expect(text(el)).to.contain('U bent niet meer ingelogd. Log opnieuw in om uw zaken te zien.');
      const link = root(el).querySelector('a')!;
      expect(link.textContent).to.equal('Log opnieuw in');
      expect(link.getAttribute('href')).to.equal(new URL('/inloggen?terug=status', document.baseURI).href);
      await expect(el).to.be.accessible();
      const hostile = await tracker(clientFor({ fail }), { mine: true, loginUrl: 'javascript:alert(1)' });
      await settled(hostile);
      expect(root(hostile).querySelector('a')).to.equal(null);
      expect(text(hostile)).to.contain('Log opnieuw in om uw zaken te zien');
    });

    it('rate limited: says when to try again', async () => {
      const el = await tracker(
        clientFor({ fail: () => new DichtbijError('rate_limited', 'slow down', { status: 429, retryAfter: 90 }) }),
        { reference: 'Z-2026-0142', check: '4191 AB' },
      );
      await settled(el);
      expect(text(el, '.message')).to.equal('U heeft te vaak gezocht. Probeer het over 2 minuten opnieuw.');
      await expect(el).to.be.accessible();
    });

    it('hostile strings in statustekst are rendered as text', async () => {
      const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
      const c = dakkapel();
      c.status.steps[2]!.text = evil;
      c.status.title = '<b>Vet</b>';
      const el = await found({}, ON_TIME, { cases: [c] });
      await aTimeout(50);
      expect(root(el).querySelector('img, script, b')).to.equal(null);
      expect(text(el)).to.contain(evil);
      expect(root(el).querySelector('h2')!.textContent!.trim()).to.equal('<b>Vet</b>');
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    });

    it('not configured: a notice and dichtbij-error with code "config"', async () => {
      const errors: ErrorDetail[] = [];
      const el = await fixture<DichtbijStatusTracker>(html`
        <dichtbij-status-tracker
          reference="Z-2026-0142"
          @dichtbij-error=${(e: CustomEvent<ErrorDetail>) => errors.push(e.detail)}
        ></dichtbij-status-tracker>
      `);
      await el.updateComplete;
      expect(errors.map((e) => e.code)).to.deep.equal(['config']);
      expect(text(el)).to.equal('We kunnen de status van uw zaak hier nu niet tonen.');
      await expect(el).to.be.accessible();
    });
  });

  describe('Mijn zaken (mine)', () => {
    it('lists the resident’s cases under "Mijn zaken" with their state and steps', async () => {
      const el = await tracker(clientFor({ myCases: [dakkapel().status, parkeren().status] }), { mine: true });
      await settled(el);
      expect(root(el).querySelector('h2')!.textContent!.trim()).to.equal('Mijn zaken');
      const titles = [...root(el).querySelectorAll('h3')].map((h) => h.textContent!.trim());
      expect(titles).to.deep.equal(['Omgevingsvergunning: dakkapel', 'Parkeervergunning bewoners']);
      const items = [...root(el).querySelectorAll('.case-item')];
      expect(items[0]!.querySelector('.summary')!.textContent).to.equal('Nu: Beoordeling');
      // A closed case says when it was completed once (not as a summary line and again in its dates).
      expect(items[1]!.querySelector('.summary')).to.equal(null);
      expect(items[1]!.textContent!.match(/afgerond op/gi)).to.have.length(1);
      expect(items[1]!.textContent!.replace(/\s+/g, ' ')).to.contain('Uw aanvraag is afgerond op 18 maart 2026.');
      // Steps behind a native disclosure.
      const summary = items[0]!.querySelector('summary')!;
      // Repeated controls are named after their case for screen readers.
      expect(summary.textContent).to.equal('Bekijk alle stappen over Omgevingsvergunning: dakkapel');
      expect(summary.querySelector('.visually-hidden')!.textContent).to.equal(' over Omgevingsvergunning: dakkapel');
      const buttons = [...root(el).querySelectorAll('.help button')].map((b) =>
        b.textContent!.replace(/\s+/g, ' ').trim(),
      );
      expect(buttons).to.deep.equal([
        'Bel mij terug over Omgevingsvergunning: dakkapel',
        'Bel mij terug over Parkeervergunning bewoners',
      ]);
      summary.click();
      expect(items[0]!.querySelector('[aria-current="step"]')!.textContent).to.contain('Beoordeling');
      await expect(el).to.be.accessible();
    });

    it('says so when there are no cases', async () => {
      const el = await tracker(clientFor({ myCases: [] }), { mine: true });
      await settled(el);
      expect(text(el)).to.contain('U heeft op dit moment geen zaken bij ons.');
      await expect(el).to.be.accessible();
    });
  });

  describe('lookup form', () => {
    it('is used with the keyboard alone: type, Tab, type, Enter; focus moves to the result', async () => {
      const el = await tracker(clientFor());
      const reference = root(el).querySelector<HTMLInputElement>('#reference')!;
      const postcode = root(el).querySelector<HTMLInputElement>('#check')!;
      expect(postcode.getAttribute('autocomplete')).to.equal('postal-code');
      expect(root(el).querySelector('label[for="reference"]')!.textContent).to.equal('Zaaknummer');
      expect(root(el).querySelector('label[for="check"]')!.textContent).to.equal('Postcode');
      await expect(el).to.be.accessible();
      reference.focus();
      await sendKeys({ type: 'z-2026-0142' });
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement).to.equal(postcode);
      await sendKeys({ type: '4191ab' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).querySelector('.steps'), 'no result');
      await waitUntil(() => root(el).activeElement === root(el).querySelector('h3'), 'focus not on the result');
      expect(root(el).querySelector('h2')!.textContent).to.equal('Status van uw zaak');
      expect(root(el).querySelector('h3')!.textContent!.trim()).to.equal('Omgevingsvergunning: dakkapel');
      await expect(el).to.be.accessible();
    });

    it('shows inline errors, marks the fields invalid and focuses the first one', async () => {
      const client = clientFor();
      const el = await tracker(client);
      root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await waitUntil(() => root(el).activeElement?.id === 'reference', 'focus not on the first field');
      const reference = root(el).querySelector('#reference')!;
      expect(reference.getAttribute('aria-invalid')).to.equal('true');
      expect(reference.getAttribute('aria-describedby')).to.equal('reference-hint reference-error');
      expect(text(el, '#reference-error')).to.equal('Vul het zaaknummer in.');
      expect(text(el, '#check-error')).to.equal('Vul uw postcode in.');
      await expect(el).to.be.accessible();
      await sendKeys({ type: 'Z-2026-0142' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '41' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(root(el).querySelector('#reference-error')).to.equal(null);
      expect(root(el).querySelector('#reference')!.getAttribute('aria-invalid')).to.equal('false');
      expect(text(el, '#check-error')).to.equal(
        'Vul een postcode in met 4 cijfers en 2 letters, bijvoorbeeld 4191 AB.',
      );
      await waitUntil(() => root(el).activeElement?.id === 'check');
      expect(client.adapter.calls.getCase).to.equal(0);
    });

    it('a wrong postcode: the not-found message gets the focus; the form stays to try again', async () => {
      const el = await tracker(clientFor());
      root(el).querySelector<HTMLInputElement>('#reference')!.focus();
      await sendKeys({ type: 'Z-2026-0142' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '9999 ZZ' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).activeElement?.classList.contains('message'), 'focus not on the message');
      expect(text(el, '.message')).to.contain('We kunnen geen zaak vinden');
      await expect(el).to.be.accessible();
      const postcode = root(el).querySelector<HTMLInputElement>('#check')!;
      postcode.select();
      postcode.focus();
      await sendKeys({ type: '4191 AB' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).querySelector('.steps'), 'no result after correcting');
    });
  });

  describe('hand-off', () => {
    it('"Bel mij terug" (keyboard) dispatches dichtbij-handoff on document with the case', async () => {
      const el = await found();
      const button = [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Bel mij terug')!;
      button.focus();
      const event = oneEvent(document, 'dichtbij-handoff');
      await sendKeys({ press: 'Enter' });
      const { detail } = (await event) as CustomEvent<HandoffDetail>;
      expect(detail).to.deep.equal({
        to: 'callback',
        source: 'status-tracker',
        caseReference: 'Z-2026-0142',
        caseTitle: 'Omgevingsvergunning: dakkapel',
        // The zaaktype, for bel-me to find its topic; the case title is no topic.
        caseType: 'omgevingsvergunning',
      });
      el.setAttribute('topic', 'vergunning');
      await el.updateComplete;
      const second = oneEvent(el, 'dichtbij-handoff');
      await sendKeys({ press: 'Space' });
      expect(((await second) as CustomEvent<HandoffDetail>).detail.topic).to.equal('vergunning');
    });
  });

  describe('refresh and polling', () => {
    it('polling announces a change once, in a polite live region', async () => {
      const seeded = dakkapel();
      const client = clientFor({ cases: [seeded] });
      const el = await tracker(client, { reference: 'Z-2026-0142', check: '4191 AB' });
      await settled(el);
      const live = root(el).querySelector('[role="status"]')!;
      const heard: string[] = [];
      const observer = new MutationObserver(() => {
        const t = live.textContent!.trim();
        if (t) heard.push(t);
      });
      observer.observe(live, { childList: true, subtree: true, characterData: true });
      // The zaaksysteem moves on: the next fetch returns a later step.
      seeded.status = {
        ...seeded.status,
        steps: seeded.status.steps.map((s, i) =>
          i === 2 ? { ...s, state: 'done', completedAt: '2026-11-02' } : i === 3 ? { ...s, state: 'current' } : s,
        ),
      };
      el.poll = 1;
      await waitUntil(() => client.adapter.calls.getCase >= 4, 'polling stopped', { timeout: 6000 });
      await aTimeout(200);
      observer.disconnect();
      expect(heard).to.deep.equal(['Uw aanvraag is nu bij de stap: Besluit.']);
      expect(root(el).querySelector('[aria-current="step"]')!.textContent).to.contain('Besluit');
      el.poll = 0;
    });

    it('pauses polling while the page is hidden, and catches up when it is shown again', async () => {
      const client = clientFor();
      const el = await tracker(client, { reference: 'Z-2026-0142', check: '4191 AB' });
      await settled(el);
      const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
      let state: DocumentVisibilityState = 'hidden';
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      try {
        document.dispatchEvent(new Event('visibilitychange'));
        el.poll = 1;
        await el.updateComplete;
        const before = client.adapter.calls.getCase;
        await aTimeout(2500);
        expect(client.adapter.calls.getCase).to.equal(before);
        state = 'visible';
        document.dispatchEvent(new Event('visibilitychange'));
        await waitUntil(() => client.adapter.calls.getCase > before, 'did not resume', { timeout: 3000 });
      } finally {
        el.poll = 0;
        delete (document as { visibilityState?: unknown }).visibilityState;
        Object.defineProperty(Document.prototype, 'visibilityState', visibility);
      }
    });

    it('stops polling a closed case, and when the element leaves the page', async () => {
      const client = clientFor();
      const closed = await tracker(client, { reference: 'Z-2026-0031', check: '4191 AB' });
      closed.poll = 1;
      await settled(closed);
      await aTimeout(1500);
      expect(client.adapter.calls.getCase).to.equal(1);

      const other = clientFor();
      const open = await tracker(other, { reference: 'Z-2026-0142', check: '4191 AB' });
      open.poll = 1;
      await settled(open);
      open.remove();
      const calls = other.adapter.calls.getCase;
      await aTimeout(1500);
      expect(other.adapter.calls.getCase).to.equal(calls);
    });

    it('the refresh button keeps the status on screen; a failed refresh says so and keeps it', async () => {
      let down = false;
      const client = clientFor({
        fail: (op) => (down && op === 'getCase' ? new DichtbijError('server', 'x') : undefined),
      });
      const el = await tracker(client, { reference: 'Z-2026-0142', check: '4191 AB' });
      await settled(el);
      const live = root(el).querySelector('[role="status"]')!;
      const refresh = root(el).querySelector<HTMLButtonElement>('.actions button')!;
      expect(refresh.textContent!.trim()).to.equal('Vernieuw de status');
      refresh.click();
      await waitUntil(() => live.textContent!.includes('Er is niets veranderd'), 'no confirmation');
      down = true;
      refresh.click();
      await waitUntil(() => text(el, '.actions').includes('Vernieuwen lukte niet'), 'no notice');
      expect(root(el).querySelector('.steps')).to.exist;
      expect(client.adapter.calls.getCase).to.equal(3);
      // A refresh that keeps failing reports the problem once, not on every attempt.
      refresh.click();
      await waitUntil(() => client.adapter.calls.getCase === 4 && !el.shadowRoot!.querySelector('[aria-busy="true"]'));
      expect(errorsOf(el)).to.deep.equal(['server']);
      await expect(el).to.be.accessible();
    });
  });

  describe('every state × every theme: axe 0 violations', () => {
    const states: [string, () => Promise<DichtbijStatusTracker>][] = [
      ['form', () => tracker(clientFor())],
      ['loading', () => tracker(clientFor({ latency: 5000 }), { reference: 'Z-2026-0142', check: '4191 AB' })],
      ['found', () => found()],
      ['delayed', () => found({}, LATE)],
      ['suspended', () => found({ reference: 'Z-2026-0077', check: '4001 XZ' })],
      ['extended', () => found({ reference: 'Z-2026-0200', check: '4191 AB' })],
      ['closed', () => found({ reference: 'Z-2026-0031', check: '4191 AB' })],
      ['not found', () => found({ reference: 'Z-2099-0001', check: '4191 AB' })],
      [
        'error',
        () =>
          found({}, ON_TIME, {
            fail: (op) => (op === 'getCase' ? new DichtbijError('validation', 'malformed') : undefined),
          }),
      ],
      [
        'unauthorized',
        async () => {
          const el = await tracker(clientFor({ fail: () => new DichtbijError('unauthorized', 'x', { status: 403 }) }), {
            mine: true,
            loginUrl: '/login',
          });
          await settled(el);
          return el;
        },
      ],
      [
        'list',
        async () => {
          const el = await tracker(clientFor({ myCases: [dakkapel().status, bijstand().status, parkeren().status] }), {
            mine: true,
          });
          await settled(el);
          return el;
        },
      ],
    ];
    for (const theme of THEMES) {
      it(`theme ${theme}`, async () => {
        for (const [name, make] of states) {
          const el = await make();
          const sheets = root(el).adoptedStyleSheets.length;
          el.setAttribute('theme', theme);
          await el.updateComplete;
          await waitUntil(() => root(el).adoptedStyleSheets.length === sheets + 1, `${theme} not applied`);
          if (name === 'found') {
            // The theme's own step colours reach the markers.
            const tokens = themeTokens(theme) as Record<string, string>;
            const current = getComputedStyle(root(el).querySelector('.step--current .marker')!);
            expect(current.backgroundColor).to.equal(
              rgb(tokens['--dichtbij-status-tracker-step-current-background-color']!),
            );
            const done = getComputedStyle(root(el).querySelector('.step--done .marker')!);
            expect(done.color).to.equal(rgb(tokens['--dichtbij-status-tracker-step-done-color']!));
          }
          try {
            await expect(el).to.be.accessible();
          } catch (error) {
            throw new Error(`${name} in ${theme}: ${(error as Error).message}`);
          }
        }
      });
    }
  });

  describe('e2e on the real gateway with the seeded demo cases', () => {
    let baseUrl: string | undefined;
    before(async function () {
      this.timeout(60_000); // the first start compiles the gateway
      ({ baseUrl } = (await executeServerCommand('dichtbij-gateway')) as { baseUrl: string });
    });

    it('finds Z-2026-0142 with its postcode, and says "not found" for a wrong postcode', async () => {
      const client = createClient({ adapter: gatewayAdapter({ baseUrl: baseUrl! }), outboxStore: memoryStore() });
      const el = await tracker(client, { reference: 'Z-2026-0142', check: '4191 AB' });
      await settled(el);
      expect(root(el).querySelectorAll('ol.steps > li').length).to.be.greaterThan(0);
      expect(root(el).querySelector('h2')!.textContent!.trim()).to.equal('Omgevingsvergunning: dakkapel');
      expect(root(el).querySelector('[aria-current="step"]')).to.exist;
      await expect(el).to.be.accessible();
      const wrong = await tracker(client, { reference: 'Z-2026-0142', check: '1111 AA' });
      await settled(wrong);
      expect(text(wrong)).to.contain('We kunnen geen zaak vinden');
      const unknown = await tracker(client, { reference: 'Z-2099-0001', check: '4191 AB' });
      await settled(unknown);
      expect(text(unknown, '.message')).to.equal(text(wrong, '.message'));
    });

    it('"Mijn zaken" without a login: the gateway says 401 and the element asks to log in again', async () => {
      const client = createClient({ adapter: gatewayAdapter({ baseUrl: baseUrl! }), outboxStore: memoryStore() });
      const el = await tracker(client, { mine: true, loginUrl: `${baseUrl}/demo/` });
      await settled(el);
      expect(errorsOf(el)).to.deep.equal(['unauthorized']);
      expect(text(el)).to.contain('Log opnieuw in om uw zaken te zien');
      await expect(el).to.be.accessible();
    });
  });
});
