/**
 * Renders messages in the caller's language from the catalogue (src/i18n/messages.ts). An error
 * names its message by id when its factory knows it (AppError.messageRef); otherwise its English
 * text is looked up in the catalogue (each English template compiled to a pattern), so throw sites
 * across the modules keep throwing English and the answer is still Chinese. BAD_USER_INPUT
 * messages are rebuilt from their fields (path + reason, each reason translated on its own), the
 * reasons in `extensions.fields` are translated too, and zod's own messages are translated by zod's
 * Chinese locale. graphql-js's and Apollo's request errors are translated by pattern
 * (src/i18n/graphql-messages.ts, `requestErrorIn`). What the catalogue does not know is answered in
 * English rather than guessed; tests/unit/i18n-coverage.test.ts fails for a message written in src/
 * without its entry.
 */
import type { GraphQLFormattedError } from 'graphql';
import { z } from 'zod';
import type { core } from 'zod';
import type { AppError } from '../errors.js';
import type { Language } from './language.js';
import { translateGraphQLMessage } from './graphql-messages.js';
import { MESSAGES, PHRASES, REASONS } from './messages.js';
import type { CatalogueEntry, MessageId } from './messages.js';

export type MessageParams = Readonly<Record<string, string | number>>;

/** A message named by id, with what fills its template. */
export interface MessageRef {
  readonly id: MessageId;
  readonly params?: MessageParams;
}

/** Fills `{name}` placeholders of `template` from `params` (unknown names are left as they are). */
function fill(template: string, params: MessageParams | undefined, translate: boolean): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return translate ? translateParam(String(value)) : String(value);
  });
}

/** The message `id` in `language`. */
export function render(id: MessageId, params: MessageParams | undefined, language: Language): string {
  const entry: CatalogueEntry = MESSAGES[id];
  return language === 'en' ? fill(entry.en, params, false) : fill(entry.zh, params, true);
}

interface Pattern {
  readonly regex: RegExp;
  readonly zh: string;
}

/** Each English template as an anchored pattern, the most literal first (so the most specific wins). */
function compile(entries: readonly CatalogueEntry[]): Pattern[] {
  return [...entries]
    .sort((a, b) => literalLength(b.en) - literalLength(a.en))
    .map((entry) => ({
      regex: new RegExp(
        `^${entry.en
          .split(/(\{\w+\})/)
          .map((part) => {
            const name = /^\{(\w+)\}$/.exec(part)?.[1];
            return name !== undefined
              ? `(?<${name}>[\\s\\S]+?)`
              : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          })
          .join('')}$`,
      ),
      zh: entry.zh,
    }));
}

function literalLength(template: string): number {
  return template.replace(/\{\w+\}/g, '').length;
}

/** Messages built from structure (a field path and a reason) are rebuilt from it, not matched. */
const STRUCTURAL = new Set<MessageId>(['input.invalid', 'input.field']);
let messagePatterns: Pattern[] | undefined;
let reasonPatterns: Pattern[] | undefined;

function translateWith(patterns: Pattern[], english: string): string | undefined {
  for (const pattern of patterns) {
    const match = pattern.regex.exec(english);
    if (match) return fill(pattern.zh, match.groups, true);
  }
  return undefined;
}

/** The Chinese of a whole English message from the catalogue; undefined when it is not there. */
export function translateMessage(english: string): string | undefined {
  messagePatterns ??= compile(
    (Object.keys(MESSAGES) as MessageId[]).filter((id) => !STRUCTURAL.has(id)).map((id) => MESSAGES[id]),
  );
  return translateWith(messagePatterns, english);
}

/** zod's default English messages seen in fromZodError, with zod's Chinese for them (bounded). */
const zodChinese = new Map<string, string>();
const ZOD_REMEMBERED = 500;
let zodLocales: { en: core.$ZodErrorMap; zh: core.$ZodErrorMap } | undefined;

function localeText(map: core.$ZodErrorMap, issue: core.$ZodIssue): string | undefined {
  const answer = map(issue as unknown as Parameters<core.$ZodErrorMap>[0]);
  return typeof answer === 'string' ? answer : answer?.message;
}

/**
 * Notes zod's Chinese for the issues of a failed parse whose message is zod's own English (a
 * schema's custom message is translated from the catalogue instead).
 */
export function rememberZodIssues(issues: readonly core.$ZodIssue[]): void {
  zodLocales ??= { en: z.locales.en().localeError, zh: z.locales.zhCN().localeError };
  for (const issue of issues) {
    if (zodChinese.has(issue.message)) continue;
    if (localeText(zodLocales.en, issue) !== issue.message) continue;
    const zh = localeText(zodLocales.zh, issue);
    if (zh === undefined) continue;
    if (zodChinese.size >= ZOD_REMEMBERED) zodChinese.clear();
    zodChinese.set(issue.message, zh);
  }
}

