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
