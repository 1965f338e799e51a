// The survey after each contact (issue 12, item 4): a signed personal link after a callback
// (copied from the console, or e-mailed over SMTP), the chat's score route, one score per
// contact, tampered and reused links refused with a clear message, SMTP down → link still shown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { hashPassword } from '@dichtbij/gateway';
import { parseFeedbackLink } from '@dichtbij/sdk';
import { surveyToken, verifySurveyToken } from '../../packages/gateway/src/survey/token.ts';
import {
  callbackBody,
  closeSharedStore,
  feedbackBody,
  newKey,
  testGateway,
  type TestGateway,
  passwordLogin,
  csrfOf,
} from '../support/gateway-harness.ts';

after(closeSharedStore);

const PASSWORD = 'kcc-test-wachtwoord';
let passwordHash: string;
before(async () => {
  passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
});

async function staffLogin(t: TestGateway): Promise<{ cookie: string; csrf: string }> {
  const cookie = (await passwordLogin(t, PASSWORD)).cookie!;
  const queue = await (await t.request('/kcc/callbacks', { headers: { cookie } })).text();
  return { cookie, csrf: csrfOf(queue)! };
}

const postForm = (t: TestGateway, cookie: string, path: string, data: Record<string, string>) =>
  t.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(data).toString(),
  });

/** A callback request marked "Gebeld" through the console; returns its id and reference. */
async function calledBack(t: TestGateway, staff: { cookie: string; csrf: string }) {
  const res = await t.post('/v1/callback-requests', callbackBody());
  const { id, reference } = (await res.json()) as { id: string; reference: string };
  const done = await postForm(t, staff.cookie, `/kcc/callbacks/${id}/status`, { csrf: staff.csrf, status: 'called' });
  assert.equal(done.status, 303);
  return { id, reference };
}

/** The survey page: the link in the read-only field. */
async function surveyPage(t: TestGateway, staff: { cookie: string; csrf: string }, id: string) {
  const res = await postForm(t, staff.cookie, `/kcc/callbacks/${id}/survey`, { csrf: staff.csrf });
  assert.equal(res.status, 200);
  const text = await res.text();
  const link = /id="survey-link"[^>]*value="([^"]+)"/.exec(text)?.[1]?.replace(/&amp;/g, '&');
  return { text, link };
}

const scoreBody = (contact: string, score = 8) =>
  feedbackBody({ variant: 'score', useful: undefined, score, channel: 'telefoon', contact });

describe('survey after a callback', () => {
  test('the console shows a signed link; the widget prefill reads it; one score per contact; audit', async () => {
    const t = await testGateway({ kcc: { passwordHash, survey: { pageUrl: 'https://www.gemeente.nl/tevreden' } } });
    const staff = await staffLogin(t);
    const { id, reference } = await calledBack(t, staff);
    // The queue card of a called request offers the survey link.
    const queue = await (await t.request('/kcc/callbacks?status=called', { headers: { cookie: staff.cookie } })).text();
    assert.match(queue, new RegExp(`action="/kcc/callbacks/${id}/survey"`));

    const { link, text } = await surveyPage(t, staff, id);
    assert.match(text, new RegExp(`Vragenlijst voor ${reference}`));
    assert.ok(link?.startsWith('https://www.gemeente.nl/tevreden?'));
    // The feedback widget's e-mail-link prefill accepts the token as the contact reference.
    const prefill = parseFeedbackLink(link!);
    assert.equal(prefill.channel, 'telefoon');
    assert.equal(prefill.contact, surveyToken(t.store, id));
    assert.equal(verifySurveyToken(t.store, prefill.contact!), id);

    const key = newKey();
    const first = await t.post('/v1/feedback', scoreBody(prefill.contact!, 9), { key });
    assert.equal(first.status, 201);
    // A retry of the same request is not a second score.
    const retry = await t.post('/v1/feedback', scoreBody(prefill.contact!, 9), { key });
    assert.equal(retry.status, 200);
    // Reused link: refused, with a clear message.
    const again = await t.post('/v1/feedback', scoreBody(prefill.contact!, 3));
    assert.equal(again.status, 409);
    assert.match((await again.json()).detail, /al een cijfer gegeven/);
    const rows = await t.store.db.query<{ score: number; channel: string }>(
      "SELECT score, channel FROM contact_scores WHERE contact_type = 'callback' AND contact_id = $1",
      [id],
    );
    assert.deepEqual(
      rows.map((r) => [Number(r.score), r.channel]),
      [[9, 'telefoon']],
    );
    // Not a feedback row with the token as contact.
    assert.equal((await t.store.db.query('SELECT 1 FROM feedback')).length, 0);

    // The dashboard ties the score to the contact (its reference) and counts it per channel and type.
    const dash = await (await t.request('/kcc/dashboard', { headers: { cookie: staff.cookie } })).text();
    assert.match(dash, new RegExp(`<td>${reference}</td>`));
    assert.match(dash, /Terugbelverzoek<\/th>\s*<td>telefoon<\/td>\s*<td>1<\/td>\s*<td>9<\/td>/);
    // The console now says it was scored.
    assert.match((await surveyPage(t, staff, id)).text, /al een 9 gegeven/);
    const audit = await t.store.db.query<{ action: string; record_id: string }>(
      "SELECT action, record_id FROM audit_log WHERE action = 'survey_link'",
    );
    assert.equal(audit.length, 2);
    assert.equal(audit[0]!.record_id, id);
    await t.close();
  });

  test('a tampered or made-up link is refused; a request not yet called back cannot be scored', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    const staff = await staffLogin(t);
    const { id } = await calledBack(t, staff);
    const token = surveyToken(t.store, id);
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const otherId = `${randomUUID()}.${token.split('.')[1]}`;
    for (const contact of [tampered, otherId]) {
      const res = await t.post('/v1/feedback', scoreBody(contact));
      assert.equal(res.status, 400, contact);
      const body = await res.json();
      assert.match(body.detail, /link voor de vragenlijst klopt niet/);
      assert.equal(body.errors[0].field, 'contact');
    }
    assert.ok(t.logger.text().includes('survey.token_invalid'));
    assert.ok(!t.logger.text().includes(token.split('.')[1]!), 'no token in the logs');
    // A request still "Nieuw": a valid token, but no contact yet.
    const fresh = (await (await t.post('/v1/callback-requests', callbackBody())).json()) as { id: string };
    const early = await t.post('/v1/feedback', scoreBody(surveyToken(t.store, fresh.id)));
    assert.equal(early.status, 400);
    assert.match((await early.json()).detail, /nog\) geen cijfer/);
    // An ordinary contact reference still works as feedback.
    assert.equal((await t.post('/v1/feedback', scoreBody('KC-123'))).status, 201);
    assert.equal((await t.store.db.query('SELECT 1 FROM contact_scores')).length, 0);
    await t.close();
  });
});

