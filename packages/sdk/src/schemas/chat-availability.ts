import * as z from 'zod/mini';

// GET /v1/chat/availability: whether a person can take over a chat now, as the backend sees it
// (live-chat hours by its clock, and the staff present now).

export const ChatAvailabilityReportSchema = z.object({
  enabled: z.boolean(),
  /** Live-chat hours now and at least one staff member present. */
  live: z.boolean(),
  agentsOnline: z.number().check(z.int(), z.gte(0)),
  /** When live-chat hours start again (ISO date-time), when closed now; null within the hours. */
  nextLive: z.nullable(z.iso.datetime({ offset: true })),
});
export type ChatAvailabilityReport = z.infer<typeof ChatAvailabilityReportSchema>;
