/**
 * The demo site (DEMO=1 only): a plausible gemeente CMS page per theme with the widgets embedded
 * the way a CMS editor would (one script tag + elements), the components bundle, theme CSS,
 * and a clearly marked DEMO login that stands in for DigiD ("mijn zaken").
 */
import { existsSync, readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DEMO_BSN } from '../connectors/embedded.ts';
import type { GatewayDeps } from '../deps.ts';
import { readLimited } from '../http/body.ts';
import { DEMO_CSP } from '../http/security.ts';
import { html, type SafeHtml } from '../kcc/html.ts';
import { STUDIO_FONT_THEMES, demoFonts } from './fonts.ts';

export const RESIDENT_COOKIE = 'dichtbij_demo_resident';
const RESIDENT_TTL = 3_600_000;
const CSS = readFileSync(new URL('./assets/demo.css', import.meta.url), 'utf8');
const STUDIO_CSS = readFileSync(new URL('./studio/studio.css', import.meta.url), 'utf8');
/**
 * The theme studio's module, bundled by scripts/studio.mjs (the build): beside this file in dist/, or in
 * dist/ when the gateway runs from its source.
 */
const STUDIO_JS = [
  new URL('./assets/thema-studio.js', import.meta.url),
  new URL('../../dist/demo/assets/thema-studio.js', import.meta.url),
];

/** A demo page's theme and gemeente (with several gemeenten: the one asked for). */
interface DemoTheme {
  id: string;
  gemeente: string;
  /** The query that keeps the choice on links (`?theme=…` or `?gemeente=…`). */
  query: string;
  tenant?: string;
  config: GatewayDeps['config'];
}

export const DEMO_THEMES = [
  { id: 'west-betuwe', gemeente: 'Gemeente West Betuwe' },
  { id: 'druten-wijchen', gemeente: 'Gemeenten Druten en Wijchen' },
  { id: 'duiven-westervoort', gemeente: 'Gemeenten Duiven en Westervoort' },
  { id: 'olst-wijhe', gemeente: 'Gemeente Olst-Wijhe' },
  { id: 'voorbeeld', gemeente: 'Gemeente Voorbeeld' },
] as const;

export interface DemoOptions {
  /** URLs shown on the demo page. */
  storybookUrl?: string;
  secureCookies?: boolean | 'auto';
}

/** The resident of a demo session (the fake BSN), or undefined. */
export async function demoResident(deps: GatewayDeps, c: Context): Promise<{ bsn: string } | undefined> {
  const session = await deps.store.getSession('resident', getCookie(c, RESIDENT_COOKIE));
  return session?.subject ? { bsn: session.subject } : undefined;
}

const PAGES = {
  paspoort: { path: '/demo/', title: 'Paspoort aanvragen' },
  zaken: { path: '/demo/mijn-zaken', title: 'Mijn zaken' },
  tevreden: { path: '/demo/tevreden', title: 'Hoe tevreden bent u?' },
  email: { path: '/demo/e-mail', title: 'Voorbeeld-e-mail na uw contact' },
  studio: { path: '/demo/thema-studio', title: 'Thema-studio' },
} as const;
type PageId = keyof typeof PAGES;
/** The pages in the site's main menu. */
const MENU: PageId[] = ['paspoort', 'zaken', 'tevreden', 'email'];
/** The contact reference of the demo e-mail (made up). */
const DEMO_CONTACT = 'TB-DEMO42';

