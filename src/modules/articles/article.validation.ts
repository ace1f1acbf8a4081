import { z } from 'zod';
import { AUDIENCES, LOCALES } from './article.model.js';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Normalises an error code as agents type it: no spaces, full-width to half-width, decimal codes
 * as digits, hexadecimal ones as `0x` + upper case (`0x800ccc0e` -> `0x800CCC0E`).
 */
export function normaliseErrorCode(raw: string): string {
  const halfWidth = raw.normalize('NFKC').replace(/\s+/g, '');
  const hex = /^0[xX]([0-9A-Fa-f]+)$/.exec(halfWidth);
  if (hex?.[1]) return `0x${hex[1].toUpperCase()}`;
  return halfWidth.toUpperCase();
}

const trimmed = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} must not be empty`)
    .max(max, `${label} must be at most ${max} characters`);

const tags = z
  .array(trimmed(30, 'a tag'))
  .max(12, 'at most 12 tags')
  .transform((values) => [...new Set(values)]);

const errorCodes = z
  .array(
    z
      .string()
      .transform(normaliseErrorCode)
      .pipe(
        z
          .string()
          .regex(
            /^(0x[0-9A-F]{1,16}|[0-9A-Z]{2,16})$/,
            'an error code is 2-16 letters or digits, or 0x and hex digits',
          ),
      ),
  )
  .max(10, 'at most 10 error codes')
  .transform((values) => [...new Set(values)]);

const nullableDate = z.coerce.date().nullable();

/** The longest Markdown body an article may have. */
export const MAX_BODY_LENGTH = 50_000;

/** Content fields, shared by create, update and the seed import. */
const contentShape = {
  title: trimmed(120, 'the title'),
  summary: z.string().trim().max(300, 'the summary must be at most 300 characters'),
  body: z
    .string()
    .min(1, 'the body must not be empty')
    .max(MAX_BODY_LENGTH, 'the body must be at most 50,000 characters'),
  category: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'a category key such as broadband/dial-up-errors'),
  tags,
  errorCodes,
  audience: z.enum(AUDIENCES),
  validFrom: nullableDate,
  validTo: nullableDate,
  /** Related articles as ids (already decoded from global ids by the caller). */
  related: z.array(z.string()).max(10, 'at most 10 related articles'),
};

function windowIsOrdered(value: {
  validFrom?: Date | null | undefined;
  validTo?: Date | null | undefined;
}): boolean {
  return !value.validFrom || !value.validTo || value.validFrom < value.validTo;
}
const WINDOW_MESSAGE = { message: 'validTo must be after validFrom', path: ['validTo'] };

const note = z.string().trim().max(500, 'the note must be at most 500 characters').nullish();

export const createArticleSchema = z
  .object({
    slug: z
      .string()
      .trim()
      .max(80, 'the slug must be at most 80 characters')
      .regex(
        SLUG_PATTERN,
        'the slug is lower-case letters, digits and single hyphens, e.g. broadband-error-691',
      ),
    locale: z.enum(LOCALES).default('zh-CN'),
    ...contentShape,
    summary: contentShape.summary.default(''),
    tags: tags.default([]),
    errorCodes: errorCodes.default([]),
    audience: z.enum(AUDIENCES).default('PUBLIC'),
    validFrom: nullableDate.default(null),
    validTo: nullableDate.default(null),
    related: contentShape.related.default([]),
    note,
  })
  .refine(windowIsOrdered, WINDOW_MESSAGE);
export type CreateArticleInput = z.infer<typeof createArticleSchema>;

/** Every content field optional: only what is given changes. */
export const updateArticleSchema = z
  .object({
    title: contentShape.title.optional(),
    summary: contentShape.summary.optional(),
    body: contentShape.body.optional(),
    category: contentShape.category.optional(),
    tags: tags.optional(),
    errorCodes: errorCodes.optional(),
    audience: contentShape.audience.optional(),
    validFrom: nullableDate.optional(),
    validTo: nullableDate.optional(),
    related: contentShape.related.optional(),
    note,
  })
  .refine(windowIsOrdered, WINDOW_MESSAGE);
export type UpdateArticleInput = z.infer<typeof updateArticleSchema>;

export const noteSchema = note;
export const reasonSchema = z
  .string()
  .trim()
  .min(3, 'give a reason of at least 3 characters')
  .max(500, 'the reason must be at most 500 characters');
