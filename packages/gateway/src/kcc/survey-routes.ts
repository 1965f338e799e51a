/**
 * The console's half of the survey after a callback (issue 12): on a request marked "Gebeld" or
 * "Afgehandeld", staff open its personal survey link to copy (POST /kcc/callbacks/{id}/survey)
 * or, when SMTP is set up, have the gateway e-mail it (POST …/survey/mail). Both are recorded in
 * the audit log. When the e-mail cannot be sent, the link stays on the page: nothing is lost.
 */
import { Hono, type Context } from 'hono';
import type { GatewayDeps } from '../deps.ts';
import { isUuid } from '../store/store.ts';
import { isEmailAddress, surveyMailer, type SurveyMailer } from '../survey/mail.ts';
import { contactScore } from '../survey/scores.ts';
import { surveyLink, surveyToken } from '../survey/token.ts';
import type { AuditLog } from './audit.ts';
import { surveyLinkView } from './dashboard-view.ts';
import { html, type SafeHtml } from './html.ts';
import type { KccEnv } from './routes.ts';

export interface SurveyOptions {
  /** The page with `<dichtbij-feedback variant="score">` (SURVEY_PAGE_URL); default: the demo's. */
  pageUrl?: string;
  /** SMTP_URL, e.g. smtp://user:pass@mail.gemeente.nl:587. */
  smtpUrl?: string;
  /** SMTP_FROM: the sender (default "noreply@localhost"). */
  from?: string;
  /** A mailer to use instead of one made from smtpUrl (tests). */
  mailer?: SurveyMailer;
}

/** The button on a queue card that opens the survey link. */
export const surveyButton = (id: string, csrf: string): SafeHtml =>
  html`<form method="post" action="/kcc/callbacks/${id}/survey" class="survey">
    <input type="hidden" name="csrf" value="${csrf}" />
    <button type="submit" class="secondary">Link voor vragenlijst</button>
  </form>`;

export function surveyConsoleRoutes(
  deps: GatewayDeps,
  ctx: {
    page: (
      c: Context,
      title: string,
      body: SafeHtml,
      extra?: { active?: string; csrf?: string; status?: number },
    ) => Response | Promise<Response>;
    audit: AuditLog;
    readForm: (c: Context) => Promise<URLSearchParams | undefined>;
    survey?: SurveyOptions;
  },
): Hono<KccEnv> {
  const app = new Hono<KccEnv>();
  const { store } = deps;
  const mailer =
    ctx.survey?.mailer ??
    (ctx.survey?.smtpUrl
      ? surveyMailer({ smtpUrl: ctx.survey.smtpUrl, from: ctx.survey.from ?? 'noreply@localhost', logger: deps.logger })
      : undefined);

  const linkFor = (c: Context, id: string) => {
    const base = ctx.survey?.pageUrl ?? new URL('/demo/tevreden', c.req.url).href;
    return surveyLink(base, surveyToken(store, id));
  };

  /** The request, when it exists and was called back (only then is there a contact to score). */
  const find = async (id: string) => {
    if (!isUuid(id)) return undefined;
    const [row] = await store.db.query<{ reference: string; status: string }>(
      'SELECT reference, status FROM callback_requests WHERE id = $1',
      [id],
    );
    return row && (row.status === 'called' || row.status === 'done') ? row : undefined;
  };

  const show = async (
    c: Context<KccEnv>,
    id: string,
    reference: string,
    extra: { notice?: string; error?: string } = {},
  ) => {
    const scored = await contactScore(store, 'callback', id);
    return ctx.page(
      c,
      `Vragenlijst ${reference}`,
      surveyLinkView({
        id,
        reference,
        link: linkFor(c, id),
        csrf: c.get('staff').csrf,
        canMail: !!mailer,
        ...(scored !== undefined ? { scored } : {}),
        ...extra,
      }),
      { active: '/kcc/callbacks', csrf: c.get('staff').csrf },
    );
  };

  app.post('/callbacks/:id/survey', async (c) => {
    const id = c.req.param('id').toLowerCase();
    const row = await find(id);
    if (!row) return c.text('Not found', 404);
    await ctx.audit.record({
      actor: c.get('staff').identity,
      action: 'survey_link',
      recordType: 'callback',
      recordId: id,
    });
    return show(c, id, row.reference);
  });

  app.post('/callbacks/:id/survey/mail', async (c) => {
    const id = c.req.param('id').toLowerCase();
    const row = await find(id);
    if (!row) return c.text('Not found', 404);
    if (!mailer) return show(c, id, row.reference, { error: 'E-mail is niet ingesteld. Kopieer de link.' });
    const form = c.get('form') ?? (await ctx.readForm(c));
    const to = form?.get('email')?.trim() ?? '';
    if (!isEmailAddress(to))
      return show(c, id, row.reference, { error: 'Dit e-mailadres klopt niet. Controleer het adres.' });
    const sent = await mailer.send({ to, link: linkFor(c, id), gemeente: deps.config.name, reference: row.reference });
    if (!sent) {
      return show(c, id, row.reference, {
        error:
          'De e-mail kon niet worden verstuurd. De link staat hieronder: kopieer hem en geef hem op een andere manier door.',
      });
    }
    await ctx.audit.record({
      actor: c.get('staff').identity,
      action: 'survey_mailed',
      recordType: 'callback',
      recordId: id,
    });
    return show(c, id, row.reference, { notice: 'De link is gemaild.' });
  });
  return app;
}
