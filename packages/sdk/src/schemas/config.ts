import * as z from 'zod/mini';
import { HttpUrlSchema, nonEmptyText, text } from './common.ts';
import { OpeningHoursSpecSchema } from '../opening-hours/schema.ts';

// Config: GET /v1/config

export const CallbackTopicSchema = z.object({
  id: nonEmptyText(64),
  /** The label in Dutch. */
  label: nonEmptyText(120),
  /** The label in English. Without it the English form shows the Dutch label, marked `lang="nl"`. */
  labelEn: z.optional(nonEmptyText(120)),
  /**
   * The zaaktypen this topic covers (identificatie or URL, as the case status carries them in
   * `caseType`): "Bel mij terug" from the status of such a case selects this topic.
   */
  zaaktypen: z.optional(z.array(nonEmptyText(200)).check(z.maxLength(200))),
});
export type CallbackTopic = z.infer<typeof CallbackTopicSchema>;

/** Service norms of the contact centre (issue 12); every field has a default (see `serviceNorms`). */
export const ServiceNormsConfigSchema = z.object({
  /** Callback: the same working day, the next working day, or within `days` working days. */
  callback: z.optional(
    z.object({
      within: z.enum(['same-day', 'next-working-day', 'working-days']),
      days: z.optional(z.number().check(z.int(), z.gte(1), z.lte(20))),
    }),
  ),
  /** First response to a chat message left outside live hours, in working hours (default 8). */
  leftMessageHours: z.optional(z.number().check(z.int(), z.gte(1), z.lte(240))),
  /** Acknowledgement of a request, in working days (default 1). */
  acknowledgementDays: z.optional(z.number().check(z.int(), z.gte(1), z.lte(20))),
  /** The satisfaction norm, the mean score aimed for (default 7). */
  satisfaction: z.optional(z.number().check(z.gte(1), z.lte(10))),
});
export type ServiceNormsConfig = z.infer<typeof ServiceNormsConfigSchema>;

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
  /** Service norms of the contact centre (shown in the KCC console). */
  norms: z.optional(ServiceNormsConfigSchema),
});
export type GemeenteConfig = z.infer<typeof GemeenteConfigSchema>;
