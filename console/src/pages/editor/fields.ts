/**
 * The editor's form value: an article's content as the editor edits it, and how it is compared,
 * turned into the API's input and read back from the API's article.
 */
export type LocaleValue = 'ZH_CN' | 'EN';
export type AudienceValue = 'PUBLIC' | 'INTERNAL';

/** A related article as the form shows it: its id and its title. */
export interface RelatedRef {
  id: string;
  title: string;
}

/** What an editor writes (the content fields of `CreateArticleInput` / `UpdateArticleInput`). */
export interface ArticleFields {
  title: string;
  summary: string;
  body: string;
  category: string;
  tags: string[];
  errorCodes: string[];
  audience: AudienceValue;
  /** Instants (ISO), or null for an open end. */
  validFrom: string | null;
  validTo: string | null;
  related: RelatedRef[];
}

/** The fields, in the order the form and the conflict view list them. */
export const FIELD_NAMES = [
  'title',
  'summary',
  'body',
  'category',
  'tags',
  'errorCodes',
  'audience',
  'validFrom',
  'validTo',
  'related',
] as const satisfies ReadonlyArray<keyof ArticleFields>;
export type FieldName = (typeof FIELD_NAMES)[number];

export const EMPTY_FIELDS: ArticleFields = {
  title: '',
  summary: '',
  body: '',
  category: '',
  tags: [],
  errorCodes: [],
  audience: 'PUBLIC',
  validFrom: null,
  validTo: null,
  related: [],
};

/** Two instants are the same when they name the same millisecond (the API may reformat them). */
function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return new Date(a).getTime() === new Date(b).getTime();
}

/** Whether one field has the same value in both (related articles compared by id, in order). */
export function sameField<K extends FieldName>(name: K, a: ArticleFields, b: ArticleFields): boolean {
  if (name === 'validFrom' || name === 'validTo')
    return sameInstant(a[name] as string | null, b[name] as string | null);
  if (name === 'related') return a.related.map((r) => r.id).join() === b.related.map((r) => r.id).join();
  const x = a[name] as string | string[];
  const y = b[name] as string | string[];
  return Array.isArray(x) && Array.isArray(y) ? x.join('\u0000') === y.join('\u0000') : x === y;
}

/** The fields whose values differ. */
export function changedFields(from: ArticleFields, to: ArticleFields): FieldName[] {
  return FIELD_NAMES.filter((name) => !sameField(name, from, to));
}

/** The shape of an article the editor reads (see documents.ts). */
export interface ArticleContentResult {
  title: string;
  summary: string;
  body: string;
  category: { key: string } | null;
  tags: readonly string[];
  errorCodes: readonly string[];
  audience: AudienceValue;
  validFrom: string | null;
  validTo: string | null;
  related: ReadonlyArray<{ id: string; title: string }>;
}

/** The form value of an article as the API returned it. */
export function fieldsOf(article: ArticleContentResult): ArticleFields {
  return {
    title: article.title,
    summary: article.summary,
    body: article.body,
    category: article.category?.key ?? '',
    tags: [...article.tags],
    errorCodes: [...article.errorCodes],
    audience: article.audience,
    validFrom: article.validFrom,
    validTo: article.validTo,
    related: article.related.map(({ id, title }) => ({ id, title })),
  };
}

/** The input value of one field as the API takes it. */
function inputValue(fields: ArticleFields, name: FieldName): unknown {
  return name === 'related' ? fields.related.map((r) => r.id) : fields[name];
}

/** `UpdateArticleInput`'s content: only the fields that differ from `base`, so nothing else is rewritten. */
export function updateInputOf(base: ArticleFields, fields: ArticleFields): Record<string, unknown> {
  return Object.fromEntries(changedFields(base, fields).map((name) => [name, inputValue(fields, name)]));
}

/** `CreateArticleInput`'s content: every field, related articles as ids. */
export function createInputOf(fields: ArticleFields): Omit<ArticleFields, 'related'> & { related: string[] } {
  return { ...fields, related: fields.related.map((r) => r.id) };
}

/**
 * The form field a `BAD_USER_INPUT` path names (`input.title`, `input.related.2`, `input.slug`),
 * or undefined for a path outside the form.
 */
export function formFieldOfPath(path: string): FieldName | 'slug' | 'note' | undefined {
  const name = path.replace(/^input\./, '').split('.')[0];
  if (name === 'slug' || name === 'note') return name;
  return (FIELD_NAMES as readonly string[]).includes(name ?? '') ? (name as FieldName) : undefined;
}
