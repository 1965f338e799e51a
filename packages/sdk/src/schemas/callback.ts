import * as z from 'zod/mini';
import {
  ClockTimeSchema,
  E164Schema,
  IsoDateSchema,
  LocaleSchema,
  PageContextSchema,
  nonEmptyText,
  text,
} from './common.ts';

// Callback requests: POST /v1/callback-requests

export const PreferredMomentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('asap') }),
  z.strictObject({ kind: z.literal('slot'), date: IsoDateSchema, part: z.enum(['morning', 'afternoon']) }),
]);
export type PreferredMoment = z.infer<typeof PreferredMomentSchema>;

/** What a warm hand-off carries, so the resident does not start over. */
export const HandoffContextSchema = z.strictObject({
  source: z.optional(z.enum(['feedback', 'status-tracker', 'chat', 'page'])),
  topic: z.optional(text(120)),
  page: z.optional(PageContextSchema),
  caseReference: z.optional(text(64)),
  caseTitle: z.optional(text(200)),
  /** The case's zaaktype (see CaseStatus.caseType), to find the callback topic that covers it. */
  caseType: z.optional(text(200)),
  /** A short summary of a chat transcript or feedback. */
  summary: z.optional(text(2000)),
});
export type HandoffContext = z.infer<typeof HandoffContextSchema>;

export const CallbackRequestInputSchema = z.strictObject({
  phone: E164Schema,
  name: z.optional(text(100)),
  topic: z.optional(text(120)),
  question: z.optional(text(300)),
  preferred: PreferredMomentSchema,
  context: z.optional(HandoffContextSchema),
  locale: LocaleSchema,
});
export type CallbackRequestInput = z.infer<typeof CallbackRequestInputSchema>;

export const ExpectedCallbackSchema = z.discriminatedUnion('kind', [
  /** Open now: we call today, before `before` (HH:MM); opening later today: from `from` (HH:MM). */
  z.object({ kind: z.literal('today'), before: ClockTimeSchema, from: z.optional(ClockTimeSchema) }),
  /** Open now but closing within the usual window: today before `before`, else on `date`. */
  z.object({ kind: z.literal('today-or-next'), before: ClockTimeSchema, date: IsoDateSchema }),
  z.object({ kind: z.literal('next-working-day'), date: IsoDateSchema }),
  z.object({ kind: z.literal('slot'), date: IsoDateSchema, part: z.enum(['morning', 'afternoon']) }),
]);
export type ExpectedCallback = z.infer<typeof ExpectedCallbackSchema>;

export const CallbackReceiptSchema = z.object({
  id: nonEmptyText(64),
  /** Short reference the resident can quote, e.g. "TB-7K3QX". */
  reference: z.string().check(z.regex(/^[A-Z]{2}-[0-9A-Z]{4,10}$/, 'Expected a reference like TB-7K3QX')),
  expected: ExpectedCallbackSchema,
  receivedAt: z.string(),
});
export type CallbackReceipt = z.infer<typeof CallbackReceiptSchema>;
