import { parsePhoneNumberFromString, type MetadataJson, type PhoneNumber } from 'libphonenumber-js/core';
import { metadataNL } from './phone/metadata-nl.ts';

export type PhoneProblem = 'empty' | 'invalid' | 'premium' | 'not_personal' | 'international_not_allowed';

export type PhoneCheck =
  | { ok: true; e164: string; kind: 'mobile' | 'landline' | 'other'; international: boolean }
  | { ok: false; problem: PhoneProblem };

export interface PhoneOptions {
  /** Accept numbers outside the Netherlands (needs `loadInternationalPhoneMetadata()` first). */
  allowInternational?: boolean;
  /** Metadata for other countries, from `loadInternationalPhoneMetadata()`. */
  international?: MetadataJson;
}

/** All countries' metadata, loaded only when a gemeente accepts foreign numbers. */
export async function loadInternationalPhoneMetadata(): Promise<MetadataJson> {
  const module = await import('libphonenumber-js/min/metadata');
  return (module.default ?? module) as MetadataJson;
}

const ACCEPTED_NL = new Set(['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE', 'VOIP']);
const PREMIUM_NL = new Set(['PREMIUM_RATE', 'SHARED_COST']);

/**
 * Checks a phone number a resident typed for a callback, with libphonenumber-js: Dutch
 * mobile and landline numbers in every common notation (`06 12345678`, `06-12345678`,
 * `+31 6 1234 5678`, `0031 6…`); refuses 0800/0900/0906/0909 and other non-personal
 * numbers (14 0xx, 112, pagers); foreign numbers only when allowed. Returns E.164.
 */
export function checkPhone(input: string, options: PhoneOptions = {}): PhoneCheck {
  const text = (input ?? '').trim();
  if (!text) return { ok: false, problem: 'empty' };
  if (/[^\d\s()+\-./]/.test(text)) return { ok: false, problem: 'invalid' };
  const normalised = text.replace(/^00(?=[1-9])/, '+');
  const nl = parsePhoneNumberFromString(normalised, 'NL', metadataNL);
  if (nl && nl.countryCallingCode === '31') return checkDutch(nl);
  if (!/^\+/.test(normalised)) return { ok: false, problem: 'invalid' };
  if (!options.allowInternational) return { ok: false, problem: 'international_not_allowed' };
  if (!options.international) return { ok: false, problem: 'invalid' };
  const foreign = parsePhoneNumberFromString(normalised, options.international);
  if (!foreign || !foreign.isValid()) return { ok: false, problem: 'invalid' };
  return { ok: true, e164: foreign.number, kind: 'other', international: true };
}

function checkDutch(number: PhoneNumber): PhoneCheck {
  if (!number.isValid()) return { ok: false, problem: 'invalid' };
  const type = number.getType();
  if (type && PREMIUM_NL.has(type)) return { ok: false, problem: 'premium' };
  if (!type || !ACCEPTED_NL.has(type)) return { ok: false, problem: 'not_personal' };
  return { ok: true, e164: number.number, kind: type === 'MOBILE' ? 'mobile' : 'landline', international: false };
}

/** A readable Dutch notation of an E.164 number ("06 12345678", "030 123 4567"). */
export function formatPhone(e164: string): string {
  const number = parsePhoneNumberFromString(e164, metadataNL);
  return number && number.countryCallingCode === '31' ? number.formatNational() : e164;
}
