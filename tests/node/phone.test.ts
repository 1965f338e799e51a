// The SDK's phone module (packages/sdk/src/phone.ts): Dutch numbers in every common notation to
// E.164, refused numbers with the right problem code, foreign numbers only when allowed, and the
// generated NL-only metadata equal to what the script makes from the installed libphonenumber-js.
import assert from 'node:assert/strict';
import test, { before, describe } from 'node:test';
import {
  checkPhone,
  formatPhone,
  loadInternationalPhoneMetadata,
  type PhoneProblem,
} from '../../packages/sdk/src/phone.ts';
import { metadataNL } from '../../packages/sdk/src/phone/metadata-nl.ts';
// @ts-expect-error: a plain .mjs build script without type declarations
import { nlMetadata } from '../../packages/sdk/scripts/phone-metadata.mjs';

type MetadataJson = Awaited<ReturnType<typeof loadInternationalPhoneMetadata>>;

describe('Dutch numbers in common notations', () => {
  const valid: [string, string, 'mobile' | 'landline'][] = [
    ['06 12345678', '+31612345678', 'mobile'],
    ['06-12345678', '+31612345678', 'mobile'],
    ['0612345678', '+31612345678', 'mobile'],
    ['06 1234 5678', '+31612345678', 'mobile'],
    ['06.12.34.56.78', '+31612345678', 'mobile'],
    ['+31 6 1234 5678', '+31612345678', 'mobile'],
    ['+31612345678', '+31612345678', 'mobile'],
    ['+31 (0)6 12345678', '+31612345678', 'mobile'],
    ['0031 6 12345678', '+31612345678', 'mobile'],
    ['0031612345678', '+31612345678', 'mobile'],
    ['  06 12345678  ', '+31612345678', 'mobile'],
    ['030 123 4567', '+31301234567', 'landline'],
    ['030-1234567', '+31301234567', 'landline'],
    ['030 - 123 45 67', '+31301234567', 'landline'],
    ['(030) 123 45 67', '+31301234567', 'landline'],
    ['(0345) 12 34 56', '+31345123456', 'landline'],
    ['0345-123456', '+31345123456', 'landline'],
    ['020 555 1234', '+31205551234', 'landline'],
    ['+31 30 123 4567', '+31301234567', 'landline'],
    ['0031 345 123456', '+31345123456', 'landline'],
    ['085 123 4567', '+31851234567', 'landline'],
  ];
  for (const [text, e164, kind] of valid) {
    test(`accepts ${JSON.stringify(text)} as ${e164}`, () => {
      assert.deepEqual(checkPhone(text), { ok: true, e164, kind, international: false });
    });
  }
});

describe('refused numbers say what is wrong', () => {
  const refused: [string, PhoneProblem][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['0800 1234', 'not_personal'],
    ['0800-0432', 'not_personal'],
    ['0800 123 4567', 'not_personal'],
    ['0900 1234567', 'premium'],
    ['0900-8844', 'premium'],
    ['0906 1234567', 'premium'],
    ['0909 1234567', 'premium'],
    ['14 0345', 'not_personal'],
    ['140345', 'not_personal'],
    ['14 020', 'not_personal'],
    ['088 123 4567', 'not_personal'],
    ['112', 'invalid'],
    ['0', 'invalid'],
    ['06 1234', 'invalid'],
    ['06 123456789', 'invalid'],
    ['0612345678901', 'invalid'],
    ['abc', 'invalid'],
    ['06-1234567a', 'invalid'],
    ['06 12345678 (werk)', 'invalid'],
    ['mail@example.nl', 'invalid'],
    ['<script>alert(1)</script>', 'invalid'],
    ['+32 470 12 34 56', 'international_not_allowed'],
    ['0032 470 123456', 'international_not_allowed'],
    ['+49 30 1234567', 'international_not_allowed'],
    ['+44 20 7946 0958', 'international_not_allowed'],
  ];
  for (const [text, problem] of refused) {
    test(`refuses ${JSON.stringify(text)}: ${problem}`, () => {
      assert.deepEqual(checkPhone(text), { ok: false, problem });
    });
  }

  test('not a string (from untyped code): empty, no crash', () => {
    assert.deepEqual(checkPhone(undefined as unknown as string), { ok: false, problem: 'empty' });
  });
});

describe('foreign numbers when the gemeente allows them', () => {
  let international: MetadataJson;
  before(async () => {
    international = await loadInternationalPhoneMetadata();
  });

  const foreign: [string, string][] = [
    ['+32 470 12 34 56', '+32470123456'],
    ['0032 470 123456', '+32470123456'],
    ['+49 30 1234567', '+49301234567'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 212 555 0123', '+12125550123'],
  ];
  for (const [text, e164] of foreign) {
    test(`accepts ${JSON.stringify(text)} as ${e164}`, () => {
      assert.deepEqual(checkPhone(text, { allowInternational: true, international }), {
        ok: true,
        e164,
        kind: 'other',
        international: true,
      });
    });
  }

  test('loads metadata for all countries', () => {
    assert.ok(Object.keys((international as { countries: object }).countries).length > 200);
  });

  test('an invalid foreign number is still invalid', () => {
    assert.deepEqual(checkPhone('+32 12', { allowInternational: true, international }), {
      ok: false,
      problem: 'invalid',
    });
    assert.deepEqual(checkPhone('+999 1234567', { allowInternational: true, international }), {
      ok: false,
      problem: 'invalid',
    });
  });

  test('Dutch rules still apply: no premium numbers through the back door', () => {
    assert.deepEqual(checkPhone('+31 900 1234567', { allowInternational: true, international }), {
      ok: false,
      problem: 'premium',
    });
    assert.deepEqual(checkPhone('06 12345678', { allowInternational: true, international }), {
      ok: true,
      e164: '+31612345678',
      kind: 'mobile',
      international: false,
    });
  });

  test('allowed but metadata not loaded: refused as invalid, never accepted unchecked', () => {
    assert.deepEqual(checkPhone('+32 470 12 34 56', { allowInternational: true }), { ok: false, problem: 'invalid' });
  });
});

describe('formatPhone', () => {
  test('Dutch numbers in national notation; foreign ones as given', () => {
    assert.equal(formatPhone('+31612345678'), '06 12345678');
    assert.equal(formatPhone('+31301234567'), '030 123 4567');
    assert.equal(formatPhone('+32470123456'), '+32470123456');
  });
});

describe('NL-only metadata', () => {
  test('equals what scripts/phone-metadata.mjs makes from the installed libphonenumber-js (run it after an upgrade)', () => {
    assert.deepEqual(
      metadataNL,
      nlMetadata(),
      'packages/sdk/src/phone/metadata-nl.ts is stale: run node packages/sdk/scripts/phone-metadata.mjs',
    );
  });

  test('holds the Netherlands only, with number types', () => {
    const m = metadataNL as unknown as { country_calling_codes: object; countries: Record<string, unknown[]> };
    assert.deepEqual(Object.keys(m.countries), ['NL']);
    assert.deepEqual(m.country_calling_codes, { 31: ['NL'] });
    // The "max" metadata carries the per-type patterns (mobile, fixed line, premium…) at the end.
    assert.ok(Array.isArray(m.countries.NL!.at(-1)), 'number types present');
  });
});
