/**
 * The console's query parameters, validated at the boundary with zod: enums for fixed values
 * (never a lookup on a plain object, so `?done=constructor` is just invalid), bounded whole
 * numbers, and bounded text without control characters (the database refuses NUL). An invalid
 * value gets a 400 page in the console's style naming the parameter, never a 500.
 */
import * as z from 'zod/mini';
import { CALLBACK_STATUSES } from '../store/store.ts';
import { html, type SafeHtml } from './html.ts';

// C0/C1 control characters (tab and newline have no place in a query either).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const text = (max: number) =>
  z.string().check(
    z.maxLength(max, `At most ${max} characters`),
    z.refine((s) => !CONTROL.test(s) && !LONE_SURROGATE.test(s), 'No control characters'),
  );

const whole = (min: number, max: number) =>
  z
    .string()
    .check(
      z.refine((s) => /^\d{1,6}$/.test(s) && Number(s) >= min && Number(s) <= max, `A whole number ${min}–${max}`),
    );

export const QUEUE_FILTER_IDS = ['open', 'new', 'called', 'no_answer', 'done', 'all'] as const;
export const FEEDBACK_CHANNELS = ['website', 'telefoon', 'e-mail', 'balie', 'chat'] as const;

export const CallbacksQuerySchema = z.object({
  status: z.optional(z.enum(QUEUE_FILTER_IDS)),
  done: z.optional(z.enum([...CALLBACK_STATUSES, 'retry'])),
  page: z.optional(whole(1, 100_000)),
  q: z.optional(text(100)),
  /** One of the staff member's gemeenten (several in one gateway). */
  gemeente: z.optional(text(64)),
});

export const FeedbackQuerySchema = z.object({
  weeks: z.optional(whole(1, 52)),
  channel: z.optional(z.enum(FEEDBACK_CHANNELS)),
  page: z.optional(text(2048)),
  gemeente: z.optional(text(64)),
});

export const DashboardQuerySchema = z.object({
  weeks: z.optional(whole(1, 52)),
  /** The gemeente whose figures to show (one of the staff member's; default the first). */
  gemeente: z.optional(text(64)),
});

export type QueryResult<T> = { ok: true; data: T } | { ok: false; field: string };

/** The first value of each parameter (empty ones left out), checked with `schema`. */
export function parseQuery<S extends z.ZodMiniType>(url: string, schema: S): QueryResult<z.output<S>> {
  const values = new Map<string, string>();
  for (const [key, value] of new URL(url).searchParams) {
    if (value !== '' && !values.has(key)) values.set(key, value);
  }
  const result = schema.safeParse(Object.fromEntries(values));
  if (result.success) return { ok: true, data: result.data as z.output<S> };
  return { ok: false, field: String(result.error.issues[0]?.path[0] ?? 'query') };
}

/** The 400 page: which parameter, and the way back. */
export function badQueryView(field: string, back: { href: string; label: string }): SafeHtml {
  return html`<h1>Dit adres klopt niet</h1>
    <p class="error" role="alert">
      De waarde van <code>${field}</code> in het adres kan niet worden gebruikt. Kies een filter of pagina via de links
      op de pagina.
    </p>
    <p><a href="${back.href}">${back.label}</a></p>`;
}
