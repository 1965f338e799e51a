/**
 * E-mailing the survey link after a callback (issue 12), when `SMTP_URL` is set
 * (e.g. `smtp://user:pass@mail.gemeente.nl:587`; nodemailer). The resident's address is used for
 * this one message and never stored or logged. A failure is logged without the address or the
 * link, and the console still shows the link so staff can pass it on another way.
 */
import nodemailer from 'nodemailer';
import type { Logger } from '../runtime.ts';

export interface SurveyMailer {
  /** Sends the link; resolves false (after logging) when the SMTP server cannot be reached or refuses. */
  send(message: { to: string; link: string; gemeente: string; reference: string }): Promise<boolean>;
}

/** A plain-text e-mail in B1 Dutch with the link (and an English line). */
export function surveyMailText(gemeente: string, reference: string, link: string): string {
  return [
    'Beste meneer of mevrouw,',
    '',
    `U heeft contact gehad met ${gemeente} over uw terugbelverzoek ${reference}.`,
    'Wat vond u van dit contact? Geef ons een cijfer van 1 tot 10. Het kost u een halve minuut.',
    '',
    link,
    '',
    'U kunt één keer een cijfer geven. Dank u wel!',
    '',
    `— ${gemeente}`,
    '',
    `(English) How did we do? Please rate your contact with ${gemeente} from 1 to 10: ${link}`,
  ].join('\n');
}

export function surveyMailer(options: { smtpUrl: string; from: string; logger: Logger }): SurveyMailer {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send({ to, link, gemeente, reference }) {
      try {
        await transport.sendMail({
          from: options.from,
          to,
          subject: `Wat vond u van ons contact? (${reference})`,
          text: surveyMailText(gemeente, reference, link),
        });
        options.logger.info('survey.mail_sent');
        return true;
      } catch (error) {
        // No address, no link: only what kind of failure it was.
        const code = (error as { code?: unknown }).code;
        options.logger.error('survey.mail_failed', { code: typeof code === 'string' ? code : 'unknown' });
        return false;
      }
    },
  };
}

/** A plausible e-mail address (one @, no spaces, a dot in the domain, at most 254 characters). */
export const isEmailAddress = (value: string): boolean =>
  value.length <= 254 && /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/.test(value);
