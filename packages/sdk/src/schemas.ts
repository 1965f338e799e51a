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

// One module per domain, so a page that uses one element only bundles the schemas it needs.
export * from './schemas/common.ts';
export { OpeningHoursSpecSchema, type OpeningHoursSpec } from './opening-hours/schema.ts';
export * from './schemas/config.ts';
export * from './schemas/feedback.ts';
export * from './schemas/callback.ts';
export * from './schemas/case.ts';
export * from './schemas/chat.ts';
export * from './schemas/problem.ts';
