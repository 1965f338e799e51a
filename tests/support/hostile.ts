// Hostile text for property tests: strings made of any code point, unpaired surrogates, C0/C1
// controls, combining marks, joiners and emoji sequences (what a person, a paste or a broken
// client can send).
import fc from 'fast-check';

export const hostileUnit: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u0301', '\u0308', '\u200d', '\ufe0f', '\r\n', '\r', '\u2028', '\ufeff', '\ufffe'),
  fc.constantFrom('👍', '👨‍👩‍👧', '🇳🇱', 'é', 'e\u0301', '한', '\u1100\u1161\u11a8', 'ﬁ'),
);

export const hostileString: fc.Arbitrary<string> = fc.string({ unit: hostileUnit, maxLength: 60 });
