// End to end with the Klantinteracties connector on: a resident asks for a callback with
// <dichtbij-bel-me> on the demo page (headless Chromium, strict CSP), the real gateway stores it
// and files it the way KISS does — klantcontact → betrokkene → digitaal adres → interne taak
// "Terugbellen" (te_verwerken) — against a Prism mock of the official Klantinteracties API 0.9.0
// spec (Open Klant 2.18), which refuses any request that breaks the spec. The KCC console shows
// the sync state. When Open Klant is down the resident still gets a reference, the request is
// kept as "Doorzetten mislukt", and the retry job files it once Open Klant is back.
//
// The gateway's clock and the resident's browser clock are both fixed at a Tuesday 10:00
// (Amsterdam, open); the retry job is run by hand after moving the gateway's clock past the
// backoff (jobs: false, as in the node tests).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser } from 'playwright-core';
import { hashPassword, localhostOrigins, startGateway, type RunningGateway } from '@dichtbij/gateway';
import { dichtbijMarker, klantinteractiesSink } from '../../packages/gateway/src/connectors/klantinteracties.ts';
import { captureLogger, PGLITE_IMAGE_CACHE, TestClock, TUESDAY_10 } from '../support/gateway-harness.ts';
import { specPath, startPrism, type PrismServer } from '../support/prism.ts';
import { startTcpForwarder, type TcpForwarder } from '../support/tcp-forwarder.ts';
import { CHROMIUM_ARGS } from '../support/chromium.mjs';

const SPEC = specPath('klantinteracties-api-0.9.0.openklant-2.18.0.openapi.yaml');
const PASSWORD = 'e2e-kcc-wachtwoord';
const TOKEN = 'e2e-klantinteracties-token';
/** The KCC team the interne taak is assigned to. */
const ACTOR = '559dff5e-1733-4abf-bd62-724181e98113';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const chromiumArgs = CHROMIUM_ARGS;

interface Call {
  method: string;
  path: string;
  /** 0 when the request did not get an answer (network error). */
  status: number;
  auth: string | null;
  body: Record<string, unknown> | undefined;
  answer: Record<string, unknown> | undefined;
}
/** The sink's fetch: goes to the network as usual and notes what was sent and answered. */
function recordingFetch(calls: Call[]): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      status: 0,
      auth: new Headers(init?.headers).get('authorization'),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
      answer: undefined,
    };
    calls.push(call);
    const response = await fetch(input, init);
    call.status = response.status;
    call.answer = (await response
      .clone()
      .json()
      .catch(() => undefined)) as Record<string, unknown> | undefined;
    return response;
  };
}
const summary = (calls: Call[]) => calls.map((c) => `${c.method} ${c.path} ${c.status}`);
const CHAIN = [
  'GET /klantcontacten 200',
  'POST /klantcontacten 201',
  'POST /betrokkenen 201',
  'POST /digitaleadressen 201',
  'POST /internetaken 201',
];

let prism: PrismServer;
/** Prism after the outage (a new process on a new port, behind the same forwarder). */
let prismAgain: PrismServer | undefined;
/** Open Klant's address as the gateway knows it: stays the same while Prism is stopped and started. */
let openKlant: TcpForwarder;
let running: RunningGateway;
let browser: Browser;
const clock = new TestClock(TUESDAY_10);
const logger = captureLogger();
const calls: Call[] = [];

before(async () => {
  prism = await startPrism({ spec: SPEC });
  openKlant = await startTcpForwarder(prism.url);
  running = await startGateway({
    demo: true,
    clock,
    logger,
    jobs: false,
    pgliteImageCache: PGLITE_IMAGE_CACHE,
    corsOrigins: localhostOrigins,
    kcc: { passwordHash: await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }) },
    callbackSink: klantinteractiesSink(
      {
        KLANTINTERACTIES_API_URL: openKlant.url,
        KLANTINTERACTIES_TOKEN: TOKEN,
        KLANTINTERACTIES_ACTOR: ACTOR,
      },
      { fetch: recordingFetch(calls) },
    ),
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
});
after(async () => {
  // Each step on its own, so one failing does not leave the others running.
  await browser?.close().catch(() => undefined);
  await running?.close().catch(() => undefined);
  await openKlant?.close().catch(() => undefined);
  await prism?.stop().catch(() => undefined);
  await prismAgain?.stop().catch(() => undefined);
});

