// Requests generated from an OpenAPI 3.1 document with fast-check: values that follow the JSON
// Schemas (with hostile text where text is free), then hostile variants of them: a field replaced
// by NUL or an unpaired surrogate, a huge number, a wrong type or a prototype key, a required
// field left out, an unknown field added, malformed JSON, invalid UTF-8, a wrong content type,
// a missing or reused Idempotency-Key, a foreign Origin, hostile path and query parameters.
import fc from 'fast-check';
import { hostileString, hostileUnit } from './hostile.ts';

export type JsonSchema = Record<string, unknown>;

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: JsonSchema }[];
  bodySchema?: JsonSchema;
  /** The statuses the document declares ("default" included when present). */
  statuses: Set<string>;
}

export interface FuzzRequest {
  operation: Operation;
  url: string;
  init: RequestInit & { headers: Record<string, string> };
  /** What was done to it, for the failure message. */
  note: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operations(doc: JsonSchema): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, JsonSchema>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const body = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content?.[
        'application/json'
      ]?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        operationId: String(op.operationId),
        parameters: (op.parameters as Operation['parameters']) ?? [],
        ...(body ? { bodySchema: body } : {}),
        statuses: new Set(Object.keys(op.responses as object)),
      });
    }
  }
  return out;
}

/** Follows a local `$ref`. */
function resolve(doc: JsonSchema, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const parts = (s.$ref as string).replace(/^#\//, '').split('/');
    s = parts.reduce<JsonSchema>((node, key) => node[key] as JsonSchema, doc);
  }
  return s;
}

const cap = (n: unknown, fallback: number) => (typeof n === 'number' ? n : fallback);

