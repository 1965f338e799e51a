// PII guard of the SDK: BSN by the 11-proef, Dutch phone notations, e-mail, IBAN (mod 97),
// and stripBsn as the last line of defence before feedback is sent.
import assert from 'node:assert/strict';
import test from 'node:test';
import { findPii, isValidBsn, isValidIban, stripBsn, type PiiKind } from '../../packages/sdk/src/pii.ts';

const kinds = (text: string): PiiKind[] => findPii(text).map((f) => f.kind);

/** An independent 11-proef, written from the rule: Σ d_i × (9…2), minus the last digit, mod 11 = 0. */
function elfProef(nineDigits: string): boolean {
  const d = [...nineDigits].map(Number);
  const sum = d.slice(0, 8).reduce((acc, digit, i) => acc + digit * (9 - i), 0) - d[8]!;
  return sum % 11 === 0 && !/^0+$/.test(nineDigits);
}

test('isValidBsn: known valid and invalid numbers by the 11-proef', () => {
  for (const valid of ['111222333', '123456782', '999999990', '1112.22.333', '111 222 333', '111-222-333']) {
    assert.equal(isValidBsn(valid), true, valid);
  }
  for (const invalid of ['123456789', '111222334', '000000000', '12345678a', '1234567890', '', '11122233']) {
    assert.equal(isValidBsn(invalid), false, invalid);
  }
});

test('isValidBsn agrees with an independent 11-proef on 2 000 generated numbers', () => {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  let valid = 0;
  for (let i = 0; i < 2000; i++) {
    const n = String(next() % 1_000_000_000).padStart(9, '0');
    const expected = elfProef(n);
    if (expected) valid++;
    assert.equal(isValidBsn(n), expected, n);
  }
  assert.ok(valid > 100, 'the sample contains valid numbers too');
});

test('findPii: a 9-digit number is a BSN only when it passes the 11-proef', () => {
  assert.deepEqual(kinds('Mijn BSN is 111222333.'), ['bsn']);
  assert.deepEqual(findPii('Mijn BSN is 111222333.'), [{ kind: 'bsn', start: 12, end: 21 }]);
  assert.deepEqual(kinds('bsn 123456782'), ['bsn']);
  assert.deepEqual(kinds('bsn 1112.22.333 en 111 222 333'), ['bsn', 'bsn']);
  const notBsn = (text: string) => kinds(text).filter((k) => k === 'bsn');
  assert.deepEqual(notBsn('ordernummer 123456789'), []);
  // (libphonenumber may read 111222334 as a number in area 0111; it is not a BSN either way)
  assert.deepEqual(notBsn('zaak 111222334'), []);
  assert.deepEqual(kinds('prijs 2024, postcode 6661 AB, huisnummer 12'), []);
  // part of a longer number is not a BSN
  assert.deepEqual(
    kinds('rekening 1112223330001').filter((k) => k === 'bsn'),
    [],
  );
});

test('findPii: Dutch phone numbers in common notations', () => {
  for (const phone of [
    '06 12345678',
    '06-12345678',
    '0612345678',
    '+31 6 1234 5678',
    '0031 6 12345678',
    '020 123 4567',
    '(020) 1234567',
  ]) {
    assert.deepEqual(kinds(`bel mij op ${phone} a.u.b.`), ['phone'], phone);
  }
  const [found] = findPii('bel 06-12345678');
  assert.deepEqual(found, { kind: 'phone', start: 4, end: 15 });
  assert.deepEqual(kinds('06 1234 567'), [], 'too short to be a number');
});

test('findPii: e-mail addresses', () => {
  assert.deepEqual(findPii('mail jan@example.nl'), [{ kind: 'email', start: 5, end: 19 }]);
  assert.deepEqual(kinds('j.de.vries+gemeente@mail.example.org'), ['email']);
  assert.deepEqual(kinds('de @ in een zin, of jan@localhost'), []);
});

test('findPii and isValidIban: IBAN with valid check digits only', () => {
  assert.equal(isValidIban('NL91ABNA0417164300'), true);
  assert.equal(isValidIban('NL91 ABNA 0417 1643 00'), true);
  assert.equal(isValidIban('NL92ABNA0417164300'), false);
  assert.deepEqual(kinds('iban NL91ABNA0417164300'), ['iban']);
  assert.deepEqual(kinds('iban NL91 ABNA 0417 1643 00'), ['iban']);
  assert.deepEqual(kinds('iban NL92ABNA0417164300'), []);
});

test('findPii: several kinds, sorted by position, without overlaps', () => {
  const text = 'jan.de.vries@gemeente.nl 111222333 06-12345678 NL91ABNA0417164300';
  const found = findPii(text);
  assert.deepEqual(
    found.map((f) => f.kind),
    ['email', 'bsn', 'phone', 'iban'],
  );
  for (let i = 1; i < found.length; i++) assert.ok(found[i]!.start >= found[i - 1]!.end);
  assert.equal(text.slice(found[1]!.start, found[1]!.end), '111222333');
});

test('stripBsn removes every detected BSN and nothing else', () => {
  assert.equal(stripBsn('Mijn BSN is 111222333.'), 'Mijn BSN is [BSN verwijderd].');
  assert.equal(stripBsn('111 222 333 en 123456782'), '[BSN verwijderd] en [BSN verwijderd]');
  assert.equal(stripBsn('ordernummer 123456789'), 'ordernummer 123456789');
  assert.equal(stripBsn('bel 06-12345678'), 'bel 06-12345678');
  assert.equal(stripBsn(''), '');
  const stripped = stripBsn('a 111222333 b 111.222.333 c');
  assert.ok(!/111\D?222\D?333/.test(stripped), stripped);
  assert.deepEqual(
    findPii(stripped).filter((f) => f.kind === 'bsn'),
    [],
  );
});

test('an IBAN followed by a word is still found', () => {
  const text = 'Mijn rekening NL91ABNA0417164300 klopt niet';
  const found = findPii(text).filter((f) => f.kind === 'iban');
  assert.equal(found.length, 1);
  assert.equal(text.slice(found[0]!.start, found[0]!.end), 'NL91ABNA0417164300');
  assert.equal(findPii('NL91 ABNA 0417 1643 00 is van mij').filter((f) => f.kind === 'iban').length, 1);
});

test("the gemeente's own and service numbers are not the resident's personal data", () => {
  assert.deepEqual(findPii('Ik belde 14 0345 en daarna 0800 1234 567'), []);
  assert.equal(findPii('bel mij op 06 12345678').filter((f) => f.kind === 'phone').length, 1);
});
