import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';

/**
 * Fuzzing every operation of the OpenAPI document: requests are generated from the operation's own schemas (path,
 * query, headers, JSON body), valid ones and invalid ones (a required field dropped, a value of the wrong type, an
 * unknown field, a junk body, a malformed path or query value), sent as several accounts and as nobody. A request
 * fails the run when it answers 5xx, when a 2xx or 4xx answer with a JSON schema in the document does not match it, or
 * when a 4xx answer is not a problem document with the same status.
 */

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | Schema;
};

type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/** Values seen in answers (ids of real records), so that generated requests reach real rows, not only 404s. */
export class ValuePool {
  readonly ids = new Set<string>();
  constructor(private readonly exclude: Set<string> = new Set()) {}
  harvest(value: unknown): void {
    if (typeof value === 'string') {
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) && !this.exclude.has(value) && this.ids.size < 5000)
        this.ids.add(value);
    } else if (Array.isArray(value)) for (const v of value) this.harvest(v);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) this.harvest(v);
  }
}

const VIETNAMESE = ['Nguyễn Văn An', 'Lê Mao', 'Thành Vinh', 'phường', 'đường số 7', 'Khối 3', 'thanh-vinh', 'ngõ 12/4', ''];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const dateArb = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
const dateTimeArb = fc
  .tuple(
    fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2026-11-25T00:00:00Z'), noInvalidDate: true }),
    fc.constantFrom('Z', '+07:00'),
  )
  .map(([d, zone]) => (zone === 'Z' ? d.toISOString() : `${new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`));

/** An arbitrary of values that satisfy the schema (as far as the keywords the document uses allow). */
export function valid(schema: Schema | undefined, pool: ValuePool, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valid(s, pool, depth + 1)));
  if (schema.allOf?.length) return valid(schema.allOf[0], pool, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => valid({ ...schema, type: t }, pool, depth + 1)));
  switch (type[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : Math.max(min + 1000, 1000));
      const lo = Math.max(min, -1e9);
      const hi = Math.min(max, 1e9);
      return type[0] === 'integer'
        ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
        : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
    }
    case 'string':
      return stringArb(schema, pool);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(valid(schema.items, pool, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)),
      });
    }
    case 'object':
    case undefined: {
      if (!schema.properties) return type[0] === 'object' ? fc.constant({}) : fc.constant(null);
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties);
      return fc.record(Object.fromEntries(entries.map(([k, s]) => [k, valid(s, pool, depth + 1)])), {
        requiredKeys: entries.map(([k]) => k).filter((k) => required.has(k)),
      });
    }
    default:
      return fc.constant(null);
  }
}

function stringArb(schema: Schema, pool: ValuePool): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.oneof(
        { weight: 3, arbitrary: fc.constant(null).map(() => pickId(pool)) },
        { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
      );
    case 'date':
      return dateArb;
    case 'date-time':
      return dateTimeArb;
    case 'email':
      return fc.emailAddress();
    default:
      break;
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 80));
  if (schema.pattern) {
    try {
      const re = new RegExp(schema.pattern);
      return fc.stringMatching(re).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY));
    } catch {
      // a pattern JavaScript cannot build: plain strings below
    }
  }
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ minLength, maxLength, unit: 'grapheme' }),
    fc.constantFrom(...VIETNAMESE).filter((s) => s.length >= minLength && s.length <= maxLength),
  );
}

let idCursor = 0;
function pickId(pool: ValuePool): string {
  const ids = [...pool.ids];
  if (ids.length === 0) return '00000000-0000-4000-8000-000000000000';
  idCursor = (idCursor + 7919) % ids.length;
  return ids[idCursor] as string;
}

/** Values of the wrong kind, whatever the schema wants. */
const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 30 }),
  fc.string({ minLength: 3000, maxLength: 5000 }),
  fc.constant('\u0000'),
  fc.constant("' OR 1=1 --"),
  fc.constant('<script>alert(1)</script>'),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

