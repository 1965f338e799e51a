// The KCC console: login (scrypt, constant time), staff cookie, CSRF, the callback queue with
// status changes and sync state, the feedback dashboard; everything escaped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, verifyPassword, type CallbackSink } from '@dichtbij/gateway';
import { parseHash } from '../../packages/gateway/src/kcc/password.ts';
import { escapeHtml, html } from '../../packages/gateway/src/kcc/html.ts';
import {
  NO_LIMITS,
  callbackBody,
  closeSharedStore,
  feedbackBody,
  testGateway,
  type TestGateway,
  cookieOf,
  passwordLogin,
} from '../support/gateway-harness.ts';

after(closeSharedStore);

const PASSWORD = 'kcc-test-wachtwoord';
let passwordHash: string;
before(async () => {
  passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
});

const form = (data: Record<string, string>) => new URLSearchParams(data).toString();

const login = (t: TestGateway, password = PASSWORD) => passwordLogin(t, password);

async function page(t: TestGateway, cookie: string, path: string) {
  const res = await t.request(path, { headers: { cookie } });
  assert.equal(res.status, 200, path);
  const text = await res.text();
  return { text, csrf: /name="csrf" value="([^"]+)"/.exec(text)?.[1] ?? '' };
}

describe('password hashing', () => {
  test('scrypt hash, verified in constant time; a bad hash is a clear error', async () => {
    assert.match(passwordHash, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    assert.equal(await verifyPassword(PASSWORD, passwordHash), true);
    assert.equal(await verifyPassword(PASSWORD + 'x', passwordHash), false);
    assert.throws(() => parseHash('plain-text-password'), /KCC_PASSWORD_HASH/);
    await assert.rejects(hashPassword('kort'), /at least 8/);
  });
});

describe('login', () => {
  test('/kcc sends you to the login; a wrong password is refused; the right one sets a strict staff cookie', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    const root = await t.request('/kcc');
    assert.equal(root.status, 303);
    assert.equal(root.headers.get('location'), '/kcc/login');
    assert.equal((await t.request('/kcc/feedback')).headers.get('location'), '/kcc/login');

    const wrong = await login(t, 'niet-het-wachtwoord');
    assert.equal(wrong.res.status, 401);
    assert.match(await wrong.res.text(), /Dit wachtwoord klopt niet/);
    assert.equal(wrong.cookie, undefined);

    const ok = await login(t);
    assert.equal(ok.res.status, 303);
    assert.equal(ok.res.headers.get('location'), '/kcc/callbacks');
    const setCookie = ok.res.headers.getSetCookie().find((c) => c.startsWith('dichtbij_kcc='))!;
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Path=\/kcc/);
    assert.doesNotMatch(setCookie, /Secure/, 'plain http in tests');
    assert.ok(!ok.cookie!.includes(PASSWORD));
  });

  test('the cookie is Secure over https', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    const res = await t.request('https://kcc.gemeente.nl/kcc/login');
    assert.match(res.headers.getSetCookie()[0]!, /Secure/);
  });

  test('a login without the form’s CSRF token is refused', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    const res = await t.request('/kcc/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ password: PASSWORD }),
    });
    assert.equal(res.status, 403);
    assert.equal(cookieOf(res, 'dichtbij_kcc'), undefined);
  });

  test('login attempts are rate-limited per IP', async () => {
    const t = await testGateway({
      kcc: { passwordHash },
      limits: { ...NO_LIMITS, loginPerIp: { limit: 2, windowMs: 900_000 } },
    });
    await login(t, 'fout-1-wachtwoord');
    await login(t, 'fout-2-wachtwoord');
    const third = await login(t);
    assert.equal(third.res.status, 429);
    assert.equal(third.cookie, undefined);
    assert.ok(third.res.headers.get('retry-after'));
  });

  test('without a configured password the login is disabled', async () => {
    const t = await testGateway();
    const res = await t.request('/kcc/login');
    assert.match(await res.text(), /Inloggen is uitgeschakeld/);
    assert.doesNotMatch(await (await t.request('/kcc/login')).text(), /<form/);
    const attempt = await t.request('/kcc/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ password: '' }),
    });
    assert.notEqual(attempt.status, 303);
    assert.equal(cookieOf(attempt, 'dichtbij_kcc'), undefined);
  });

  test('logout ends the session', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    const { cookie } = await login(t);
    const { csrf } = await page(t, cookie!, '/kcc/callbacks');
    const out = await t.request('/kcc/logout', {
      method: 'POST',
      headers: { cookie: cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ csrf }),
    });
    assert.equal(out.status, 303);
    assert.equal((await t.request('/kcc/callbacks', { headers: { cookie: cookie! } })).status, 303);
  });
});

