/**
 * Paging and id helpers shared by every module's GraphQL layer: one Relay connection shape
 * (forward keyset pages, one PageInfo) and one way to decode a global id with a field path.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { ObjectId } from 'mongodb';
import { AppError, badField, badUserInput, ErrorCode } from '../errors.js';
import type { FieldProblem } from '../errors.js';

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
 * The forward page a client asked for. Pages go forward only (keyset order, no skip).
 * @throws AppError BAD_USER_INPUT naming `last`/`before` when the client pages backward.
 */
export function forwardPage(args: ConnectionArgs): { first: number; after: string | null } {
  if (args.last !== null && args.last !== undefined) {
    throw badField('last', 'pages go forward only: use first and after');
  }
  if (args.before !== null && args.before !== undefined) {
    throw badField('before', 'pages go forward only: use first and after');
  }
  return { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after ?? null };
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

/** Builds a connection page from items in order, their cursors, and whether more follow. */
export function connectionPage<T>(
  items: readonly T[],
  cursorOf: (item: T) => string,
  hasNextPage: boolean,
  after: string | null | undefined,
): ConnectionPage<T> {
  const edges = items.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: after !== null && after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * The raw id inside a global id of `typename`. A raw 24-hex ObjectId is accepted as well for
 * types keyed by ObjectId (older clients), when `objectId` is set.
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
 * The ObjectId inside a global id of `typename` (or a raw 24-hex ObjectId).
 * @throws AppError BAD_USER_INPUT naming `field` when it is neither.
 */
export function objectIdOf(id: string | number, typename: string, field: string): ObjectId {
  const text = String(id);
  const raw = /^[0-9a-f]{24}$/i.test(text) ? text : rawIdOf(text, typename, field);
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
