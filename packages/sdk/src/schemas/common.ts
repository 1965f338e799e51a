// Shared building blocks of the domain schemas.
import * as z from 'zod/mini';

export const text = (max: number) => z.string().check(z.maxLength(max));
export const nonEmptyText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
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

export const PageContextSchema = z.strictObject({
  url: HttpUrlSchema,
  title: z.optional(text(300)),
});
export type PageContext = z.infer<typeof PageContextSchema>;
