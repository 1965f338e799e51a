// The KCC console holds its ground: the login limit counts only FAILED logins, per address and
// per account; every query parameter is validated (400 page, never a 500, never a prototype
// lookup); the queue is paged and searchable, with the count and the shown range, so every open
// request can be reached.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword } from '@dichtbij/gateway';
import {
  callbackBody,
  closeSharedStore,
  NO_LIMITS,
  testGateway,
  type TestGateway,
  passwordLogin,
} from '../support/gateway-harness.ts';

after(closeSharedStore);

const PASSWORD = 'kcc-test-wachtwoord';
let passwordHash: string;
before(async () => {
  passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
});

const form = (data: Record<string, string>) => new URLSearchParams(data).toString();

/** A login from `ip` (behind one trusted proxy, so X-Forwarded-For names the address). */
const login = (t: TestGateway, password: string, ip: string) => passwordLogin(t, password, { 'x-forwarded-for': ip });

describe('staff login limit: failed logins per address and per account', () => {
  test('11 colleagues behind the town hall’s one address all log in (successes never count)', async () => {
    const t = await testGateway({
      kcc: { passwordHash },
      trustProxy: 1,
      limits: { ...NO_LIMITS, loginPerIp: { limit: 10, windowMs: 900_000 } },
    });
    for (let i = 1; i <= 11; i++) {
      const { res, cookie } = await login(t, PASSWORD, '198.51.100.10');
      assert.equal(res.status, 303, `colleague ${i}`);
      assert.ok(cookie);
    }
    // One colleague mistyping a few times does not lock the others out.
    assert.equal((await login(t, 'tikfout-wachtwoord', '198.51.100.10')).res.status, 401);
    assert.equal((await login(t, PASSWORD, '198.51.100.10')).res.status, 303);
  });

  test('guesses from one address are stopped there (the right password too), other addresses still log in', async () => {
    const t = await testGateway({
      kcc: { passwordHash },
      trustProxy: 1,
      limits: { ...NO_LIMITS, loginPerIp: { limit: 3, windowMs: 900_000 } },
    });
    for (let i = 0; i < 3; i++) assert.equal((await login(t, `gok-${i}-wachtwoord`, '203.0.113.66')).res.status, 401);
    const locked = await login(t, PASSWORD, '203.0.113.66');
    assert.equal(locked.res.status, 429);
    assert.equal(locked.cookie, undefined);
    assert.ok(Number(locked.res.headers.get('retry-after')) > 0);
    assert.match(await locked.res.text(), /Te veel mislukte pogingen/);
    // A forged X-Forwarded-For in front changes nothing.
    assert.equal((await login(t, PASSWORD, '10.0.0.1, 203.0.113.66')).res.status, 429);
    assert.equal((await login(t, PASSWORD, '198.51.100.10')).res.status, 303);
  });

  test('guesses spread over addresses at one account are stopped per account, until the window ends', async () => {
    const t = await testGateway({
      kcc: { passwordHash },
      trustProxy: 1,
      limits: {
        ...NO_LIMITS,
        loginPerIp: { limit: 100, windowMs: 900_000 },
        loginPerAccount: { limit: 4, windowMs: 900_000 },
      },
    });
    for (let i = 1; i <= 4; i++) assert.equal((await login(t, `gok-${i}-wachtwoord`, `192.0.2.${i}`)).res.status, 401);
    const fifth = await login(t, `gok-5-wachtwoord`, '192.0.2.5');
    assert.equal(fifth.res.status, 429, 'a fresh address gets no fresh guesses');
    assert.ok(Number(fifth.res.headers.get('retry-after')) > 0);
    t.clock.advance(900_000);
    assert.equal((await login(t, PASSWORD, '192.0.2.6')).res.status, 303);
  });

  test('spread guesses do not lock out an address that logged in before (the team keeps working)', async () => {
    const t = await testGateway({
      kcc: { passwordHash },
      trustProxy: 1,
      limits: {
        ...NO_LIMITS,
        loginPerIp: { limit: 3, windowMs: 900_000 },
        loginPerAccount: { limit: 4, windowMs: 900_000 },
      },
    });
    const townHall = '198.51.100.20';
    assert.equal((await login(t, PASSWORD, townHall)).res.status, 303);
    t.clock.advance(60 * 60_000);
    for (let i = 1; i <= 4; i++) assert.equal((await login(t, `gok-${i}-wachtwoord`, `192.0.2.${i}`)).res.status, 401);
    assert.equal((await login(t, PASSWORD, '192.0.2.50')).res.status, 429, 'an unknown address is held by the lock');
    assert.equal((await login(t, PASSWORD, townHall)).res.status, 303, 'the known address logs in');
    // A known address still has its own per-address limit: it cannot be used to guess.
    for (let i = 0; i < 3; i++) assert.equal((await login(t, `fout-${i}-wachtwoord`, townHall)).res.status, 401);
    assert.equal((await login(t, PASSWORD, townHall)).res.status, 429);
    // Known for 30 days, not forever.
    t.clock.advance(31 * 24 * 60 * 60_000);
    for (let i = 1; i <= 4; i++) assert.equal((await login(t, `gok-${i}-wachtwoord`, `192.0.2.${i}`)).res.status, 401);
    assert.equal((await login(t, PASSWORD, townHall)).res.status, 429);
  });
});