/** The Chinese of why one field was refused; the English when the catalogue does not know it. */
export function translateReason(english: string): string {
  const zod = zodChinese.get(english);
  if (zod !== undefined) return zod;
  reasonPatterns ??= compile(REASONS);
  return translateWith(reasonPatterns, english) ?? english;
}

/** Whether the catalogue knows `english`, as a whole message or as a field's reason. */
export function isCatalogued(english: string): boolean {
  if (translateMessage(english) !== undefined) return true;
  reasonPatterns ??= compile(REASONS);
  return zodChinese.has(english) || translateWith(reasonPatterns, english) !== undefined;
}

/** Why one field was refused, in `language` (the English when the catalogue does not know it). */
export function reasonIn(english: string, language: Language): string {
  return language === 'en' ? english : translateReason(english);
}

/**
 * The extensions of `error` as a caller reading `language` sees them: each `fields[].message` in
 * that language (its `path` and every other extension, the code among them, unchanged).
 */
export function extensionsIn(error: AppError, language: Language): Record<string, unknown> {
  const fields = error.extensions['fields'];
  if (language === 'en' || !Array.isArray(fields)) return { ...error.extensions };
  return {
    ...error.extensions,
    fields: (fields as unknown[]).map((field) => {
      if (typeof field !== 'object' || field === null) return field;
      const { message } = field as Record<string, unknown>;
      return typeof message === 'string' ? { ...field, message: translateReason(message) } : field;
    }),
  };
}

/** A word or phrase that fills a template, in Chinese when it is a known one ("Hall H001" too). */
function translateParam(value: string): string {
  const phrase = PHRASES[value];
  if (phrase !== undefined) return phrase;
  const space = value.indexOf(' ');
  if (space > 0) {
    const head = PHRASES[value.slice(0, space)];
    if (head !== undefined && /^[A-Z]/.test(value)) return `${head}${value.slice(space)}`;
  }
  const reason = translateReason(value);
  return reason;
}

interface Field {
  path: string;
  message: string;
}

function fieldsOf(error: AppError): Field[] | undefined {
  const fields = error.extensions['fields'];
  if (!Array.isArray(fields)) return undefined;
  const list: Field[] = [];
  for (const field of fields as unknown[]) {
    if (typeof field !== 'object' || field === null) return undefined;
    const { path, message } = field as Record<string, unknown>;
    if (typeof path !== 'string' || typeof message !== 'string') return undefined;
    list.push({ path, message });
  }
  return list;
}

/** A BAD_USER_INPUT message rebuilt from its fields ("path: reason; ..."), when it was built so. */
function fieldMessage(error: AppError): string | undefined {
  const fields = fieldsOf(error);
  if (fields === undefined || fields.length === 0) return undefined;
  const english = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
  const chinese = () =>
    fields
      .map((field) =>
        fill(MESSAGES['input.field'].zh, { path: field.path, reason: translateReason(field.message) }, false),
      )
      .join('；');
  if (error.message === english) return chinese();
  if (error.message === `Invalid input. ${english}`)
    return fill(MESSAGES['input.invalid'].zh, { problems: chinese() }, false);
  return undefined;
}

/** The message of `error` in `language` (English is the error's own message). */
export function messageIn(error: AppError, language: Language): string {
  if (language === 'en') return error.message;
  if (error.messageRef !== undefined) return render(error.messageRef.id, error.messageRef.params, language);
  return fieldMessage(error) ?? translateMessage(error.message) ?? error.message;
}

/**
 * A request error of graphql-js or Apollo Server (syntax, validation, variable coercion, the
 * request's shape) as a caller reading `language` sees it: in Chinese, the message translated by
 * pattern (src/i18n/graphql-messages.ts; this service's own request errors from the catalogue)
 * with graphql-js's English kept in `extensions.englishMessage` for developers; a message no
 * pattern knows stays English, without `englishMessage`.
 */
export function requestErrorIn(formatted: GraphQLFormattedError, language: Language): GraphQLFormattedError {
  if (language === 'en') return formatted;
  const zh = translateMessage(formatted.message) ?? translateGraphQLMessage(formatted.message);
  if (zh === undefined) return formatted;
  return {
    ...formatted,
    message: zh,
    extensions: { ...formatted.extensions, englishMessage: formatted.message },
  };
}

/**
 * A JSON error answer outside GraphQL (`{ errors: [{ message, extensions }] }`) with the message
 * `id` in `language`.
 */
export function errorAnswer(
  id: MessageId,
  language: Language,
  code: string,
  params?: MessageParams,
  extensions: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    errors: [{ message: render(id, params, language), extensions: { code, ...extensions } }],
  });
}
