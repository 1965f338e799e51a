/**
 * Domain schemas shared by the browser (adapters parse every response with them) and the
 * gateway (it validates every request body with them and generates its OpenAPI document
 * from them). Written with `zod/mini` to keep the browser bundle small.
 *
 * Conventions:
 * - `*InputSchema`: what a client sends. Strict: unknown keys are rejected, so a hostile
 *   extra field never reaches storage.
 * - response schemas: unknown extra keys are tolerated and stripped (a newer backend may
 *   add fields without breaking older widgets).
 */
import * as z from 'zod/mini';
import { OpeningHoursSpecSchema } from './opening-hours/schema.ts';

const text = (max: number) => z.string().check(z.maxLength(max));
const nonEmptyText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** `YYYY-MM-DD`, a calendar date in Europe/Amsterdam. */
export const IsoDateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD'));
/** `HH:MM`, 24-hour clock. */
export const ClockTimeSchema = z
  .string()
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Expected a time as HH:MM'));
/** A phone number in E.164 (`+31612345678`). The SDK normalises with libphonenumber-js first. */
export const E164Schema = z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'Expected a phone number in E.164 form'));
/** Only http(s) links are ever rendered. */
export const HttpUrlSchema = z
  .string()
  .check(z.maxLength(2048), z.regex(/^https?:\/\/[^\s]+$/i, 'Expected an http(s) URL'));

export const LocaleSchema = z.enum(['nl', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const ChannelSchema = z.enum(['website', 'telefoon', 'e-mail', 'balie', 'chat']);
export type Channel = z.infer<typeof ChannelSchema>;

/** The opening-hours spec as `openingHours()` takes it (same rules, same messages). */
export { OpeningHoursSpecSchema, type OpeningHoursSpec } from './opening-hours/schema.ts';

export const PageContextSchema = z.object({
  url: HttpUrlSchema,
  title: z.optional(text(300)),
});
export type PageContext = z.infer<typeof PageContextSchema>;

// ---------------------------------------------------------------------------------------
// Config: GET /v1/config

export const CallbackTopicSchema = z.object({
  id: nonEmptyText(64),
  label: nonEmptyText(120),
});
export type CallbackTopic = z.infer<typeof CallbackTopicSchema>;

export const GemeenteConfigSchema = z.object({
  /** The gemeente's name, e.g. "Gemeente West Betuwe". */
  name: nonEmptyText(120),
  /** A theme name from @dichtbij/themes. */
  theme: z.optional(text(64)),
  /** The number residents call, as shown ("14 0345"). */
  phone: nonEmptyText(40),
  privacyUrl: HttpUrlSchema,
  openingHours: OpeningHoursSpecSchema,
  callback: z.object({
    topics: z.array(CallbackTopicSchema),
    /** Usual time to call back during opening hours, in minutes (default 60). */
    withinMinutes: z.optional(z.number().check(z.int(), z.gte(1), z.lte(24 * 60))),
    /** Accept non-Dutch numbers. */
    allowInternational: z.optional(z.boolean()),
  }),
  chat: z.object({
    enabled: z.boolean(),
    /** Live chat hours; defaults to the opening hours. */
    liveHours: z.optional(OpeningHoursSpecSchema),
    agentsOnline: z.optional(z.number().check(z.int(), z.gte(0))),
  }),
});
export type GemeenteConfig = z.infer<typeof GemeenteConfigSchema>;

// ---------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------
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
  /** Open now: we call today, before `before` (HH:MM). */
  z.object({ kind: z.literal('today'), before: ClockTimeSchema }),
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

// ---------------------------------------------------------------------------------------
// Cases: GET /v1/cases/{reference}, GET /v1/cases

export const CaseStepSchema = z.object({
  title: nonEmptyText(200),
  /** The text for residents (ZGW statustekst, else omschrijving). */
  text: z.optional(text(1000)),
  state: z.enum(['done', 'current', 'upcoming']),
  completedAt: z.optional(z.nullable(z.string())),
});
export type CaseStep = z.infer<typeof CaseStepSchema>;

export const CaseStatusSchema = z.object({
  reference: nonEmptyText(64),
  title: nonEmptyText(200),
  startedOn: IsoDateSchema,
  plannedEnd: z.optional(z.nullable(IsoDateSchema)),
  deadline: z.optional(z.nullable(IsoDateSchema)),
  suspended: z.optional(
    z.nullable(z.object({ since: z.optional(z.nullable(IsoDateSchema)), reason: z.optional(text(500)) })),
  ),
  extended: z.optional(
    z.nullable(z.object({ days: z.optional(z.nullable(z.number())), reason: z.optional(text(500)) })),
  ),
  closed: z.boolean(),
  closedOn: z.optional(z.nullable(IsoDateSchema)),
  steps: z.array(CaseStepSchema).check(z.maxLength(200)),
});
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const CaseListSchema = z.object({ cases: z.array(CaseStatusSchema) });
export type CaseList = z.infer<typeof CaseListSchema>;

// ---------------------------------------------------------------------------------------
// Chat

export const ChatLinkSchema = z.object({ title: nonEmptyText(200), url: HttpUrlSchema });

export const ChatMessageSchema = z.object({
  id: nonEmptyText(64),
  /** Monotonic per session; used as the SSE event id for Last-Event-ID resume. */
  seq: z.number().check(z.int(), z.gte(0)),
  from: z.enum(['resident', 'bot', 'agent', 'system']),
  text: text(4000),
  at: z.string(),
  links: z.optional(z.array(ChatLinkSchema).check(z.maxLength(10))),
  quickReplies: z.optional(z.array(text(80)).check(z.maxLength(8))),
  /** Set by the client on resident messages so a retried send is not shown twice. */
  clientId: z.optional(text(64)),
  agentName: z.optional(text(80)),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ChatSessionSchema = z.object({
  id: nonEmptyText(64),
  state: z.enum(['bot', 'queued', 'live', 'ended']),
  position: z.optional(z.nullable(z.number())),
  agentName: z.optional(z.nullable(text(80))),
});
export type ChatSession = z.infer<typeof ChatSessionSchema>;

export const ChatMessageInputSchema = z.strictObject({
  text: nonEmptyText(1000),
  clientId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'Expected a client id')),
});
export type ChatMessageInput = z.infer<typeof ChatMessageInputSchema>;

export const ChatStartInputSchema = z.strictObject({
  page: z.optional(PageContextSchema),
  locale: LocaleSchema,
});
export type ChatStartInput = z.infer<typeof ChatStartInputSchema>;

// ---------------------------------------------------------------------------------------
// Errors: RFC 9457 problem details, as the gateway sends them.

export const ProblemSchema = z.object({
  type: z.optional(z.string()),
  title: z.optional(z.string()),
  status: z.optional(z.number()),
  detail: z.optional(z.string()),
  /** Invalid fields, by JSON path ("phone", "page.url"). */
  errors: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
  retryAfter: z.optional(z.number()),
});
export type Problem = z.infer<typeof ProblemSchema>;
