// The demo site's extra pages and its login (issue #12 item 6): the DEMO login wears the theme of
// the page the resident came from, with the site's header (not a bare page in the voorbeeld theme);
// a page with the score variant of feedback; an example e-mail whose ten links pre-fill it. All
// under the strict CSP, without inline script or style.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeedbackLink } from '@dichtbij/sdk';
import { closeSharedStore, testGateway } from '../support/gateway-harness.ts';

after(closeSharedStore);

const strict = (res: Response, html: string, path: string) => {
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'/, path);
  assert.doesNotMatch(csp, /unsafe-inline/, path);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, `${path}: no inline script`);
  assert.doesNotMatch(html, /<style|\sstyle=/i, `${path}: no inline style`);
};

test('the DEMO login is themed like the page it came from, with the site header and menu', async () => {
  const t = await testGateway({ demo: true });
  const back = encodeURIComponent('/demo/mijn-zaken?theme=olst-wijhe');
  const res = await t.request(`/demo-login?return=${back}`);
  assert.equal(res.status, 200);
  const html = await res.text();
  strict(res, html, '/demo-login');
  assert.match(html, /<html lang="nl" class="dichtbij-theme--olst-wijhe">/);
  assert.match(html, /href="\/themes\/olst-wijhe\.css"/);
  assert.match(html, /<header class="site-header">/);
  assert.match(html, /Gemeente Olst-Wijhe/);
  assert.match(html, /DEMO — dit is geen DigiD/);
  assert.match(html, /name="return" value="\/demo\/mijn-zaken\?theme=olst-wijhe"/);
  // Without a theme: the site's default theme, not the neutral voorbeeld.
  const plain = await (await t.request('/demo-login')).text();
  assert.match(plain, /class="dichtbij-theme--west-betuwe"/);
  assert.doesNotMatch(plain, /dichtbij-theme--voorbeeld/);
  // A return path that is not a demo page is not echoed.
  const evil = await (await t.request(`/demo-login?return=${encodeURIComponent('https://evil.example/')}`)).text();
  assert.match(evil, /name="return" value="\/demo\/mijn-zaken"/);
});

test('the score page and the example e-mail: ten links that pre-fill the score of one contact', async () => {
  const t = await testGateway({ demo: true });
  const score = await t.request('/demo/tevreden?theme=druten-wijchen');
  assert.equal(score.status, 200);
  const scoreHtml = await score.text();
  strict(score, scoreHtml, '/demo/tevreden');
  assert.match(scoreHtml, /<dichtbij-feedback variant="score"[^>]*>/);
  assert.match(scoreHtml, /class="dichtbij-theme--druten-wijchen"/);

  const mail = await t.request('/demo/e-mail?theme=druten-wijchen');
  assert.equal(mail.status, 200);
  const mailHtml = await mail.text();
  strict(mail, mailHtml, '/demo/e-mail');
  const links = [...mailHtml.matchAll(/href="(\/demo\/tevreden\?[^"]*dichtbij-score[^"]+)"/g)].map((m) =>
    m[1]!.replaceAll('&amp;', '&'),
  );
  assert.equal(links.length, 10);
  links.forEach((href, i) => {
    const url = new URL(href, 'http://demo.local');
    assert.equal(url.searchParams.get('theme'), 'druten-wijchen');
    // The link is exactly what the feedback element reads.
    assert.deepEqual(parseFeedbackLink(url.href), { score: i + 1, contact: 'TB-DEMO42', channel: 'telefoon' });
  });
  // Both pages are in the site's menu.
  const home = await (await t.request('/demo/')).text();
  assert.match(home, /href="\/demo\/tevreden\?theme=west-betuwe"/);
  assert.match(home, /href="\/demo\/e-mail\?theme=west-betuwe"/);
});
