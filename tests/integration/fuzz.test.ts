/**
 * A bounded fuzz of the public API: a few hundred hostile documents and variables, generated from
 * the schema with a fixed seed (so a failure can be replayed), sent anonymously and with an agent
 * token. Whatever comes in, the service answers within a second, never with a 5xx, and never
 * with INTERNAL_SERVER_ERROR: bad input is the caller's error and gets a coded answer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import type { GraphQLField, GraphQLInputType, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { buildSchema } from '../../src/schema/index.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/** FUZZ_SEED replays or varies the run (default: a fixed seed). */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261130);
const REQUESTS = 300;

/** mulberry32: a small seeded generator, so every run sends the same requests. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = generator(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (p: number): boolean => random() < p;

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '"; DROP TABLE halls; --',
  '{"$gt":""}',
  '$where',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '宽带拨号错误691怎么办',
  '０１２３ＡＢＣ',
  '😀'.repeat(50),
  'x'.repeat(10_000),
  'NaN',
  '-1',
  '2026-13-45T99:99:99Z',
  '0123456789abcdef01234567',
  encodeGlobalID('Article', '0123456789abcdef01234567'),
  encodeGlobalID('ArticleFlag', '0123456789abcdef01234567'),
  encodeGlobalID('Hall', 'zzz'),
  'QXJ0aWNsZTo=',
  '%00%ff',
  '\\u0041',
  '=HYPERLINK("http://evil")',
];
const HOSTILE_NUMBERS = [0, -1, 1, 5, 101, 2 ** 31 - 1, -(2 ** 31), 1e308, 3.5, Number.MAX_SAFE_INTEGER];

/** A JSON value meant for an input of `type`: usually plausible, often hostile or of the wrong kind. */
function hostileValue(type: GraphQLInputType, depth = 0): unknown {
  if (chance(0.15)) return pick<unknown>([null, {}, [], true, 'x', 42, { $gt: '' }, HOSTILE_STRINGS[11]]);
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const length = pick([0, 1, 2, 3, 150]);
    return Array.from({ length }, () => hostileValue(inner.ofType, depth + 1));
  }
  if (isEnumType(inner)) return chance(0.8) ? pick(inner.getValues()).name : 'NOT_A_VALUE';
  if (isInputObjectType(inner)) {
    if (depth > 3) return {};
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (chance(0.7)) value[field.name] = hostileValue(field.type, depth + 1);
    }
    if (chance(0.1)) value['unknownField'] = 1;
    return value;
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'Int':
      case 'Float':
        return pick(HOSTILE_NUMBERS);
      case 'Boolean':
        return chance(0.9) ? chance(0.5) : 'yes';
      case 'DateTime':
        return pick([
          '2026-11-30T08:00:00.000Z',
          '2026-13-45T99:99:99Z',
          'yesterday',
          '1970-01-01T00:00:00Z',
        ]);
      default:
        return pick(HOSTILE_STRINGS);
    }
  }
  return null;
}