/** Values that follow `schema` (free text drawn from hostile strings, which the gateway must accept). */
export function valueOf(doc: JsonSchema, input: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, input);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const union = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (union) return fc.oneof(...union.map((s) => valueOf(doc, s, depth + 1)));
  const type = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  if (type.length > 1) return fc.oneof(...type.map((t) => valueOf(doc, { ...schema, type: t }, depth + 1)));
  switch (type[0]) {
    case 'string': {
      if (typeof schema.pattern === 'string') {
        if (/^\^https\?:/.test(schema.pattern)) return fc.webUrl({ withQueryParameters: true, withFragments: true });
        const max = cap(schema.maxLength, 64);
        return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= max);
      }
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      const max = cap(schema.maxLength, 80);
      const min = cap(schema.minLength, 0);
      return fc.oneof(
        { weight: 6, arbitrary: fc.string({ unit: hostileUnit, minLength: min, maxLength: Math.min(max, 40) }) },
        // Around the maximum: exactly at it (accepted) and just over it (refused, naming the field).
        { weight: 1, arbitrary: fc.integer({ min: Math.max(min, max - 2), max: max + 2 }).map((n) => '😀'.repeat(n)) },
      );
    }
    case 'integer':
      return fc.integer({ min: cap(schema.minimum, -1000), max: cap(schema.maximum, 1000) });
    case 'number':
      return fc.double({ min: cap(schema.minimum, -1e6), max: cap(schema.maximum, 1e6), noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items ? valueOf(doc, schema.items as JsonSchema, depth + 1) : fc.anything();
      return fc.array(items, { minLength: cap(schema.minItems, 0), maxLength: Math.min(cap(schema.maxItems, 4), 4) });
    }
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      if (depth > 6) return fc.constant({});
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, s] of Object.entries(props)) record[key] = valueOf(doc, s, depth + 1);
      return fc.record(record, { requiredKeys: (schema.required as string[] | undefined) ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A raw JSON number text that JSON.stringify cannot make: spliced in after stringifying. */
const RAW = (text: string) => `@@RAW:${text}@@`;
const unraw = (json: string) => json.replace(/"@@RAW:([^@]*)@@"/g, '$1');

/** A value of the wrong kind, or one a database or a JavaScript object would choke on. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\ud83d',
    '',
    ' ',
    '__proto__',
    'constructor',
    'toString',
    'x'.repeat(5000),
  ),
  fc.constantFrom(
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    -0,
    0.5,
    2 ** 31,
    -(2 ** 63),
    RAW('1e400'),
    RAW('-1e400'),
    RAW('123456789012345678901234567890'),
    RAW('1E-400'),
  ),
  fc.constantFrom(true, false, null, [], {}, [null], [[[]]], { __proto__: null }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
  fc.constant({ constructor: { prototype: { polluted: true } } }),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'a\u0000', '\ud800'),
    fc.jsonValue({ maxDepth: 1 }),
    { maxKeys: 3 },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

type Path = (string | number)[];
function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, [...at, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}
function setAt(root: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (!path.length) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A body: valid, mutated at one place, or raw bytes/text that are not what the route reads. */
function bodyOf(
  doc: JsonSchema,
  schema: JsonSchema,
  fix?: (value: unknown) => unknown,
): fc.Arbitrary<{ body: BodyInit; note: string; json: boolean }> {
  const generated = valueOf(doc, schema);
  // Rules a JSON Schema cannot say (a callable phone number, an open day): mostly kept, so that
  // requests get past validation to the store.
  const valid = fix
    ? fc.tuple(generated, fc.integer({ min: 0, max: 9 })).map(([v, n]) => (n < 8 ? fix(structuredClone(v)) : v))
    : generated;
  const asJson = (v: unknown, note: string) => ({ body: unraw(JSON.stringify(v)), note, json: true });
  const mutated = valid.chain((v) => {
    const all = paths(v);
    return fc
      .record({
        at: fc.integer({ min: 0, max: all.length - 1 }),
        how: fc.constantFrom('replace', 'replace', 'remove', 'add'),
        value: hostileValue,
        key: fc.constantFrom('__proto__', 'constructor', 'extra', 'prototype', 'a\u0000b', '\ud800'),
      })
      .map(({ at, how, value, key }) => {
        const path = all[at]!;
        if (how === 'add') {
          const node = path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], v);
          const isObject = (x: unknown) => !!x && typeof x === 'object' && !Array.isArray(x);
          const target = isObject(node) ? path : isObject(v) ? [] : undefined;
          if (target) return asJson(setAt(v, [...target, key], value, false), `added ${key} at ${target.join('.')}`);
        }
        return asJson(setAt(v, path, value, how === 'remove'), `${how} ${path.join('.') || '(root)'}`);
      });
  });
  const raw = fc
    .oneof(
      fc.constantFrom('', '{', '{"a":', '[]', 'null', '"x"', '1', 'true', '{"a":1}{', '\ufeff{}', '{"a":"\\ud800"}'),
      fc.constant('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
      fc.constant(`{"x":"${'y'.repeat(20_000)}"}`),
      fc.uint8Array({ minLength: 1, maxLength: 16 }).map((b) => new Uint8Array([0x7b, 0x22, 0xff, 0xfe, ...b])),
    )
    .map((body) => ({ body: body as BodyInit, note: 'raw body', json: false }));
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((v) => asJson(v, 'valid')) },
    { weight: 5, arbitrary: mutated },
    { weight: 1, arbitrary: raw },
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/problem+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  '',
];

/** A header value: what the schema asks for, or hostile visible/latin-1 text. */
function headerValue(doc: JsonSchema, schema: JsonSchema | undefined): fc.Arbitrary<string | undefined> {
  const printable = fc.string({
    unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)),
    maxLength: 300,
  });
  return fc.oneof(
    schema
      ? valueOf(doc, schema).map((v) => (typeof v === 'string' ? v.replace(/[^\x20-\xff]/g, '') : String(v)))
      : printable,
    printable,
    fc.constant(undefined),
  );
}