/** A logged-in console (trustProxy off: app.request has one address for all). */
async function consoleFor(t: TestGateway) {
  const { cookie } = await login(t, PASSWORD, '198.51.100.1');
  assert.ok(cookie);
  return (path: string) => t.request(path, { headers: { cookie: cookie! } });
}

describe('console query parameters', () => {
  test('hostile values get a 400 page in the console’s style, never a 500 or a prototype property', async () => {
    const t = await testGateway({ kcc: { passwordHash }, trustProxy: 1 });
    const get = await consoleFor(t);
    const hostile = [
      '%00',
      'a%00b',
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      '%ED%A0%80',
      '%FF',
      '%',
      '-1',
      '0',
      '1e3',
      '9999999',
      'x'.repeat(3000),
    ];
    const routes = [
      ['/kcc/callbacks', ['status', 'done', 'page', 'q']],
      ['/kcc/feedback', ['weeks', 'channel', 'page']],
    ] as const;
    // Free text (the search, a page address) may be any text without control characters.
    const isText = (path: string, name: string) => name === 'q' || (path === '/kcc/feedback' && name === 'page');
    const mustRefuse = (path: string, name: string, value: string) =>
      !isText(path, name) || value.includes('%00') || value.length > 2048;
    let bad = 0;
    for (const [path, params] of routes) {
      for (const name of params) {
        for (const value of hostile) {
          const res = await get(`${path}?${name}=${value}`);
          const text = await res.text();
          assert.ok(res.status === 200 || res.status === 400, `${path}?${name}=${value.slice(0, 20)} → ${res.status}`);
          assert.doesNotMatch(text, /native code|function Object|\[object Object\]/);
          if (mustRefuse(path, name, value)) assert.equal(res.status, 400, `${path}?${name}=${value.slice(0, 20)}`);
          if (res.status === 400) {
            bad++;
            assert.match(res.headers.get('content-type') ?? '', /text\/html/);
            assert.match(text, /<h1>Dit adres klopt niet<\/h1>/);
            assert.match(text, new RegExp(`<code>${name}</code>`));
            assert.match(text, /<link rel="stylesheet" href="\/kcc\/assets\/kcc.css"/);
          }
        }
      }
    }
    assert.equal(bad, 5 * hostile.length + 2 * 3, 'every enum and number; text with NUL or too long');
    // The cases the issue names.
    assert.equal((await get('/kcc/feedback?page=%00')).status, 400);
    const proto = await get('/kcc/callbacks?done=constructor');
    assert.equal(proto.status, 400);
    assert.doesNotMatch(await proto.text(), /Status gewijzigd/);
    // Valid values still work; a valid notice shows.
    assert.match(await (await get('/kcc/callbacks?done=called')).text(), /Status gewijzigd in “Gebeld”/);
    assert.equal((await get('/kcc/feedback?weeks=4&channel=telefoon')).status, 200);
    assert.equal((await get('/kcc/feedback?page=https%3A%2F%2Fwww.gemeente.nl%2Fafval')).status, 200);
    assert.equal((await get('/kcc/callbacks?status=all&page=1&q=TB')).status, 200);
    assert.equal((await get('/kcc/callbacks?status=&q=')).status, 200, 'empty values are left out');
  });

  test('a status form with a prototype name or an odd back address is refused or sent home', async () => {
    const t = await testGateway({ kcc: { passwordHash }, trustProxy: 1 });
    const receipt = (await (await t.post('/v1/callback-requests', callbackBody())).json()) as { id: string };
    const { cookie } = await login(t, PASSWORD, '198.51.100.1');
    const page = await (await t.request('/kcc/callbacks', { headers: { cookie: cookie! } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const post = (body: Record<string, string>) =>
      t.request(`/kcc/callbacks/${receipt.id}/status`, {
        method: 'POST',
        headers: { cookie: cookie!, 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ csrf, ...body }),
      });
    assert.equal((await post({ status: 'constructor' })).status, 400);
    assert.equal((await post({ status: '__proto__' })).status, 400);
    const back = async (value: string) => (await post({ status: 'called', back: value })).headers.get('location');
    assert.equal(
      await back('/kcc/callbacks?status=new&page=2&q=TB-7'),
      '/kcc/callbacks?status=new&q=TB-7&page=2&done=called',
    );
    assert.equal(await back('/kcc/callbacks?status=constructor'), '/kcc/callbacks?done=called');
    assert.equal(await back('/kcc/callbacks/../../evil'), '/kcc/callbacks?done=called');
    assert.equal(await back('//evil.example/kcc/callbacks'), '/kcc/callbacks?done=called');
  });
});

describe('the queue, paged and searchable', () => {
  const TOPICS = ['paspoort-id', 'verhuizen', 'afval', 'vergunning'];

  test('244 open requests: count and range shown, every one reachable through the pages', async () => {
    const t = await testGateway({ kcc: { passwordHash }, trustProxy: 1 });
    const references: string[] = [];
    for (let i = 0; i < 244; i++) {
      const res = await t.post(
        '/v1/callback-requests',
        callbackBody({ phone: `+3161234${String(i).padStart(4, '0')}`, topic: TOPICS[i % TOPICS.length] }),
      );
      assert.equal(res.status, 201);
      references.push(((await res.json()) as { reference: string }).reference);
      t.clock.advance(1_000);
    }
    const get = await consoleFor(t);

    const seen: string[] = [];
    let path: string | undefined = '/kcc/callbacks';
    let pages = 0;
    while (path) {
      const res = await get(path);
      assert.equal(res.status, 200);
      const text = await res.text();
      pages++;
      const first = (pages - 1) * 50 + 1;
      const last = Math.min(244, pages * 50);
      assert.match(text, new RegExp(`Open: ${first}–${last} van 244`), `page ${pages} states its range`);
      assert.match(text, new RegExp(`Pagina ${pages} van 5`));
      const onPage = [...text.matchAll(/<span class="ref">([^<]+)<\/span>/g)].map((m) => m[1]!);
      assert.equal(onPage.length, last - first + 1);
      seen.push(...onPage);
      if (pages > 1) assert.match(text, /<a href="[^"]*" rel="prev"/);
      else assert.match(text, /<span class="muted">Vorige<\/span>/);
      path = /<a href="([^"]+)" rel="next"/.exec(text)?.[1]?.replaceAll('&amp;', '&');
    }
    assert.equal(pages, 5);
    assert.deepEqual(seen, references, 'every open request, oldest first, none twice');
    assert.match(await (await get('/kcc/callbacks')).text(), /Open <span class="count">\(244\)<\/span>/);
    // A page past the end shows the last page.
    assert.match(await (await get('/kcc/callbacks?page=99')).text(), /201–244 van 244/);
  });

  test('search by reference, phone number (any notation) and topic, across pages, with a GET form', async () => {
    const t = await testGateway({ kcc: { passwordHash }, trustProxy: 1 });
    const references: string[] = [];
    for (let i = 0; i < 120; i++) {
      const res = await t.post(
        '/v1/callback-requests',
        callbackBody({ phone: `+3161234${String(i).padStart(4, '0')}`, topic: TOPICS[i % TOPICS.length] }),
      );
      references.push(((await res.json()) as { reference: string }).reference);
    }
    const get = await consoleFor(t);
    const refsOf = (text: string) => [...text.matchAll(/<span class="ref">([^<]+)<\/span>/g)].map((m) => m[1]!);

    const start = await (await get('/kcc/callbacks')).text();
    assert.match(start, /<form method="get" action="\/kcc\/callbacks" class="search" role="search"/);
    assert.match(start, /<label for="queue-search">Zoek op kenmerk, telefoonnummer of onderwerp<\/label>/);

    const byRef = await (await get(`/kcc/callbacks?q=${references[77]!.toLowerCase()}`)).text();
    assert.deepEqual(refsOf(byRef), [references[77]]);
    assert.match(byRef, new RegExp(`zoekresultaten voor “${references[77]!.toLowerCase()}”: 1–1 van 1`));
    assert.match(byRef, /Zoekopdracht wissen/);

    for (const notation of ['06-1234 0042', '+31 6 12340042', '0031612340042']) {
      const text = await (await get(`/kcc/callbacks?q=${encodeURIComponent(notation)}`)).text();
      assert.deepEqual(refsOf(text), [references[42]], notation);
    }

    // 30 of 120 are about "afval" (label "Afval"): two pages of results.
    const afval = await (await get('/kcc/callbacks?q=Afval')).text();
    assert.match(afval, /1–30 van 30/);
    const wide = await (await get('/kcc/callbacks?q=1234')).text(); // all 120 phone numbers
    assert.match(wide, /1–50 van 120/);
    const next = /<a href="([^"]+)" rel="next"/.exec(wide)![1]!.replaceAll('&amp;', '&');
    assert.equal(next, '/kcc/callbacks?status=open&q=1234&page=2', 'the search stays on the next page');
    assert.match(await (await get(next)).text(), /51–100 van 120/);

    // LIKE wildcards are searched as text.
    assert.match(await (await get('/kcc/callbacks?q=%25')).text(), /0 van 0/);
    assert.match(await (await get('/kcc/callbacks?q=_')).text(), /0 van 0/);
  });
});
