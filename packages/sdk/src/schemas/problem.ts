import * as z from 'zod/mini';

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
