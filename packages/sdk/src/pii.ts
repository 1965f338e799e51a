import { findPhoneNumbersInText } from 'libphonenumber-js/core';
import { metadataNL } from './phone/metadata-nl.ts';
import { checkPhone } from './phone.ts';

export type PiiKind = 'bsn' | 'phone' | 'email' | 'iban';
export interface PiiFinding {
  kind: PiiKind;
  start: number;
  end: number;
}

/** The 11-proef for a BSN: 9 digits, weights 9…2 and −1, sum divisible by 11, not all zeros. */
export function isValidBsn(value: string): boolean {
  const digits = value.replace(/[\s.-]/g, '');
  if (!/^\d{8,9}$/.test(digits)) return false;
  const d = digits.padStart(9, '0');
  if (/^0+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i);
  sum -= Number(d[8]);
  return sum % 11 === 0;
}

/** IBAN check digits (ISO 13616, mod 97). */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const BSN_CANDIDATE = /(?<![\d.-])\d(?:[\s.-]?\d){7,8}(?![\d.-]?\d)/g;
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/gi;
const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]){10,30}\b/gi;

/**
 * Finds personal data a resident should not type into a feedback box: a BSN (passing the
 * 11-proef), a Dutch phone number (libphonenumber-js), an e-mail address, an IBAN (mod 97).
 * A 9-digit number that fails the 11-proef is not flagged as a BSN.
 */
export function findPii(text: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const m of text.matchAll(IBAN_CANDIDATE)) {
    // The candidate may run on into the next word ("NL91ABNA0417164300 klopt"): shorten it.
    for (let candidate = m[0]; candidate.length >= 15; candidate = candidate.slice(0, -1).trimEnd()) {
      if (isValidIban(candidate)) {
        found.push({ kind: 'iban', start: m.index, end: m.index + candidate.length });
        break;
      }
    }
  }
  for (const m of text.matchAll(EMAIL)) found.push({ kind: 'email', start: m.index, end: m.index + m[0].length });
  const overlaps = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  for (const m of text.matchAll(BSN_CANDIDATE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length === 9 && isValidBsn(digits) && !overlaps(m.index, m.index + m[0].length)) {
      found.push({ kind: 'bsn', start: m.index, end: m.index + m[0].length });
    }
  }
  for (const n of findPhoneNumbersInText(text, { defaultCountry: 'NL', extended: false }, metadataNL)) {
    // 14 0345, 0800 and 0900 numbers belong to organisations, not to the resident.
    if (!overlaps(n.startsAt, n.endsAt) && checkPhone(text.slice(n.startsAt, n.endsAt)).ok) {
      found.push({ kind: 'phone', start: n.startsAt, end: n.endsAt });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text with every detected BSN removed (what is sent never contains one). */
export function stripBsn(text: string): string {
  const bsns = findPii(text).filter((f) => f.kind === 'bsn');
  let out = text;
  for (const f of bsns.reverse()) out = `${out.slice(0, f.start)}[BSN verwijderd]${out.slice(f.end)}`;
  return out;
}