describe('callback queue', () => {
  test('oldest first, with topic, question, preferred moment, context, reference; hostile text escaped', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    const first = await (
      await t.post(
        '/v1/callback-requests',
        callbackBody({
          name: '<script>alert("naam")</script>',
          question: '<img src=x onerror=alert(1)> Wat kost een paspoort?',
          context: {
            source: 'status-tracker',
            caseReference: 'Z-2026-0142',
            caseTitle: 'Omgevingsvergunning: dakkapel',
            page: { url: 'https://evil.example/"><script>alert(1)</script>', title: 'Evil "page"' },
            summary: 'Bewoner vroeg </p><p onclick="x">',
          },
        }),
      )
    ).json();
    t.clock.advance(60_000);
    const second = await (
      await t.post(
        '/v1/callback-requests',
        callbackBody({
          phone: '+31301234567',
          topic: 'afval',
          preferred: { kind: 'slot', date: '2026-11-26', part: 'morning' },
        }),
      )
    ).json();
    const { cookie } = await login(t);
    const { text } = await page(t, cookie!, '/kcc/callbacks');
    assert.ok(text.indexOf(first.reference) < text.indexOf(second.reference), 'oldest first');
    assert.match(text, /Paspoort of ID-kaart/);
    assert.match(text, /Afval/);
    assert.match(text, /donderdag 26 november, ochtend/);
    assert.match(text, /Zo snel mogelijk/);
    assert.match(text, /Vandaag vóór 17:00/);
    assert.match(text, /Omgevingsvergunning: dakkapel/);
    assert.match(text, /href="tel:\+31612345678"/);
    assert.match(text, /06 12345678/);
    // Escaped, never markup.
    assert.ok(!text.includes('<script>alert'));
    assert.ok(!text.includes('<img src=x'));
    assert.ok(!text.includes('onclick="x"'));
    assert.ok(!text.includes('"><script>alert(1)'));
    assert.ok(text.includes('href="https://evil.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"'));
    assert.ok(text.includes('&lt;img src=x onerror=alert(1)&gt; Wat kost een paspoort?'));
    assert.ok(text.includes('&lt;script&gt;alert(&quot;naam&quot;)&lt;/script&gt;'));
    assert.ok(text.includes('Evil &quot;page&quot;'));
  });

  test('status changes need the CSRF token and move the request between lists', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    const receipt = await (await t.post('/v1/callback-requests', callbackBody())).json();
    const { cookie } = await login(t);
    const { csrf } = await page(t, cookie!, '/kcc/callbacks');
    const change = (body: Record<string, string>) =>
      t.request(`/kcc/callbacks/${receipt.id}/status`, {
        method: 'POST',
        headers: { cookie: cookie!, 'content-type': 'application/x-www-form-urlencoded' },
        body: form(body),
      });
    assert.equal((await change({ status: 'called' })).status, 403, 'no token');
    assert.equal((await change({ status: 'called', csrf: 'forged' })).status, 403, 'wrong token');
    assert.equal((await t.store.getCallback(receipt.id))!.status, 'new');
    const ok = await change({ status: 'no_answer', csrf, back: '/kcc/callbacks?status=new' });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/kcc/callbacks?status=new&done=no_answer');
    assert.equal((await t.store.getCallback(receipt.id))!.status, 'no_answer');
    const evilBack = await change({ status: 'done', csrf, back: 'https://evil.example/' });
    assert.equal(evilBack.headers.get('location'), '/kcc/callbacks?done=done');
    assert.equal((await change({ status: 'gone', csrf })).status, 400);

    const done = await page(t, cookie!, '/kcc/callbacks?status=done');
    assert.match(done.text, new RegExp(receipt.reference));
    const open = await page(t, cookie!, '/kcc/callbacks');
    assert.doesNotMatch(open.text, new RegExp(receipt.reference));
    // Without a session a POST is refused outright.
    const anonymous = await t.request(`/kcc/callbacks/${receipt.id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ status: 'new', csrf }),
    });
    assert.equal(anonymous.status, 401);
  });

  test('a request the sink could not take is shown as such, with a retry button that works', async () => {
    let fail = true;
    const sink: CallbackSink = {
      name: 'klantinteracties',
      file: async () => {
        if (fail) throw new Error('503 from Open Klant');
        return { externalId: 'taak-7' };
      },
    };
    const t = await testGateway({ kcc: { passwordHash }, callbackSink: sink });
    const receipt = await (await t.post('/v1/callback-requests', callbackBody())).json();
    await t.gateway.callbackSync!.idle();
    const { cookie } = await login(t);
    const { text, csrf } = await page(t, cookie!, '/kcc/callbacks');
    assert.match(text, /Doorzetten mislukt/);
    assert.match(text, /1 verzoek is niet doorgezet/);
    assert.match(text, /503 from Open Klant/);
    fail = false;
    const retry = await t.request(`/kcc/callbacks/${receipt.id}/retry`, {
      method: 'POST',
      headers: { cookie: cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ csrf }),
    });
    assert.equal(retry.status, 303);
    await t.gateway.callbackSync!.idle();
    const after = await page(t, cookie!, '/kcc/callbacks');
    assert.match(after.text, /Doorgezet \(klantinteracties\): kenmerk <code>taak-7<\/code>/);
  });
});

describe('feedback dashboard', () => {
  test('counts, share useful, mean score per channel and page, a weekly trend as SVG + table, free texts as text', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    t.clock.set('2026-11-10T10:00:00Z'); // two weeks earlier
    await t.post('/v1/feedback', feedbackBody({ useful: false, comment: '<b>Onduidelijk</b> & lang' }));
    t.clock.set('2026-11-24T10:00:00Z');
    await t.post('/v1/feedback', feedbackBody({ useful: true }));
    await t.post('/v1/feedback', feedbackBody({ useful: true, page: { url: 'https://www.gemeente.nl/afval' } }));
    await t.post('/v1/feedback', feedbackBody({ variant: 'score', score: 6, channel: 'telefoon' }));
    await t.post('/v1/feedback', feedbackBody({ variant: 'score', score: 9, channel: 'telefoon' }));
    const { cookie } = await login(t);
    const { text } = await page(t, cookie!, '/kcc/feedback');
    assert.match(text, /<span class="big">5<\/span> reacties/);
    assert.match(text, /<span class="big">67%<\/span> vond de pagina nuttig/);
    assert.match(text, /<span class="big">7,5<\/span> gemiddeld cijfer/);
    assert.match(text, /<svg[^>]+role="img"[^>]+aria-labelledby="trend-title"/);
    assert.match(text, /<rect class="bar"/);
    assert.match(text, /Per week: reacties, aandeel nuttig en gemiddeld cijfer/);
    assert.match(text, /maandag 9 november/);
    assert.match(text, /maandag 23 november/);
    assert.match(text, />Telefoon<\/a>/);
    assert.match(text, /https:\/\/www\.gemeente\.nl\/afval/);
    assert.ok(text.includes('&lt;b&gt;Onduidelijk&lt;/b&gt; &amp; lang'));
    assert.ok(!text.includes('<b>Onduidelijk'));

    const phone = await page(t, cookie!, '/kcc/feedback?channel=telefoon');
    assert.match(phone.text, /<span class="big">2<\/span> reacties/);
    assert.match(phone.text, /alleen kanaal <strong>Telefoon<\/strong>/);
  });
});

describe('escape helper', () => {
  test('one helper escapes every interpolation; nested html stays markup', () => {
    assert.equal(
      escapeHtml(`<a href="x" onclick='y'>&\``),
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;',
    );
    const inner = html`<em>${'<i>'}</em>`;
    assert.equal(
      html`<p title="${'"x"'}">${inner}${['<b>', html`<br />`]}${null}${undefined}${false}${0}</p>`.value,
      '<p title="&quot;x&quot;"><em>&lt;i&gt;</em>&lt;b&gt;<br />0</p>',
    );
  });
});
