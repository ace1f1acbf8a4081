/**
 * The emulator's compiled matcher (dev/embedded/congodb-match.mjs) answers exactly as mingo, the
 * emulator's own matcher, wherever it is sure; the article visibility filters compile.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Query } from 'mingo';
import { ObjectId } from 'mongodb';
import { filterCompiler, matcherFor } from '../../dev/embedded/congodb-match.mjs';
import { staffPrincipal, PUBLIC_PRINCIPAL } from '../../src/auth/principal.js';
import { toMongoFilter } from '../../src/modules/articles/article.visibility.js';

const compile = filterCompiler(ObjectId);
const UNSURE = 2;

const ids = [new ObjectId(), new ObjectId()];
const dates = [new Date('2026-01-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z')];
const scalar = fc.oneof(
  fc.constantFrom('a', 'b', 'ARCHIVED', ''),
  fc.constantFrom(0, 1, 2.5, -1),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...dates),
  fc.constantFrom(...ids),
);
const primitive = fc.oneof(fc.constantFrom('a', 'b', ''), fc.constantFrom(0, 1, 2.5), fc.boolean());
const value = fc.oneof(
  scalar,
  fc.array(primitive, { maxLength: 3 }),
  fc.array(scalar, { maxLength: 2 }),
  fc.record({ c: scalar }),
);
const doc = fc.record(
  { a: value, b: fc.oneof(fc.record({ c: value }, { requiredKeys: [] }), value), d: value },
  { requiredKeys: [] },
);
/** Stored documents have Object.prototype (fast-check's records do not). */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Date || value instanceof ObjectId || value === null || typeof value !== 'object')
    return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
}
const path = fc.constantFrom('a', 'b', 'b.c', 'd', 'x');
const orderable = fc.oneof(fc.constantFrom('a', 'b'), fc.constantFrom(0, 1, 2.5), fc.constantFrom(...dates));
const condition = fc.oneof(
  scalar,
  fc.record({ $eq: scalar }),
  fc.record({ $ne: scalar }),
  fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }),
  fc.record({ $nin: fc.array(scalar, { maxLength: 3 }) }),
  fc.record({ $gt: orderable }),
  fc.record({ $gte: orderable, $lt: orderable }),
  fc.record({ $lte: orderable }),
  fc.record({ $exists: fc.boolean() }),
  fc.record({ $all: fc.array(primitive, { minLength: 1, maxLength: 2 }) }),
);
const leaf = fc.dictionary(path, condition, { minKeys: 1, maxKeys: 2 });
const filter = fc.letrec<{ f: Record<string, unknown> }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ $and: fc.array(tie('f'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ $or: fc.array(tie('f'), { minLength: 1, maxLength: 3 }) }),
  ),
})).f;

describe('the emulator compiled matcher', () => {
  it('agrees with mingo on every document it is sure about', () => {
    fc.assert(
      fc.property(filter, fc.array(doc, { minLength: 1, maxLength: 8 }), (generated, generatedDocs) => {
        const f = plain(generated) as Record<string, unknown>;
        const docs = plain(generatedDocs) as Array<Record<string, unknown>>;
        const fast = compile(f);
        expect(fast).not.toBeNull();
        const query = new Query(f);
        for (const d of docs) {
          const result = fast!(d);
          if (result !== UNSURE) expect(result === 1).toBe(query.test(d));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('lets mingo decide what it does not compile, and what it is unsure of', () => {
    const regex = { name: { $regex: 'a', $options: 'i' } };
    expect(compile(regex)).toBeNull();
    expect(matcherFor(regex, { compile, Query }).compiled).toBe(false);
    const throughArray = { 'a.c': 1 };
    const matcher = matcherFor(throughArray, { compile, Query });
    expect(matcher.match({ a: [{ c: 1 }] })).toBe(true);
    expect(matcher.match({ a: [{ c: 2 }] })).toBe(false);
  });

  it('compiles the article visibility filters of every reader', () => {
    const now = new Date();
    for (const principal of [
      PUBLIC_PRINCIPAL,
      staffPrincipal('a', ['agent']),
      staffPrincipal('e', ['editor']),
    ]) {
      expect(compile(toMongoFilter(principal, now) as Record<string, unknown>)).not.toBeNull();
    }
  });
});