type Mutation = 'none' | 'dropRequired' | 'wrongType' | 'extraField' | 'junkBody' | 'badPath' | 'badQuery';

export type FuzzRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: unknown;
  mutation: Mutation;
  actor: string;
};

function mutateObject(value: unknown, schema: Schema | undefined, mutation: Mutation, junkValue: unknown, seed: number): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return mutation === 'junkBody' ? junkValue : value;
  const obj = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(schema?.properties ?? obj);
  const key = keys.length ? (keys[seed % keys.length] as string) : 'x';
  switch (mutation) {
    case 'dropRequired': {
      const req = schema?.required ?? [];
      if (req.length) delete obj[req[seed % req.length] as string];
      else delete obj[key];
      return obj;
    }
    case 'wrongType':
      obj[key] = junkValue;
      return obj;
    case 'extraField':
      obj[`unknown_${seed % 100}`] = junkValue;
      return obj;
    case 'junkBody':
      return junkValue;
    default:
      return obj;
  }
}

function serialiseParam(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** An arbitrary of whole requests for one operation. */
export function requestArb(
  path: string,
  method: string,
  op: Operation,
  pool: ValuePool,
  actors: Record<string, Record<string, string>>,
): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const headerParams = params.filter((p) => p.in === 'header');
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const objectOf = (list: Parameter[]): Schema => ({
    type: 'object',
    properties: Object.fromEntries(list.map((p) => [p.name, p.schema ?? { type: 'string' }])),
    required: list.filter((p) => p.required).map((p) => p.name),
  });
  const mutations: Mutation[] = ['none', 'none', 'none', 'dropRequired', 'wrongType', 'extraField', 'junkBody', 'badPath', 'badQuery'];
  return fc
    .record({
      path: valid(objectOf(pathParams), pool),
      query: valid(objectOf(queryParams), pool),
      headers: valid(objectOf(headerParams), pool),
      body: bodySchema ? valid(bodySchema, pool) : fc.constant(undefined),
      mutation: fc.constantFrom(...mutations),
      junk,
      seed: fc.nat(),
      actor: fc.constantFrom(...Object.keys(actors)),
    })
    .map(({ path: pv, query: qv, headers: hv, body, mutation, junk: junkValue, seed, actor }) => {
      const pathValues = { ...(pv as Record<string, unknown>) };
      if (mutation === 'badPath' && pathParams.length) pathValues[(pathParams[seed % pathParams.length] as Parameter).name] = junkValue;
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(serialiseParam(pathValues[name]) || 'x'));
      const query = new URLSearchParams();
      const qObj =
        mutation === 'badQuery' ? (mutateObject(qv, objectOf(queryParams), 'wrongType', junkValue, seed) as object) : (qv as object);
      for (const [k, v] of Object.entries(qObj ?? {})) {
        if (Array.isArray(v)) for (const item of v) query.append(k, serialiseParam(item));
        else if (v !== undefined) query.append(k, serialiseParam(v));
      }
      if (mutation === 'badQuery' && !queryParams.length) query.append('unexpected', serialiseParam(junkValue));
      const headers: Record<string, string> = { 'x-binh-an-csrf': '1' };
      for (const [k, v] of Object.entries((hv as object) ?? {}))
        if (v !== undefined && v !== null) headers[k] = serialiseParam(v).slice(0, 200);
      const payload =
        method === 'get' || method === 'delete' || !op.requestBody
          ? undefined
          : ['dropRequired', 'wrongType', 'extraField', 'junkBody'].includes(mutation)
            ? mutateObject(body, bodySchema, mutation, junkValue, seed)
            : body;
      const qs = query.toString();
      return { method: method.toUpperCase(), url: qs ? `${url}?${qs}` : url, headers, payload, mutation, actor };
    });
}

export type FuzzFailure = { operation: string; status: number; reason: string; request: FuzzRequest; body: string };
export type FuzzStats = { operation: string; requests: number; statuses: Record<string, number> };

