/**
 * The personal survey link after a callback (issue 12): the feedback widget's e-mail-link
 * prefill (`dichtbij-contact`, `dichtbij-channel`) with a signed contact reference
 * `{callback id}.{HMAC}`, so a resident can score that one contact and nobody can make up a
 * reference for another. The HMAC is keyed with the deployment's secret in the store (the same
 * on every instance) and separated from its other uses by a prefix. The token fits the widget's
 * contact pattern (1–64 letters, digits, `.`, `_`, `-`).
 */
import { timingSafeEqual } from 'node:crypto';
import { FEEDBACK_LINK_PARAMS } from '@dichtbij/sdk/feedback-link';
import type { Store } from '../store/store.ts';

const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{22})$/;
/** Looks like a survey token (a uuid, a dot, a MAC): the feedback route then requires a valid one. */
export const looksLikeSurveyToken = (value: string | undefined): boolean => !!value && /^[0-9a-f-]{36}\./i.test(value);

const mac = (store: Store, callbackId: string) => store.pseudonym(`survey:callback:${callbackId}`).slice(0, 22);

/** The signed contact reference for one callback request. */
export function surveyToken(store: Store, callbackId: string): string {
  return `${callbackId.toLowerCase()}.${mac(store, callbackId.toLowerCase())}`;
}

/** The callback id of a valid token; undefined when it is malformed or its MAC does not match. */
export function verifySurveyToken(store: Store, token: string): string | undefined {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const [, id, given] = match;
  const a = Buffer.from(given!);
  const b = Buffer.from(mac(store, id!));
  return a.length === b.length && timingSafeEqual(a, b) ? id : undefined;
}

/** The resident's link: the survey page with the token as contact and "telefoon" as channel. */
export function surveyLink(pageUrl: string, token: string): string {
  const url = new URL(pageUrl);
  url.searchParams.set(FEEDBACK_LINK_PARAMS.contact, token);
  url.searchParams.set(FEEDBACK_LINK_PARAMS.channel, 'telefoon');
  return url.href;
}
