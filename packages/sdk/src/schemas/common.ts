// Shared building blocks of the domain schemas.
import * as z from 'zod/mini';
import { codePointLength, normalizeText } from '../text.ts';

const atMost = (max: number) =>
  z.refine<string>((s) => codePointLength(s) <= max, { message: `At most ${max} characters`, abort: true });
/** JSON Schema's maxLength counts code points too, so the OpenAPI document says what is checked. */
const documented = (schema: z.ZodMiniString, max: number): z.ZodMiniString =>
  schema.register(z.globalRegistry, { maxLength: max } as z.core.GlobalMeta);

/**
 * Free text: normalised (see `normalizeText`: no control characters but tab and newline, no
 * unpaired surrogates, NFC), then at most `max` code points. Longer text is refused, not cut:
 * the elements never let a resident type more, so a longer value is not a resident's.
 */
export const text = (max: number) => documented(z.string().check(z.overwrite(normalizeText), atMost(max)), max);
/** Free text as `text(max)`, trimmed, at least one character. */
export const nonEmptyText = (max: number) =>
  documented(z.string().check(z.overwrite(normalizeText), z.trim(), z.minLength(1), atMost(max)), max);
/** `YYYY-MM-DD`, a calendar date in Europe/Amsterdam. */
export const IsoDateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD'));
/** `HH:MM`, 24-hour clock. */
export const ClockTimeSchema = z
  .string()
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Expected a time as HH:MM'));
/** A phone number in E.164 (`+31612345678`). The SDK normalises with libphonenumber-js first. */
export const E164Schema = z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'Expected a phone number in E.164 form'));
/**
 * Only http(s) links are ever rendered. A URL as a browser gives it (`location.href`) has no
 * white space, control characters or unpaired surrogates (they are percent-encoded): one that does is refused.
 */
export const HttpUrlSchema = z.string().check(
  z.maxLength(2048),
  // eslint-disable-next-line no-control-regex
  z.regex(/^https?:\/\/[^\s\u0000-\u001f\u007f-\u009f\ud800-\udfff]+$/i, 'Expected an http(s) URL'),
);

export const LocaleSchema = z.enum(['nl', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const ChannelSchema = z.enum(['website', 'telefoon', 'e-mail', 'balie', 'chat']);
export type Channel = z.infer<typeof ChannelSchema>;

export const PageContextSchema = z.strictObject({
  url: HttpUrlSchema,
  title: z.optional(text(300)),
});
export type PageContext = z.infer<typeof PageContextSchema>;