export function demoRoutes(deps: GatewayDeps, options: DemoOptions = {}): Hono {
  const app = new Hono();
  const isSecure = (c: Context) =>
    options.secureCookies === true || (options.secureCookies !== false && new URL(c.req.url).protocol === 'https:');

  // Browsers ask for it on every page; answer without a 404 in the console.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/demo/assets/demo.css', (c) =>
    c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );

  app.get('/demo/assets/thema-studio.css', (c) =>
    c.body(STUDIO_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );
  let studioJs: string | undefined;
  app.get('/demo/assets/thema-studio.js', (c) => {
    const file = STUDIO_JS.find((u) => existsSync(u));
    studioJs ??= file ? readFileSync(file, 'utf8') : undefined;
    if (!studioJs) {
      return c.body('/* thema-studio.js is not built: run `pnpm -r build` (or npm start) */\n', 503, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-store',
      });
    }
    return c.body(studioJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
  });

  // The theme's fonts, from the @fontsource packages (see fonts.ts): same origin, preloaded, font-display: optional.
  const fonts = demoFonts();
  app.get('/demo/fonts/:file', (c) => {
    const file = c.req.param('file');
    if (file.endsWith('.css')) {
      const theme = file.slice(0, -4);
      const css =
        theme === 'thema-studio'
          ? STUDIO_FONT_THEMES.map((t) => fonts.css(t)).join('\n')
          : DEMO_THEMES.some((t) => t.id === theme)
            ? fonts.css(theme)
            : undefined;
      if (css === undefined) return c.notFound();
      return c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
    }
    return c.notFound();
  });
  app.get('/demo/fonts/files/:file', (c) => {
    const body = fonts.file(c.req.param('file'));
    if (!body) return c.notFound();
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'font/woff2',
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });

  app.get('/demo', (c) => c.redirect('/demo/', 301));
  // The theme studio: a gemeente tries its colours, font, corners and focus ring on the four elements.
  app.get('/demo/thema-studio', (c) => {
    const theme = themeOf(c);
    return site(c, theme, 'studio', PAGES.studio.title, html`<div id="thema-studio" data-theme="${theme.id}"></div>`, {
      widgets: false,
      studio: true,
    });
  });
  app.get('/demo/', async (c) => page(c, 'paspoort'));
  app.get('/demo/mijn-zaken', async (c) => page(c, 'zaken'));
  // The score variant of feedback; with the parameters of an e-mail link it is pre-filled.
  app.get('/demo/tevreden', async (c) => page(c, 'tevreden'));
  // What the e-mail after a contact looks like: ten links, one per score, to /demo/tevreden.
  app.get('/demo/e-mail', async (c) => page(c, 'email'));

  const returnPath = (value: string | null | undefined) =>
    value && /^\/demo\/[a-z0-9-]*(\?(theme|gemeente)=[a-z0-9-]+)?$/.test(value) ? value : '/demo/mijn-zaken';

  app.get('/demo-login', async (c) => {
    const back = returnPath(c.req.query('return'));
    // The theme of the page the resident came from: the login looks like the rest of the site.
    const theme = themeFrom((name) => c.req.query(name) ?? new RegExp(`[?&]${name}=([a-z0-9-]+)`).exec(back)?.[1]);
    return site(
      c,
      theme,
      'zaken',
      'DEMO-inloggen',
      html`<article>
        <p class="demo-flag" role="note">DEMO — dit is geen DigiD</p>
        <h1>Inloggen (demo)</h1>
        <p>
          Op een echte gemeentesite logt u hier in met DigiD. In deze demo logt u in als een verzonnen inwoner met het
          test-BSN ${DEMO_BSN}. Er worden geen echte gegevens gebruikt.
        </p>
        <form method="post" action="/demo-login">
          <input type="hidden" name="return" value="${back}" />
          <button type="submit" class="button">Inloggen als demo-inwoner</button>
        </form>
      </article>`,
      { widgets: false },
    );
  });

  app.post('/demo-login', async (c) => {
    const bytes = await readLimited(c.req.raw, 2048);
    const form = new URLSearchParams(bytes ? new TextDecoder().decode(bytes) : '');
    const session = await deps.store.createSession('resident', DEMO_BSN, RESIDENT_TTL);
    setCookie(c, RESIDENT_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isSecure(c),
      maxAge: RESIDENT_TTL / 1000,
    });
    return c.redirect(returnPath(form.get('return')), 303);
  });

  app.post('/demo-logout', async (c) => {
    await deps.store.deleteSession(getCookie(c, RESIDENT_COOKIE));
    deleteCookie(c, RESIDENT_COOKIE, { path: '/' });
    return c.redirect('/demo/mijn-zaken', 303);
  });

  /**
   * The page's gemeente and theme: with several gemeenten in the gateway, the one asked for
   * (`?gemeente=wijchen`) in its own theme; otherwise the theme asked for (`?theme=`).
   */
  function themeFrom(param: (name: 'theme' | 'gemeente') => string | undefined): DemoTheme {
    const { tenants } = deps;
    if (tenants.multi) {
      const tenant = tenants.get(param('gemeente') ?? '') ?? tenants.default;
      const id = DEMO_THEMES.find((t) => t.id === tenant.config.theme)?.id ?? 'voorbeeld';
      return {
        id,
        gemeente: tenant.config.name,
        query: `?gemeente=${tenant.id}`,
        tenant: tenant.id,
        config: tenant.config,
      };
    }
    const requested = param('theme');
    const theme = DEMO_THEMES.find((t) => t.id === requested) ?? DEMO_THEMES[0];
    return { ...theme, query: `?theme=${theme.id}`, config: deps.config };
  }
  const themeOf = (c: Context) => themeFrom((name) => c.req.query(name));
  /** The choice on top of the demo page: the gateway's gemeenten, or the themes. */
  const choices = () =>
    deps.tenants.multi
      ? deps.tenants.ids.map((id) => ({ key: id, query: `?gemeente=${id}`, label: deps.tenants.name(id) }))
      : DEMO_THEMES.map((t) => ({ key: t.id, query: `?theme=${t.id}`, label: t.gemeente }));

  function shell(
    c: Context,
    title: string,
    themeId: string,
    body: SafeHtml,
    gemeente = 'Gemeente Voorbeeld',
    { studio = false } = {},
  ) {
    c.header('Content-Security-Policy', DEMO_CSP);
    c.header('Cache-Control', 'no-store');
    return c.html(
      html`<!doctype html>
        <html lang="nl" class="dichtbij-theme--${themeId}">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${title} — ${gemeente}</title>
            <link rel="stylesheet" href="/themes/${themeId}.css" />
            ${(studio ? [] : fonts.preloads(themeId)).map(
              (file) =>
                html`<link rel="preload" href="/demo/fonts/files/${file}" as="font" type="font/woff2" crossorigin />`,
            )}
            <link rel="stylesheet" href="/demo/fonts/${studio ? 'thema-studio' : themeId}.css" />
            <link rel="stylesheet" href="/demo/assets/demo.css" />
            ${studio ? html`<link rel="stylesheet" href="/demo/assets/thema-studio.css" />` : ''}
          </head>
          <body>
            ${body}
          </body>
        </html>`.value,
    );
  }

  async function page(c: Context, which: PageId) {
    const theme = themeOf(c);
    const resident = which === 'zaken' ? await demoResident(deps, c) : undefined;
    const q = theme.query;
    const scoreLink = (score: number) =>
      `/demo/tevreden${q}&dichtbij-score=${score}&dichtbij-contact=${DEMO_CONTACT}&dichtbij-channel=telefoon`;
    const content =
      which === 'paspoort'
        ? paspoortContent()
        : which === 'tevreden'
          ? html`<article>
              <h1>Hoe tevreden bent u?</h1>
              <p class="lead">
                U had contact met ons. Wilt u ons een cijfer geven? Zo weten we wat goed gaat en wat beter kan.
              </p>
              <p>
                Kwam u hier via de link in onze e-mail? Dan staat uw cijfer al klaar. Kies Verstuur om het te geven.
                Zonder klik versturen we niets.
              </p>
              <dichtbij-feedback variant="score" channel="telefoon" heading-level="2"></dichtbij-feedback>
              <p>Demo: <a href="/demo/e-mail${q}">bekijk de voorbeeld-e-mail met de links</a>.</p>
            </article>`
          : which === 'email'
            ? html`<article>
                <h1>Voorbeeld-e-mail na uw contact</h1>
                <p class="demo-flag" role="note">DEMO — zo ziet de e-mail eruit die u na een gesprek krijgt.</p>
                <section class="email" aria-labelledby="email-subject">
                  <h2 id="email-subject">Hoe tevreden bent u over ons gesprek?</h2>
                  <p>Beste inwoner,</p>
                  <p>
                    U belde ons over uw paspoort. Uw kenmerk is ${DEMO_CONTACT}. Welk cijfer geeft u voor het contact
                    met ons? Kies een cijfer. U ziet daarna een pagina waar u het cijfer verstuurt.
                  </p>
                  <ol class="scores" aria-label="Cijfers van 1 (heel slecht) tot 10 (heel goed)">
                    ${Array.from(
                      { length: 10 },
                      (_, i) => html`<li><a href="${scoreLink(i + 1)}">${String(i + 1)}</a></li>`,
                    )}
                  </ol>
                  <p>Met vriendelijke groet,<br />${theme.gemeente}</p>
                </section>
              </article>`
            : html`<article>
                <h1>Mijn zaken</h1>
                ${
                  resident
                    ? html`<p class="demo-flag" role="note">
                          DEMO — u bent ingelogd als demo-inwoner (test-BSN, geen DigiD).
                        </p>
                        <form method="post" action="/demo-logout">
                          <button type="submit" class="button button--secondary">Uitloggen (demo)</button>
                        </form>
                        <dichtbij-status-tracker mine></dichtbij-status-tracker>`
                    : html`<p>Log in om uw zaken en hun status te zien.</p>
                        <p>
                          <a class="button" href="/demo-login?return=${encodeURIComponent(`/demo/mijn-zaken${q}`)}"
                            >Inloggen (DEMO, geen echte DigiD)</a
                          >
                        </p>`
                }
              </article>`;
    return site(c, theme, which, PAGES[which].title, content);
  }

  /**
   * A page of the demo site in a theme: header with the main menu, the theme switcher, the content
   * and (unless `widgets: false`) the contact column and the chat, footer and the one script tag.
   */
  function site(
    c: Context,
    theme: DemoTheme,
    which: PageId,
    title: string,
    content: SafeHtml,
    { widgets = true, studio = false } = {},
  ) {
    const api = new URL(c.req.url).origin;
    const q = theme.query;
    const config = theme.config;
    const current = theme.tenant ?? theme.id;
    const nav = html`<nav aria-label="${deps.tenants.multi ? 'Kies een gemeente' : 'Kies een thema'}" class="themes">
      <p>
        ${
          deps.tenants.multi
            ? 'Demo — één gateway voor meerdere gemeenten; kies een gemeente (illustratieve huisstijl):'
            : 'Demo — kies een gemeente (illustratieve huisstijl):'
        }
      </p>
      <ul>
        ${choices().map(
          (t) =>
            html`<li>
              <a href="${PAGES[which].path}${t.query}" ${t.key === current ? html`aria-current="page"` : ''}
                >${t.label}</a
              >
            </li>`,
        )}
      </ul>
      <p>
        Ook: <a href="/demo/thema-studio${q}" ${which === 'studio' ? html`aria-current="page"` : ''}>Thema-studio</a> ·
        <a href="/kcc">KCC-console</a>${
          options.storybookUrl ? html` · <a href="${options.storybookUrl}">Storybook</a>` : ''
        }
        · <a href="/v1/openapi.json">API (OpenAPI)</a>
      </p>
    </nav>`;

    return shell(
      c,
      title,
      theme.id,
      html`<a class="skip" href="#main">Naar de inhoud</a>
        <header class="site-header">
          <div class="wrap">
            <p class="site-name"><a href="/demo/${q}">${theme.gemeente}</a></p>
            <nav aria-label="Hoofdmenu">
              <ul>
                ${MENU.map(
                  (id) =>
                    html`<li>
                      <a href="${PAGES[id].path}${q}" ${which === id ? html`aria-current="page"` : ''}
                        >${PAGES[id].title}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>
          </div>
        </header>
        <div class="wrap">${nav}</div>
        ${
          widgets
            ? html`<dichtbij-config
                api="${api}"
                locale="nl"
                theme="${theme.id}"
                ${theme.tenant ? html`gemeente="${theme.tenant}"` : ''}
              >
                <div class="wrap layout">
                  <main id="main" class="content" tabindex="-1">${content}</main>
                  <aside class="sidebar" aria-labelledby="contact-heading">
                    <h2 id="contact-heading">Contact</h2>
                    <p>Bel ${config.phone} of laat u terugbellen.</p>
                    <dichtbij-bel-me topic="paspoort-id"></dichtbij-bel-me>
                  </aside>
                </div>
                <dichtbij-chat-launcher></dichtbij-chat-launcher>
              </dichtbij-config>`
            : html`<div class="wrap layout">
                <main id="main" class="content" tabindex="-1">${content}</main>
              </div>`
        }
        <footer class="site-footer">
          <div class="wrap">
            <p>
              ${theme.gemeente} — demo van Dichtbij. Namen, bedragen en zaken zijn verzonnen; de huisstijl is
              illustratief.
              <a href="${config.privacyUrl}">Privacyverklaring</a>
            </p>
          </div>
        </footer>
        ${widgets || studio ? html`<script type="module" src="/dichtbij.js"></script>` : ''}
        ${studio ? html`<script type="module" src="/demo/assets/thema-studio.js"></script>` : ''}`,
      theme.gemeente,
      { studio },
    );
  }

  function paspoortContent() {
    return html`<article>
      <h1>Paspoort aanvragen</h1>
      <p class="lead">
        Een paspoort vraagt u aan bij de gemeente waar u woont. U maakt eerst een afspraak. Een paspoort is 10 jaar
        geldig als u 18 jaar of ouder bent.
      </p>
      <h2>Wat moet u doen?</h2>
      <ol>
        <li>Maak een afspraak bij de balie.</li>
        <li>Neem uw oude paspoort of ID-kaart mee, en een pasfoto die niet ouder is dan 6 maanden.</li>
        <li>U betaalt bij de aanvraag, met pin.</li>
        <li>Na 5 werkdagen haalt u uw paspoort op. U krijgt een bericht als het klaar is.</li>
      </ol>
      <h2>Wat kost het?</h2>
      <table>
        <caption>
          Kosten paspoort 2026 (voorbeeldbedragen)
        </caption>
        <thead>
          <tr>
            <th scope="col">Leeftijd</th>
            <th scope="col">Kosten</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>18 jaar en ouder</td>
            <td>€ 84,30</td>
          </tr>
          <tr>
            <td>Jonger dan 18 jaar</td>
            <td>€ 64,90</td>
          </tr>
        </tbody>
      </table>
      <h2>Hoe staat het met uw aanvraag?</h2>
      <p>Vul het zaaknummer en de postcode uit onze brief in. Probeer Z-2026-0142 met postcode 4191 AB.</p>
      <dichtbij-status-tracker heading-level="3"></dichtbij-status-tracker>
      <dichtbij-feedback heading-level="2"></dichtbij-feedback>
    </article>`;
  }

  return app;
}