/** A resident on the demo page opens <dichtbij-bel-me>, fills it in and sends it. */
async function askForCallback(input: { phone: string; name: string; question: string }) {
  const context = await browser.newContext();
  await context.clock.setFixedTime(new Date(TUESDAY_10));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // The browser's own /favicon.ico request (the demo page links none) is not the page's doing.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
      problems.push(`${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  try {
    await page.goto(`${running.baseUrl}/demo/`);
    const belMe = page.locator('dichtbij-bel-me');
    await belMe.getByRole('button', { name: 'Bel mij terug' }).click();
    await belMe.locator('#phone').fill(input.phone);
    await belMe.locator('#name').fill(input.name);
    await belMe.locator('#question').fill(input.question);
    await belMe.locator('[part="submit"]').click();
    const confirmation = belMe.locator('[part="confirmation"]');
    await confirmation.waitFor();
    const reference = (await confirmation.locator('.reference').innerText()).trim();
    return { reference, text: await confirmation.innerText(), problems };
  } finally {
    await context.close();
  }
}

/** A KCC agent logs in at /kcc and reads the card of one callback request. */
async function kccCard(reference: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${running.baseUrl}/kcc`);
    await page.fill('#password', PASSWORD);
    await page.press('#password', 'Enter');
    await page.waitForURL(/\/kcc\/callbacks$/);
    const card = page.locator('article.card', { hasText: reference });
    await card.waitFor();
    const warning = page.locator('main p.warning');
    return {
      card: await card.innerText(),
      sync: await card.locator('.sync').innerText(),
      warning: (await warning.count()) ? await warning.innerText() : '',
    };
  } finally {
    await context.close();
  }
}

/**
 * Resolves once nothing listens at `url` any more. PrismServer.stop() returns when its shell
 * guard has exited, which can be a few ms before Prism itself has let go of the port.
 */
async function untilRefused(url: string) {
  const { hostname: host, port } = new URL(url);
  const accepts = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host, port: Number(port) });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  for (let i = 0; await accepts(); i++) {
    if (i > 200) throw new Error(`${url} still accepts connections`);
    await sleep(25);
  }
}

async function stored(reference: string) {
  const found = (await running.store.recentCallbacks(50)).find((c) => c.reference === reference);
  assert.ok(found, `callback ${reference} is stored`);
  return found;
}

