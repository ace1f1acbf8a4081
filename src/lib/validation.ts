/** Validation shared by every module: parsing input with coded errors, record codes, text fields, comparing data. */
import { z } from 'zod';
import type { ZodType } from 'zod';
import { fromZodError } from '../errors.js';

/** A hall's or channel's code: letters, digits and single hyphens. */
export const CODE_PATTERN = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;

/** A trimmed, non-empty text of at most `max` characters (`label` names it in messages). */
export const trimmed = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} must not be empty`)
    .max(max, `${label} must be at most ${max} characters`);

/** The values without repeats, in first-seen order. */
export const unique = <T>(values: T[]): T[] => [...new Set(values)];

export const codeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(3, 'a code has at least 3 characters')
  .max(32, 'a code has at most 32 characters')
  .regex(CODE_PATTERN, 'a code is letters, digits and single hyphens, e.g. HB-SJZ-001');

/** @throws AppError BAD_USER_INPUT naming the fields under `root` that `schema` refuses. */
export function parseInput<T>(schema: ZodType<T>, root: string, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(root, result.error);
  return result.data;
}

/** Key order does not matter: compares two values as data. */
export function sameData(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