/** A GraphQL literal for a value (used when arguments are written inline instead of as variables). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const inner = getNullableType(type);
  if (isEnumType(inner) && typeof value === 'string' && /^[A-Z_]+$/.test(value)) return value;
  if (Array.isArray(value)) {
    const of = isListType(inner) ? inner.ofType : type;
    return `[${value.map((item) => literal(item, of)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(inner) ? inner.getFields() : {};
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([key]) => /^[A-Za-z_]\w*$/.test(key))
      .map(([key, item]) => `${key}: ${literal(item, fields[key]?.type ?? type)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return JSON.stringify(value);
}

interface Built {
  query: string;
  variables: Record<string, unknown>;
}

function selectionFor(schema: GraphQLSchema, type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields());
  const chosen = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(fields));
  const parts = chosen.map((field) => fieldSelection(schema, field, depth, [], {}));
  return parts.map((part) => part.query).join(' ');
}

function fieldSelection(
  schema: GraphQLSchema,
  field: GraphQLField<unknown, unknown>,
  depth: number,
  declarations: string[],
  variables: Record<string, unknown>,
): Built {
  const args = field.args
    .filter((arg) => chance(0.8) || getNullableType(arg.type) !== arg.type)
    .map((arg) => {
      const value = hostileValue(arg.type);
      if (declarations.length < 20 && chance(0.5)) {
        const name = `v${declarations.length}`;
        declarations.push(`$${name}: ${String(arg.type)}`);
        variables[name] = value;
        return `${arg.name}: $${name}`;
      }
      return `${arg.name}: ${literal(value, arg.type)}`;
    });
  const named = getNamedType(field.type);
  let below = '';
  if (isObjectType(named)) {
    below = depth > 3 ? '{ __typename }' : `{ ${selectionFor(schema, named, depth + 1)} }`;
  } else if (isInterfaceType(named) || isUnionType(named)) {
    const possible = schema.getPossibleTypes(named);
    const fragment = possible.length > 0 && depth <= 3 ? pick(possible) : undefined;
    below = fragment
      ? `{ __typename ... on ${fragment.name} { ${selectionFor(schema, fragment, depth + 1)} } }`
      : '{ __typename }';
  }
  const alias = chance(0.1) ? `a${Math.floor(random() * 1000)}: ` : '';
  return { query: `${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''} ${below}`, variables };
}

function buildRequest(schema: GraphQLSchema): Built {
  if (chance(0.08)) {
    // Not GraphQL at all, or cut short.
    const garbage = [
      '{',
      'query { viewer { id }',
      '}}}}',
      'fragment F on Query { ...F } query { ...F }',
      'query ($x: Int) { viewer { id } }',
      'subscription { viewer { id } }',
      'mutation { __typename }',
      '{ viewer { id @skip(if: "yes") } }',
      String.fromCharCode(...Array.from({ length: 60 }, () => Math.floor(random() * 0xffff))),
    ];
    return { query: pick(garbage), variables: chance(0.5) ? {} : { x: 'NaN' } };
  }
  const mutation = chance(0.25);
  const root = mutation ? schema.getMutationType() : schema.getQueryType();
  if (!root) throw new Error('schema without root type');
  const declarations: string[] = [];
  const variables: Record<string, unknown> = {};
  const fields = Array.from({ length: 1 + Math.floor(random() * 2) }, () =>
    fieldSelection(schema, pick(Object.values(root.getFields())), 1, declarations, variables),
  );
  const header = `${mutation ? 'mutation' : 'query'}${declarations.length ? ` (${declarations.join(', ')})` : ''}`;
  return { query: `${header} { ${fields.map((field) => field.query).join(' ')} }`, variables };
}

let server: TestServer;
let agentToken: string;

beforeAll(async () => {
  server = await startTestServer();
  agentToken = await server.tokenFor(['agent'], 'fuzz-agent');
});
afterAll(async () => {
  await server.stop();
});

describe('fuzzing the API with hostile documents and variables', () => {
  it(`answers ${REQUESTS} generated requests within a second each, never 5xx or INTERNAL_SERVER_ERROR`, async () => {
    const schema = buildSchema();
    const failures: string[] = [];
    for (let index = 0; index < REQUESTS; index += 1) {
      const request = buildRequest(schema);
      const token = chance(0.3) ? agentToken : undefined;
      const started = performance.now();
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(request),
      });
      const text = await response.text();
      const ms = performance.now() - started;
      const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
      const internal = (body.errors ?? []).some(
        (error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR',
      );
      if (response.status >= 500 || internal || ms > 1_000) {
        failures.push(
          `#${index} status ${response.status} in ${Math.round(ms)} ms: ${request.query.slice(0, 300)} ${JSON.stringify(request.variables).slice(0, 300)} -> ${JSON.stringify(body.errors?.find((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR') ?? body).slice(0, 600)}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
