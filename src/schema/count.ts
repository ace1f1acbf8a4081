/**
 * A bounded count (as Shopify's Admin API counts): exact up to a limit the client chooses, "at
 * least" beyond it. Counting a large filtered list exactly reads every entry the filter matches on
 * any database; a bounded count stops at the limit, so its cost does not grow with the collection.
 */
import { badField } from '../errors.js';
import { builder } from './builder.js';

/** The largest `upTo` a client may ask for, and the default. */
export const MAX_COUNT_UP_TO = 10_000;
export const DEFAULT_COUNT_UP_TO = 1_000;

export type CountPrecision = 'EXACT' | 'AT_LEAST';
export interface BoundedCount {
  count: number;
  precision: CountPrecision;
}

export const CountPrecisionEnum = builder.enumType('CountPrecision', {
  description: 'Whether a count is the whole number or a lower bound.',
  values: {
    EXACT: { value: 'EXACT' as const, description: 'The count is exact (精确).' },
    AT_LEAST: {
      value: 'AT_LEAST' as const,
      description: 'There are at least this many (至少): the count stopped at the limit asked for.',
    },
  },
});

export const CountRef = builder.objectRef<BoundedCount>('Count').implement({
  description: 'A count that is exact up to a limit and a lower bound beyond it.',
  fields: (t) => ({
    count: t.exposeInt('count', { description: 'How many (at most the limit asked for).' }),
    precision: t.field({
      type: CountPrecisionEnum,
      description: 'EXACT, or AT_LEAST when there are more than the limit.',
      resolve: (count) => count.precision,
    }),
  }),
});

/**
 * The limit a client asked a count to stop at.
 * @throws AppError BAD_USER_INPUT naming `upTo` when it is out of range.
 */
export function countLimitOf(upTo: number | null | undefined): number {
  const limit = upTo ?? DEFAULT_COUNT_UP_TO;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_COUNT_UP_TO) {
    throw badField('upTo', `must be between 1 and ${MAX_COUNT_UP_TO}`);
  }
  return limit;
}

/** A bounded count from a count that stopped after `limit + 1` items. */
export function boundedCount(counted: number, limit: number): BoundedCount {
  return counted > limit ? { count: limit, precision: 'AT_LEAST' } : { count: counted, precision: 'EXACT' };
}