/** Sends `runs` generated requests to every operation; answers the failures and the statuses seen per operation. */
export async function fuzzOperations(
  app: FastifyInstance,
  doc: OpenApiDocument,
  opts: {
    runs: number;
    actors: Record<string, Record<string, string>>;
    pool: ValuePool;
    seed?: number;
    /** Called when an account's credentials stopped working (an operation revoked or disabled them). */
    refreshActors?: () => Promise<void>;
    filter?: (operation: string) => boolean;
    log?: (line: string) => void;
  },
): Promise<{ failures: FuzzFailure[]; stats: FuzzStats[] }> {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  const failures: FuzzFailure[] = [];
  const stats: FuzzStats[] = [];
  // Reads first (they fill the pool with real ids), then writes, then deletions.
  const order = (m: string) => (m === 'get' ? 0 : m === 'delete' ? 2 : 1);
  const operations = Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })))
    .filter(({ method }) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .sort((a, b) => order(a.method) - order(b.method));
  for (const { path, method, op } of operations) {
    const name = `${method.toUpperCase()} ${path}`;
    if (opts.filter && !opts.filter(name)) continue;
    const stat: FuzzStats = { operation: name, requests: 0, statuses: {} };
    stats.push(stat);
    const samples = fc.sample(requestArb(path, method, op, opts.pool, opts.actors), {
      numRuns: opts.runs,
      seed: (opts.seed ?? 1) + stats.length,
    });
    let unauthorisedInARow = 0;
    for (const req of samples) {
      // The account's credentials as they are now (an earlier request may have revoked them, and they were renewed).
      const headers = { ...req.headers, ...(opts.actors[req.actor] ?? {}) };
      const res = await app.inject({
        method: req.method as 'GET',
        url: req.url,
        headers,
        ...(req.payload !== undefined
          ? { payload: JSON.stringify(req.payload), headers: { ...headers, 'content-type': 'application/json' } }
          : {}),
      });
      stat.requests++;
      stat.statuses[res.statusCode] = (stat.statuses[res.statusCode] ?? 0) + 1;
      const fail = (reason: string) => {
        if (failures.length < 200)
          failures.push({ operation: name, status: res.statusCode, reason, request: req, body: res.body.slice(0, 500) });
      };
      if (res.statusCode >= 500) {
        fail('server error');
        continue;
      }
      const type = String(res.headers['content-type'] ?? '');
      const declared = op.responses?.[String(res.statusCode)]?.content?.['application/json']?.schema;
      let body: unknown;
      if (type.includes('json')) {
        try {
          body = res.json();
        } catch {
          fail('a JSON answer that does not parse');
          continue;
        }
      }
      if (res.statusCode < 300 && body !== undefined) opts.pool.harvest(body);
      if (declared && body !== undefined && type.startsWith('application/json')) {
        const key = `${name} ${res.statusCode}`;
        if (!ajv.getSchema(key)) ajv.addSchema(declared as object, key);
        const validate = ajv.getSchema(key);
        if (validate && !validate(body)) fail(`answer does not match its schema: ${ajv.errorsText(validate.errors)}`);
      } else if (res.statusCode >= 400) {
        const problem = body as { status?: unknown; code?: unknown; title?: unknown } | undefined;
        if (
          !type.startsWith('application/problem+json') ||
          problem?.status !== res.statusCode ||
          typeof problem?.code !== 'string' ||
          typeof problem?.title !== 'string'
        )
          fail('a refusal that is not a problem document with its status');
      }
      if (res.statusCode === 401 && req.actor !== 'anonymous') {
        if (++unauthorisedInARow >= 3 && opts.refreshActors) {
          await opts.refreshActors();
          unauthorisedInARow = 0;
        }
      } else unauthorisedInARow = 0;
    }
    opts.log?.(`${name}: ${stat.requests} requests ${JSON.stringify(stat.statuses)}`);
  }
  return { failures, stats };
}
