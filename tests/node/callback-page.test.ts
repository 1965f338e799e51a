// Every callback request carries the page it was made on (issue #12 item 6): the gateway stores
// the page of a request made directly (source "page") and of a hand-off, with the topic a case's
// zaaktype selected, and the KCC console shows them (as a link, escaped).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword } from '@dichtbij/gateway';
import { callbackBody, closeSharedStore, testGateway, type TestGateway, cookieOf } from '../support/gateway-harness.ts';

after(closeSharedStore);

const PASSWORD = 'kcc-test-wachtwoord';
let passwordHash: string;
before(async () => {
  passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
});

async function staffCookie(t: TestGateway) {
  const page = await t.request('/kcc/login');
  const loginCookie = cookieOf(page, 'dichtbij_kcc_login')!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await t.request('/kcc/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ csrf, password: PASSWORD }).toString(),
  });
  return cookieOf(res, 'dichtbij_kcc')!;
}

test('a direct request and a status-tracker hand-off: the page is stored and shown in the console', async () => {
  const t = await testGateway({ kcc: { passwordHash } });
  const direct = await t.post(
    '/v1/callback-requests',
    callbackBody({
      // A query string or fragment (which may carry personal data) is not stored.
      context: {
        source: 'page',
        page: { url: 'https://www.example.nl/afval/container?bsn=111222333#x', title: 'Container aanvragen' },
      },
    }),
  );
  assert.equal(direct.status, 201, await direct.clone().text());
  const handoff = await t.post(
    '/v1/callback-requests',
    callbackBody({
      phone: '+31301234567',
      topic: 'vergunning',
      context: {
        source: 'status-tracker',
        caseReference: 'Z-2026-0142',
        caseTitle: 'Omgevingsvergunning: dakkapel',
        caseType: 'omgevingsvergunning',
        page: { url: 'https://www.example.nl/mijn-zaken' },
      },
    }),
  );
  assert.equal(handoff.status, 201, await handoff.clone().text());
  const stored = await t.store.listCallbacks({});
  const byPage = new Map(stored.map((c) => [c.context?.page?.url, c]));
  assert.equal(byPage.get('https://www.example.nl/afval/container')?.context?.source, 'page');
  const fromCase = byPage.get('https://www.example.nl/mijn-zaken')!;
  assert.equal(fromCase.topicLabel, 'Vergunning');
  assert.equal(fromCase.context?.caseType, 'omgevingsvergunning');

  const res = await t.request('/kcc/callbacks', { headers: { cookie: await staffCookie(t) } });
  const html = await res.text();
  assert.ok(!html.includes('111222333'));
  assert.match(html, /<a href="https:\/\/www\.example\.nl\/afval\/container"[^>]*>Container aanvragen<\/a>/);
  assert.match(
    html,
    /<a href="https:\/\/www\.example\.nl\/mijn-zaken"[^>]*>https:\/\/www\.example\.nl\/mijn-zaken<\/a>/,
  );
});
