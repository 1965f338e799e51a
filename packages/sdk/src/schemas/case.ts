import * as z from 'zod/mini';
import { IsoDateSchema, nonEmptyText, text } from './common.ts';

// Cases: GET /v1/cases/{reference}, GET /v1/cases

export const CaseStepSchema = z.object({
  title: nonEmptyText(200),
  /** The text for residents (ZGW statustekst, else omschrijving). */
  text: z.optional(text(1000)),
  state: z.enum(['done', 'current', 'upcoming']),
  completedAt: z.optional(z.nullable(z.string())),
});
export type CaseStep = z.infer<typeof CaseStepSchema>;

/** What kind of case it is: it decides the word residents read ("uw aanvraag", "uw melding"). */
export const CaseKindSchema = z.enum(['aanvraag', 'melding', 'klacht', 'bezwaar']);
export type CaseKind = z.infer<typeof CaseKindSchema>;

export const CaseStatusSchema = z.object({
  reference: nonEmptyText(64),
  title: nonEmptyText(200),
  /** The zaaktype: its identificatie (or URL). Callback topics can list it (`zaaktypen`). */
  caseType: z.optional(text(200)),
  /** The kind of case, when the backend knows it; otherwise `caseKind()` derives it. */
  kind: z.optional(CaseKindSchema),
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