describe('<dichtbij-bel-me> → gateway → Klantinteracties (Prism) → KCC console', () => {
  test('a callback request is stored and filed as the KISS-style chain, and /kcc shows it as "Doorgezet"', async () => {
    const question = 'Mijn paspoort verloopt volgende week. Kan ik nog op vakantie?';
    const resident = await askForCallback({ phone: '06 12345678', name: 'Maria van den Berg', question });
    assert.match(resident.reference, /^TB-[0-9A-Z]+$/);
    assert.match(resident.text, /We bellen u vandaag terug, voor 17:00/);
    assert.deepEqual(resident.problems, [], 'no CSP violations or page errors');

    // Stored by the gateway, with the number normalised to E.164.
    const sync = running.gateway.callbackSync!;
    await sync.idle(); // the gateway kicked the sync job when it stored the request
    const callback = await stored(resident.reference);
    assert.equal(callback.phone, '+31612345678');
    assert.equal(callback.topic, 'paspoort-id');
    assert.equal(callback.question, question);
    assert.deepEqual(callback.expected, { kind: 'today', before: '17:00' });

    // Filed with Open Klant: every request accepted by Prism (2xx) and none broke the spec.
    assert.deepEqual(summary(calls), CHAIN);
    assert.ok(calls.every((c) => c.auth === `Token ${TOKEN}`));
    await prism.flush();
    assert.deepEqual(prism.requestViolations(), [], 'Prism found nothing wrong with any request');

    const [, klantcontact, betrokkene, adres, taak] = calls;
    const id = (c: Call | undefined) => c!.answer!.uuid as string;
    assert.match(id(klantcontact), UUID);
    assert.equal(klantcontact!.body!.kanaal, 'website');
    assert.equal(klantcontact!.body!.onderwerp, 'Paspoort of ID-kaart');
    assert.equal(klantcontact!.body!.taal, 'nld');
    assert.equal(klantcontact!.body!.vertrouwelijk, true);
    assert.equal(klantcontact!.body!.indicatieContactGelukt, false);
    assert.equal(klantcontact!.body!.plaatsgevondenOp, callback.receivedAt.toISOString());
    const inhoud = klantcontact!.body!.inhoud as string;
    assert.ok(inhoud.startsWith(question), 'the question comes first');
    assert.match(inhoud, /toegezegd: vandaag vóór 17:00/);
    assert.ok(inhoud.endsWith(dichtbijMarker(resident.reference)), 'the reference marker comes last');

    assert.deepEqual(betrokkene!.body, {
      wasPartij: null,
      hadKlantcontact: { uuid: id(klantcontact) },
      contactnaam: { voornaam: 'Maria', voorvoegselAchternaam: 'van den', achternaam: 'Berg' },
      rol: 'klant',
      initiator: true,
    });
    assert.equal(adres!.body!.adres, '+31612345678');
    assert.equal(adres!.body!.soortDigitaalAdres, 'telefoonnummer');
    assert.deepEqual(adres!.body!.verstrektDoorBetrokkene, { uuid: id(betrokkene) });

    assert.equal(taak!.body!.gevraagdeHandeling, 'Terugbellen');
    assert.equal(taak!.body!.status, 'te_verwerken');
    assert.deepEqual(taak!.body!.aanleidinggevendKlantcontact, { uuid: id(klantcontact) });
    assert.deepEqual(taak!.body!.toegewezenAanActoren, [{ uuid: ACTOR }]);
    assert.match(taak!.body!.toelichting as string, new RegExp(`Terugbelverzoek ${resident.reference}`));

    // The gateway keeps the interne taak's uuid as the external id.
    const synced = await stored(resident.reference);
    assert.equal(synced.syncStatus, 'synced');
    assert.equal(synced.syncTarget, 'klantinteracties');
    assert.equal(synced.syncExternalId, id(taak));
    assert.equal(synced.syncAttempts, 1);

    const kcc = await kccCard(resident.reference);
    assert.match(kcc.card, /Paspoort of ID-kaart/);
    assert.match(kcc.card, /Mijn paspoort verloopt volgende week/);
    assert.match(kcc.sync, new RegExp(`^Doorgezet \\(klantinteracties\\): kenmerk ${id(taak)}`));
    assert.equal(kcc.warning, '');
  });

  test('with Open Klant down the resident still gets a reference; the request is kept as failed and filed by the retry job once it is back', async () => {
    calls.length = 0;
    await prism.stop();
    await untilRefused(prism.url);

    const question = 'Wanneer kan ik mijn ID-kaart ophalen?';
    const resident = await askForCallback({ phone: '+31 6 8765 4321', name: 'Ahmed El Amrani', question });
    assert.match(resident.reference, /^TB-[0-9A-Z]+$/);
    assert.deepEqual(resident.problems, []);

    const sync = running.gateway.callbackSync!;
    await sync.idle();
    assert.deepEqual(summary(calls), ['GET /klantcontacten 0'], 'the first call found nobody home');
    const failed = await stored(resident.reference);
    assert.equal(failed.phone, '+31687654321');
    assert.equal(failed.question, question);
    assert.equal(failed.syncStatus, 'sync_failed');
    assert.equal(failed.syncAttempts, 1);
    assert.match(failed.syncError ?? '', /not reachable/);
    assert.equal(failed.syncNextAt?.getTime(), clock.now().getTime() + sync.delayAfter(1));

    const down = await kccCard(resident.reference);
    assert.match(down.sync, /Doorzetten mislukt \(klantinteracties\)\. Pogingen: 1\./);
    assert.match(down.sync, /Volgende poging:/);
    assert.match(down.sync, /Reden: .*not reachable/);
    assert.match(down.warning, /1 verzoek is niet doorgezet naar het klantcontactsysteem/);

    // Open Klant comes back (a new Prism behind the same address). Before the backoff is over
    // the job leaves the request alone; after it, the job files it, once.
    prismAgain = await startPrism({ spec: SPEC });
    openKlant.setTarget(prismAgain.url);
    calls.length = 0;
    assert.deepEqual(await sync.runDue(), { synced: 0, failed: 0 }, 'not due yet');
    assert.equal(calls.length, 0, 'no request to Open Klant');

    clock.advance(sync.delayAfter(1));
    assert.deepEqual(await sync.runDue(), { synced: 1, failed: 0 });
    assert.deepEqual(summary(calls), CHAIN);
    await prismAgain.flush();
    assert.deepEqual(prismAgain.requestViolations(), []);
    const [, klantcontact, , , taak] = calls;
    assert.ok((klantcontact!.body!.inhoud as string).startsWith(question));
    assert.ok((klantcontact!.body!.inhoud as string).endsWith(dichtbijMarker(resident.reference)));
    assert.equal(klantcontact!.body!.plaatsgevondenOp, failed.receivedAt.toISOString(), 'when the resident asked');
    assert.equal(taak!.body!.status, 'te_verwerken');

    const filed = await stored(resident.reference);
    assert.equal(filed.syncStatus, 'synced');
    assert.equal(filed.syncAttempts, 2);
    assert.equal(filed.syncError, null);
    assert.equal(filed.syncExternalId, taak!.answer!.uuid);
    assert.deepEqual(await sync.runDue(), { synced: 0, failed: 0 }, 'nothing left to file');

    const back = await kccCard(resident.reference);
    assert.match(back.sync, /^Doorgezet \(klantinteracties\): kenmerk /);
    assert.equal(back.warning, '');

    // The logs say what happened without the resident's data.
    assert.ok(logger.lines.some((l) => l.event === 'callback.sync_failed'));
    const logs = logger.text();
    for (const secret of ['612345678', '687654321', 'Maria', 'Ahmed', 'paspoort verloopt', 'ID-kaart ophalen', TOKEN])
      assert.ok(!logs.includes(secret), `no "${secret}" in the logs`);
  });
});
