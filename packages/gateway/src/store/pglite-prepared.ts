/**
 * Prepared statements for PGlite. `PGlite.query()` parses, describes and plans every statement
 * again and crosses into WebAssembly six times per call; here a statement is parsed and
 * described once (a named server-side prepared statement) and every later call is one
 * Bind/Execute/Sync round trip that reuses the plan: about half the CPU per query. Values are
 * serialised and rows parsed with PGlite's own serialisers and parsers, so results are the
 * same as with `query()`. Used for statements outside transactions (the hot paths).
 */
import type { PGlite, protocol as Protocol } from '@electric-sql/pglite';

interface Statement {
  name: string;
  paramTypes: number[];
  fields: { name: string; dataTypeID: number }[];
}

type Codec = Record<number, ((value: unknown, typeId?: number) => unknown) | undefined>;
interface Message {
  name: string;
  fields?: (string | null)[];
  dataTypeIDs?: number[];
}

const MAX_STATEMENTS = 500;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** `protocol` is PGlite's export of the same name (passed in: PGlite is loaded only when used). */
export function preparedQueries(pg: PGlite, protocol: typeof Protocol) {
  const { serialize } = protocol;
  const statements = new Map<string, Promise<Statement>>();
  const codecs = pg as unknown as { serializers: Codec; parsers: Codec };
  // PGlite's lock order: the transaction lock, then the query lock (as PGlite.query does).
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> =>
    (pg as unknown as { _runExclusiveTransaction<R>(f: () => Promise<R>): Promise<R> })._runExclusiveTransaction(() =>
      pg.runExclusive(fn),
    );

  async function prepare(sql: string): Promise<Statement> {
    const name = `dichtbij_${statements.size + 1}`;
    const result = await exclusive(() =>
      pg.execProtocol(
        concat([
          serialize.parse({ name, text: sql, types: [] }),
          serialize.describe({ type: 'S', name }),
          serialize.sync(),
        ]),
      ),
    );
    const messages = result.messages as unknown as Message[];
    const params = messages.find((m) => m.name === 'parameterDescription') as { dataTypeIDs: number[] } | undefined;
    const rows = messages.find((m) => m.name === 'rowDescription') as
      { fields: { name: string; dataTypeID: number }[] } | undefined;
    return {
      name,
      paramTypes: params?.dataTypeIDs ?? [],
      fields: rows?.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) ?? [],
    };
  }

  const serializeValue = (value: unknown, typeId: number): string | null => {
    if (value === null || value === undefined) return null;
    const serializer = codecs.serializers[typeId];
    return serializer ? (serializer(value) as string) : String(value);
  };
  const parseValue = (value: string | null, typeId: number): unknown => {
    if (value === null) return null;
    const parser = codecs.parsers[typeId];
    return parser ? parser(value, typeId) : value;
  };

  return {
    /** Whether this statement may take the prepared path (bounded: statements are static SQL). */
    accepts: (sql: string) => statements.has(sql) || statements.size < MAX_STATEMENTS,

    async query<T>(sql: string, params: unknown[]): Promise<T[]> {
      let statement = statements.get(sql);
      if (!statement) {
        statement = prepare(sql);
        statements.set(sql, statement);
        statement.catch(() => statements.delete(sql));
      }
      const { name, paramTypes, fields } = await statement;
      const values = params.map((v, i) => serializeValue(v, paramTypes[i] ?? 0));
      const result = await exclusive(() =>
        pg.execProtocol(concat([serialize.bind({ statement: name, values }), serialize.execute({}), serialize.sync()])),
      );
      const rows: T[] = [];
      for (const m of result.messages as unknown as Message[]) {
        if (m.name !== 'dataRow' || !m.fields) continue;
        const row: Record<string, unknown> = {};
        fields.forEach((f, i) => {
          row[f.name] = parseValue(m.fields![i] ?? null, f.dataTypeID);
        });
        rows.push(row as T);
      }
      return rows;
    },
  };
}
