/**
 * Paging and id helpers shared by every module's GraphQL layer: one Relay connection shape
 * (keyset pages forward and backward, one PageInfo) and one way to decode a global id with a field path.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { ObjectId } from 'mongodb';
import { AppError, badField, badUserInput, ErrorCode } from '../errors.js';
import type { FieldProblem } from '../errors.js';
import type { PageRequest } from '../lib/paging.js';

/** The page size when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;

/** The connection arguments Pothos adds to every `t.connection` field. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * The page a client asked for: `first` (with `after`, and optionally `before`) pages forward,
 * `last` (with `before`, and optionally `after`) pages backward, as Relay's connection spec reads
 * them. Sizes are checked by the service (each list has its own maximum).
 * @throws AppError BAD_USER_INPUT naming `last` when both `first` and `last` are given.
 */
export function pageRequestOf(args: ConnectionArgs): PageRequest {
  const given = (value: number | null | undefined) => value !== null && value !== undefined;
  if (given(args.first) && given(args.last)) {
    throw badField('last', 'give first (forward) or last (backward), not both');
  }
  const backward = given(args.last);
  return {
    size: (backward ? args.last : args.first) ?? null,
    backward,
    after: args.after ?? null,
    before: args.before ?? null,
  };
}

/** A page in the shape `t.connection` resolves: edges, and a PageInfo with all four fields. */
export interface ConnectionPage<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** Builds a connection page from items in list order, their cursors, and the page's flags. */
export function connectionPage<T>(
  items: readonly T[],
  cursorOf: (item: T) => string,
  flags: { hasNextPage: boolean; hasPreviousPage: boolean },
): ConnectionPage<T> {
  const edges = items.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      ...flags,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * The raw id inside a global id of `typename` (ids are opaque: clients pass back what `id` gave).
 * @throws AppError BAD_USER_INPUT naming `field` when it is not an id of that type.
 */
export function rawIdOf(id: string | number, typename: string, field: string): string {
  const text = String(id);
  try {
    const decoded = decodeGlobalID(text);
    if (decoded.typename === typename && decoded.id !== '') return decoded.id;
  } catch {
    // not a global id: reported below
  }
  throw badField(field, `not a ${typename} id`);
}

/**
 * The ObjectId inside a global id of `typename`.
 * @throws AppError BAD_USER_INPUT naming `field` when it is not one.
 */
export function objectIdOf(id: string | number, typename: string, field: string): ObjectId {
  const raw = rawIdOf(id, typename, field);
  if (!/^[0-9a-f]{24}$/i.test(raw)) throw badField(field, `not a ${typename} id`);
  return new ObjectId(raw);
}

/** Drops the keys a client did not send (GraphQL gives them as undefined, explicit nulls stay). */
export function given<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Runs a mutation's service call so that BAD_USER_INPUT field paths name the field inside the
 * mutation's `input` argument (`comment` becomes `input.comment`); other errors pass unchanged.
 */
export async function underInput<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.BAD_USER_INPUT) {
      const fields = error.extensions['fields'];
      if (Array.isArray(fields)) {
        const moved = (fields as FieldProblem[]).map((field) => ({
          path:
            field.path === 'input' || field.path.startsWith('input.') ? field.path : `input.${field.path}`,
          message: field.message,
        }));
        const message = moved.every((field, index) => field.path === (fields as FieldProblem[])[index]?.path)
          ? error.message
          : moved.map((field) => `${field.path}: ${field.message}`).join('; ');
        throw badUserInput(message, moved);
      }
    }
    throw error;
  }
}
