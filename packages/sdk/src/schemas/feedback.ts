import * as z from 'zod/mini';
import { ChannelSchema, E164Schema, LocaleSchema, PageContextSchema, text, nonEmptyText } from './common.ts';

// Feedback: POST /v1/feedback

export const FeedbackReasonSchema = z.enum(['missing', 'unclear', 'broken', 'other']);
export type FeedbackReason = z.infer<typeof FeedbackReasonSchema>;

export const FeedbackInputSchema = z
  .strictObject({
    variant: z.enum(['page', 'score']),
    /** page variant: "Was deze informatie nuttig?" */
    useful: z.optional(z.boolean()),
    /** score variant: rapportcijfer 1–10. */
    score: z.optional(z.number().check(z.int(), z.gte(1), z.lte(10))),
    reasons: z.optional(z.array(FeedbackReasonSchema).check(z.maxLength(4))),
    comment: z.optional(text(500)),
    channel: ChannelSchema,
    /** Reference of the contact this score is about (e.g. "KC-123"). */
    contact: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'Expected a contact reference'))),
    /** score variant: "Mogen we u bellen over uw antwoord?" */
    callbackPhone: z.optional(E164Schema),
    page: PageContextSchema,
    locale: LocaleSchema,
  })
  .check(
    z.refine((v) => (v.variant === 'page' ? typeof v.useful === 'boolean' : typeof v.score === 'number'), {
      message: 'A page rating needs "useful"; a score needs "score"',
      path: ['variant'],
    }),
  );
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;

export const FeedbackReceiptSchema = z.object({
  id: nonEmptyText(64),
  receivedAt: z.string(),
});
export type FeedbackReceipt = z.infer<typeof FeedbackReceiptSchema>;