/** A path segment: from the schema, one of the `known` values (e.g. a real chat id), or hostile. */
function segment(doc: JsonSchema, schema: JsonSchema | undefined, known: string[]): fc.Arbitrary<string> {
  const encode = (s: string) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return '%ED%A0%80'; // an unpaired surrogate, as UTF-8 bytes
    }
  };
  return fc.oneof(
    ...(known.length ? [{ weight: 4, arbitrary: fc.constantFrom(...known) }] : []),
    { weight: 3, arbitrary: schema ? valueOf(doc, schema).map((v) => encode(String(v))) : fc.constant('x') },
    { weight: 2, arbitrary: hostileString.map(encode) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%00', '%2F..%2F', '..', '%', '%E0%A4%A', 'constructor', '__proto__', 'x'.repeat(300)),
    },
  );
}

export interface FuzzOptions {
  /** Known values for path and query parameters by name (e.g. `id`: chat ids that exist; `gemeente`). */
  known?: Record<string, () => string[]>;
  /** Idempotency-Keys used more than once (replays and conflicts). */
  reusedKeys?: string[];
  /** Per operationId: makes a generated body follow the rules the schema cannot express. */
  fix?: Record<string, (value: unknown) => unknown>;
}

let fresh = 0;

/** Requests for one operation. */
export function requestsFor(doc: JsonSchema, op: Operation, options: FuzzOptions = {}): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const others = op.parameters.filter((p) => p.in !== 'path');
  const params = fc.record(
    Object.fromEntries(pathParams.map((p) => [p.name, segment(doc, p.schema, options.known?.[p.name]?.() ?? [])])),
  ) as fc.Arbitrary<Record<string, string>>;
  const extra = fc.record(
    Object.fromEntries(
      others.map((p) => {
        if (p.name.toLowerCase() === 'idempotency-key') {
          return [
            p.name,
            fc.oneof(
              { weight: 5, arbitrary: fc.constant('fresh') },
              { weight: 2, arbitrary: fc.constantFrom(...(options.reusedKeys ?? ['reused-key-1'])) },
              { weight: 2, arbitrary: headerValue(doc, undefined) },
            ),
          ];
        }
        if (p.in === 'query') {
          const any = p.schema ? valueOf(doc, p.schema).map(String) : fc.string();
          const known = options.known?.[p.name]?.() ?? [];
          // A parameter that selects (e.g. `gemeente`): mostly absent or a known value, so most requests
          // reach past it; sometimes made up or hostile.
          if (known.length)
            return [
              p.name,
              fc.oneof(
                { weight: 6, arbitrary: fc.constantFrom(undefined, ...known) },
                { weight: 1, arbitrary: any },
                { weight: 1, arbitrary: hostileString },
              ),
            ];
          return [p.name, fc.oneof(any, hostileString, fc.constant(undefined))];
        }
        return [p.name, headerValue(doc, p.schema)];
      }),
    ),
  ) as fc.Arbitrary<Record<string, string | undefined>>;
  const body = op.bodySchema ? bodyOf(doc, op.bodySchema, options.fix?.[op.operationId]) : fc.constant(undefined);
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  );
  const origin = fc.oneof(
    { weight: 9, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null') },
  );
  return fc.record({ params, extra, body, contentType, origin }).map(({ params, extra, body, contentType, origin }) => {
    let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'x');
    const headers: Record<string, string> = {};
    const query = new URLSearchParams();
    const notes: string[] = [];
    for (const p of others) {
      let value = extra[p.name];
      if (value === undefined) continue;
      if (value === 'fresh') value = `fuzz-${process.pid}-${++fresh}`;
      if (p.in === 'query') query.set(p.name, value.replace(/[\ud800-\udfff]/g, '\ufffd'));
      else headers[p.name.toLowerCase()] = value;
    }
    if (query.size) url += `?${query.toString()}`;
    if (origin) headers.origin = origin;
    const init: FuzzRequest['init'] = { method: op.method, headers };
    if (body) {
      if (contentType) headers['content-type'] = contentType;
      init.body = body.body;
      notes.push(body.note);
    }
    if (origin) notes.push(`origin ${origin}`);
    if (contentType !== 'application/json' && body) notes.push(`content-type ${contentType || '(none)'}`);
    return { operation: op, url, init, note: notes.join(', ') || 'no body' };
  });
}