describe('survey after a chat', () => {
  test('an ended chat takes one score; a chat still going or unknown does not', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    const start = await t.post('/v1/chat/sessions', { locale: 'nl' });
    assert.equal(start.status, 201);
    const { id } = (await start.json()) as { id: string };
    const early = await t.post(`/v1/survey/chat/${id}`, { score: 8 });
    assert.equal(early.status, 404);
    assert.equal((await t.post(`/v1/chat/sessions/${id}/end`, {})).status, 200);
    assert.equal((await t.post(`/v1/survey/chat/${id}`, { score: 11 })).status, 400);
    const key = newKey();
    assert.equal((await t.post(`/v1/survey/chat/${id}`, { score: 8 }, { key })).status, 201);
    assert.equal((await t.post(`/v1/survey/chat/${id}`, { score: 8 }, { key })).status, 200);
    const again = await t.post(`/v1/survey/chat/${id}`, { score: 2 });
    assert.equal(again.status, 409);
    assert.match((await again.json()).detail, /al een cijfer gegeven/);
    assert.equal((await t.post(`/v1/survey/chat/${randomUUID()}`, { score: 5 })).status, 404);
    const staff = await staffLogin(t);
    const dash = await (await t.request('/kcc/dashboard', { headers: { cookie: staff.cookie } })).text();
    assert.match(dash, /<th scope="row">chat<\/th>\s*<td>1<\/td>\s*<td>8<\/td>/);
    assert.match(dash, new RegExp(`<td>${id}</td>`));
    await t.close();
  });
});

describe('survey link by e-mail (SMTP)', () => {
  test('sent to a local SMTP server; when SMTP is down the link is still shown and the error logged without personal data', async () => {
    const received: { to: string[]; data: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    try {
      const t = await testGateway({
        kcc: {
          passwordHash,
          survey: {
            pageUrl: 'https://www.gemeente.nl/tevreden',
            smtpUrl: `smtp://127.0.0.1:${port}`,
            from: 'kcc@gemeente.nl',
          },
        },
      });
      const staff = await staffLogin(t);
      const { id, reference } = await calledBack(t, staff);
      const { link } = await surveyPage(t, staff, id);
      const mail = await postForm(t, staff.cookie, `/kcc/callbacks/${id}/survey/mail`, {
        csrf: staff.csrf,
        email: 'inwoner@example.nl',
      });
      assert.equal(mail.status, 200);
      assert.match(await mail.text(), /De link is gemaild/);
      assert.equal(received.length, 1);
      assert.deepEqual(received[0]!.to, ['inwoner@example.nl']);
      const body = received[0]!.data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      assert.ok(body.includes(link!), 'the mail holds the personal link');
      assert.ok(body.includes(reference));
      // A wrong address: not sent.
      const bad = await postForm(t, staff.cookie, `/kcc/callbacks/${id}/survey/mail`, {
        csrf: staff.csrf,
        email: 'geen adres',
      });
      assert.match(await bad.text(), /Dit e-mailadres klopt niet/);
      assert.equal(received.length, 1);
      await t.close();

      // SMTP down: a port nobody listens on.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const down = await testGateway({
        kcc: {
          passwordHash,
          survey: { pageUrl: 'https://www.gemeente.nl/tevreden', smtpUrl: `smtp://127.0.0.1:${port}` },
        },
      });
      const staff2 = await staffLogin(down);
      const second = await calledBack(down, staff2);
      const res = await postForm(down, staff2.cookie, `/kcc/callbacks/${second.id}/survey/mail`, {
        csrf: staff2.csrf,
        email: 'inwoner@example.nl',
      });
      const text = await res.text();
      assert.match(text, /De e-mail kon niet worden verstuurd/);
      const shown = /id="survey-link"[^>]*value="([^"]+)"/.exec(text)?.[1]?.replace(/&amp;/g, '&');
      assert.equal(parseFeedbackLink(shown!).contact, surveyToken(down.store, second.id));
      const logs = down.logger.text();
      assert.match(logs, /survey\.mail_failed/);
      assert.ok(!logs.includes('inwoner@example.nl'), 'no address in the logs');
      assert.ok(!logs.includes(surveyToken(down.store, second.id)), 'no link in the logs');
      await down.close();
    } finally {
      server.close();
    }
  });
});
