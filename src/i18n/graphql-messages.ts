/**
 * The messages graphql-js and Apollo Server write themselves (syntax errors, validation, the
 * coercion of variables and arguments, the shape of an HTTP request) in Chinese, by pattern. Each
 * entry is graphql-js's English template with `{name}` parameters and its Chinese; what fills a
 * parameter (a field, type, variable, value or token as the client wrote it) is kept verbatim,
 * except `{inner}`, a message inside the message (why a value was refused), which is translated in
 * turn. graphql-js's " Did you mean ...?" suggestions are translated on their own.
 *
 * Templates from graphql-js 16 (src/validation/rules, src/utilities/coerceInputValue.ts,
 * src/execution/values.ts, src/type/scalars.ts, src/language/lexer.ts and parser.ts) and Apollo
 * Server 5 (runHttpQuery, requestPipeline, preventCsrf). A message no entry matches is answered in
 * English, as graphql-js wrote it.
 *
 * This file is a table, one entry per message: it is long on purpose.
 */
import type { CatalogueEntry } from './messages.js';

/** Messages that follow "Syntax Error: ". */
const SYNTAX: readonly CatalogueEntry[] = [
  { en: 'Unexpected {token}.', zh: '意外的 {token}。' },
  { en: 'Expected {expected}, found {token}.', zh: '应为 {expected}，实际为 {token}。' },
  { en: 'Unexpected character: {character}.', zh: '意外的字符：{character}。' },
  { en: 'Unterminated string.', zh: '字符串没有结束引号。' },
  {
    en: 'Invalid number, expected digit but got: {character}.',
    zh: '无效的数字：应为数字，实际为 {character}。',
  },
  {
    en: 'Invalid number, unexpected digit after 0: {character}.',
    zh: '无效的数字：0 之后不能紧跟数字 {character}。',
  },
  { en: 'Invalid character within String: {character}.', zh: '字符串中有无效字符：{character}。' },
  { en: 'Invalid character escape sequence: {sequence}.', zh: '无效的转义序列：{sequence}。' },
  { en: 'Invalid Unicode escape sequence: {sequence}.', zh: '无效的 Unicode 转义序列：{sequence}。' },
  {
    en: 'Unexpected single quote character (\'), did you mean to use a double quote (")?',
    zh: '意外的单引号（\'）：字符串请使用双引号（"）。',
  },
  {
    en: 'Document contains more than {max} tokens. Parsing aborted.',
    zh: '文档的词法单元超过 {max} 个，已停止解析。',
  },
];

/** Whole messages of graphql-js (validation, coercion, execution) and Apollo Server. */
const MESSAGES: readonly CatalogueEntry[] = [
  { en: 'Syntax Error: {syntax}', zh: '语法错误：{syntax}' },

  // Validation: fields, arguments, types, directives, fragments, operations
  { en: 'Cannot query field "{field}" on type "{type}".', zh: '类型 "{type}" 上没有字段 "{field}"。' },
  { en: 'Unknown argument "{argument}" on field "{field}".', zh: '字段 "{field}" 没有参数 "{argument}"。' },
  {
    en: 'Unknown argument "{argument}" on directive "{directive}".',
    zh: '指令 "{directive}" 没有参数 "{argument}"。',
  },
  {
    en: 'Field "{field}" argument "{argument}" of type "{type}" is required, but it was not provided.',
    zh: '字段 "{field}" 的参数 "{argument}"（类型 "{type}"）为必填，但没有提供。',
  },
  {
    en: 'Directive "{directive}" argument "{argument}" of type "{type}" is required, but it was not provided.',
    zh: '指令 "{directive}" 的参数 "{argument}"（类型 "{type}"）为必填，但没有提供。',
  },
  { en: 'Unknown type "{type}".', zh: '未知类型 "{type}"。' },
  { en: 'Unknown directive "{directive}".', zh: '未知指令 "{directive}"。' },
  { en: 'Unknown fragment "{fragment}".', zh: '未知片段 "{fragment}"。' },
  { en: 'Fragment "{fragment}" is never used.', zh: '片段 "{fragment}" 没有被使用。' },
  { en: 'Variable "{variable}" is never used.', zh: '变量 "{variable}" 没有被使用。' },
  {
    en: 'Variable "{variable}" is never used in operation "{operation}".',
    zh: '变量 "{variable}" 在操作 "{operation}" 中没有被使用。',
  },
  { en: 'Variable "{variable}" is not defined.', zh: '变量 "{variable}" 没有定义。' },
  {
    en: 'Variable "{variable}" is not defined by operation "{operation}".',
    zh: '操作 "{operation}" 没有定义变量 "{variable}"。',
  },
  { en: 'There can be only one operation named "{operation}".', zh: '名为 "{operation}" 的操作只能有一个。' },
  { en: 'There can be only one argument named "{argument}".', zh: '名为 "{argument}" 的参数只能有一个。' },
  { en: 'There can be only one fragment named "{fragment}".', zh: '名为 "{fragment}" 的片段只能有一个。' },
  { en: 'There can be only one variable named "{variable}".', zh: '名为 "{variable}" 的变量只能有一个。' },
  { en: 'There can be only one input field named "{field}".', zh: '名为 "{field}" 的输入字段只能有一个。' },
  {
    en: 'This anonymous operation must be the only defined operation.',
    zh: '匿名操作必须是文档中唯一的操作。',
  },
  {
    en: 'Field "{field}" must not have a selection since type "{type}" has no subfields.',
    zh: '字段 "{field}" 不能有子选择：类型 "{type}" 没有子字段。',
  },
  {
    en: 'Field "{field}" of type "{type}" must have a selection of subfields.',
    zh: '字段 "{field}"（类型 "{type}"）必须选择子字段。',
  },
  {
    en: 'Variable "{variable}" cannot be non-input type "{type}".',
    zh: '变量 "{variable}" 的类型不能是非输入类型 "{type}"。',
  },
  {
    en: 'Variable "{variable}" of type "{type}" used in position expecting type "{expected}".',
    zh: '变量 "{variable}" 的类型为 "{type}"，但此位置需要类型 "{expected}"。',
  },
  {
    en: 'The directive "{directive}" can only be used once at this location.',
    zh: '指令 "{directive}" 在此位置只能使用一次。',
  },
  {
    en: 'Directive "{directive}" may not be used on {location}.',
    zh: '指令 "{directive}" 不能用于 {location}。',
  },
  {
    en: 'Fields "{field}" conflict because {inner}. Use different aliases on the fields to fetch both if this was intentional.',
    zh: '字段 "{field}" 相互冲突：{inner}。如需同时获取，请为它们使用不同的别名。',
  },
  { en: '"{a}" and "{b}" are different fields', zh: '"{a}" 与 "{b}" 是不同的字段' },
  { en: 'they have differing arguments', zh: '它们的参数不同' },
  { en: 'they return conflicting types "{a}" and "{b}"', zh: '它们返回相互冲突的类型 "{a}" 和 "{b}"' },
  {
    en: 'Fragment "{fragment}" cannot be spread here as objects of type "{parent}" can never be of type "{type}".',
    zh: '片段 "{fragment}" 不能在此展开：类型 "{parent}" 的对象不可能是类型 "{type}"。',
  },
  {
    en: 'Fragment cannot be spread here as objects of type "{parent}" can never be of type "{type}".',
    zh: '片段不能在此展开：类型 "{parent}" 的对象不可能是类型 "{type}"。',
  },
  { en: 'Cannot spread fragment "{fragment}" within itself.', zh: '片段 "{fragment}" 不能展开自身。' },
  {
    en: 'Cannot spread fragment "{fragment}" within itself via {via}.',
    zh: '片段 "{fragment}" 不能经由 {via} 展开自身。',
  },
  {
    en: 'Fragment "{fragment}" cannot condition on non composite type "{type}".',
    zh: '片段 "{fragment}" 不能以非复合类型 "{type}" 为条件。',
  },
  {
    en: 'Fragment cannot condition on non composite type "{type}".',
    zh: '片段不能以非复合类型 "{type}" 为条件。',
  },
  {
    en: 'Anonymous Subscription must select only one top level field.',
    zh: '匿名订阅只能选择一个顶层字段。',
  },
  {
    en: 'Subscription "{operation}" must select only one top level field.',
    zh: '订阅 "{operation}" 只能选择一个顶层字段。',
  },

  // Values: literals in the document, variables, arguments
  { en: 'Expected value of type "{type}", found {value}.', zh: '应为类型 "{type}" 的值，实际为 {value}。' },
  {
    en: 'Expected value of type "{type}", found {value}; {inner}',
    zh: '应为类型 "{type}" 的值，实际为 {value}：{inner}',
  },
  {
    en: 'Enum "{enum}" cannot represent non-enum value: {value}.',
    zh: '枚举 "{enum}" 不能表示非枚举值 {value}。',
  },
  {
    en: 'Enum "{enum}" cannot represent non-string value: {value}.',
    zh: '枚举 "{enum}" 不能表示非字符串值 {value}。',
  },
  { en: 'Value "{value}" does not exist in "{enum}" enum.', zh: '枚举 "{enum}" 中没有值 "{value}"。' },
  {
    en: 'Field "{field}" of required type "{type}" was not provided.',
    zh: '缺少必填字段 "{field}"（类型 "{type}"）。',
  },
  { en: 'Field "{field}" is not defined by type "{type}".', zh: '类型 "{type}" 没有定义字段 "{field}"。' },
  {
    en: 'Variable "{variable}" got invalid value {value}; {inner}',
    zh: '变量 "{variable}" 的值 {value} 无效：{inner}',
  },
  {
    en: 'Variable "{variable}" got invalid value {value} at "{at}"; {inner}',
    zh: '变量 "{variable}" 的值 {value} 在 "{at}" 处无效：{inner}',
  },
  {
    en: 'Variable "{variable}" of required type "{type}" was not provided.',
    zh: '缺少必填变量 "{variable}"（类型 "{type}"）。',
  },
  {
    en: 'Variable "{variable}" of non-null type "{type}" must not be null.',
    zh: '变量 "{variable}" 的类型为非空类型 "{type}"，不能为 null。',
  },
  {
    en: 'Variable "{variable}" expected value of type "{type}" which cannot be used as an input type.',
    zh: '变量 "{variable}" 的类型 "{type}" 不能用作输入类型。',
  },
  {
    en: 'Too many errors processing variables, error limit reached. Execution aborted.',
    zh: '处理变量时错误过多，已停止执行。',
  },
  { en: 'Argument "{argument}" has invalid value {value}.', zh: '参数 "{argument}" 的值 {value} 无效。' },
  {
    en: 'Argument "{argument}" of required type "{type}" was not provided.',
    zh: '缺少必填参数 "{argument}"（类型 "{type}"）。',
  },
  {
    en: 'Argument "{argument}" of non-null type "{type}" must not be null.',
    zh: '参数 "{argument}" 的类型为非空类型 "{type}"，不能为 null。',
  },
  // OneOf input objects (`@oneOf`, e.g. HallIdentifierInput: the id or the code)
  {
    en: 'Exactly one key must be specified for OneOf type "{type}".',
    zh: 'OneOf 类型 "{type}" 必须且只能给出一个字段。',
  },
  {
    en: 'OneOf Input Object "{type}" must specify exactly one key.',
    zh: 'OneOf 输入对象 "{type}" 必须且只能给出一个字段。',
  },
  { en: 'Field "{field}" must be non-null.', zh: '字段 "{field}" 不能为 null。' },
  {
    en: 'Variable "{variable}" is of type "{type}" but must be non-nullable to be used for OneOf Input Object "{parent}".',
    zh: '变量 "{variable}" 的类型为 "{type}"，用于 OneOf 输入对象 "{parent}" 时必须为非空类型。',
  },
  { en: 'Expected non-nullable type "{type}" not to be null.', zh: '非空类型 "{type}" 的值不能为 null。' },
  { en: 'Expected type "{type}" to be an object.', zh: '应为类型 "{type}" 的对象。' },
  { en: 'Expected type "{type}".', zh: '应为类型 "{type}"。' },
  { en: 'Int cannot represent non-integer value: {value}', zh: 'Int 不能表示非整数值 {value}' },
  {
    en: 'Int cannot represent non 32-bit signed integer value: {value}',
    zh: 'Int 不能表示超出 32 位有符号整数范围的值 {value}',
  },
  { en: 'Float cannot represent non numeric value: {value}', zh: 'Float 不能表示非数值 {value}' },
  { en: 'String cannot represent a non string value: {value}', zh: 'String 不能表示非字符串值 {value}' },
  { en: 'Boolean cannot represent a non boolean value: {value}', zh: 'Boolean 不能表示非布尔值 {value}' },
  { en: 'ID cannot represent value: {value}', zh: 'ID 不能表示值 {value}' },
  // This schema's scalars (src/schema/builder.ts)
  { en: 'DateTime must be an ISO-8601 string', zh: 'DateTime 必须是 ISO-8601 格式的字符串' },
  {
    en: 'DateTime must be an ISO-8601 date-time, got "{value}"',
    zh: 'DateTime 必须是 ISO-8601 格式的日期时间，实际为 "{value}"',
  },

  // Apollo Server: the operation and the HTTP request
  {
    en: 'Must provide operation name if query contains multiple operations.',
    zh: '文档含有多个操作时必须提供 operationName。',
  },
  { en: 'Unknown operation named "{operation}".', zh: '没有名为 "{operation}" 的操作。' },
  { en: 'Must provide an operation.', zh: '必须提供一个操作。' },
  {
    en: 'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.',
    zh: 'GraphQL 请求必须含有非空的 `query` 或 `persistedQuery` 扩展。',
  },
  {
    en: 'GET requests only support query operations, not {type} operations',
    zh: 'GET 请求只支持 query 操作，不支持 {type} 操作',
  },
  {
    en: 'POST body missing, invalid Content-Type, or JSON object has no keys.',
    zh: '缺少 POST 请求体、Content-Type 无效，或 JSON 对象为空。',
  },
  {
    en: '`{name}` in a POST body should be provided as an object, not a recursively JSON-encoded string.',
    zh: 'POST 请求体中的 `{name}` 应为对象，而不是再次 JSON 编码的字符串。',
  },
  {
    en: '`{name}` in a POST body must be an object if provided.',
    zh: 'POST 请求体中的 `{name}` 如果提供，必须是对象。',
  },
  {
    en: '`{name}` in a POST body must be a string if provided.',
    zh: 'POST 请求体中的 `{name}` 如果提供，必须是字符串。',
  },
  { en: 'GraphQL queries must be strings.', zh: 'GraphQL 查询必须是字符串。' },
  { en: 'The {name} search parameter contains invalid JSON.', zh: '查询参数 {name} 不是有效的 JSON。' },
  {
    en: 'The {name} search parameter should contain a JSON-encoded object.',
    zh: '查询参数 {name} 应为 JSON 编码的对象。',
  },
  { en: "The '{name}' search parameter may only be specified once.", zh: "查询参数 '{name}' 只能出现一次。" },
  { en: 'PersistedQueryNotFound', zh: '未找到持久化查询（PersistedQueryNotFound）' },
  { en: 'PersistedQueryNotSupported', zh: '不支持持久化查询（PersistedQueryNotSupported）' },
  {
    en: "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of {types}) or provide a non-empty value for one of the following headers: {headers}",
    zh: '此操作可能是跨站请求伪造（CSRF），已被拦截。请发送 content-type 请求头（且不是 {types} 之一），或为以下请求头之一提供非空值：{headers}',
  },
];

interface Pattern {
  readonly regex: RegExp;
  readonly zh: string;
}

function literalLength(template: string): number {
  return template.replace(/\{\w+\}/g, '').length;
}

/**
 * Each English template as an anchored pattern, the most literal first (so the most specific wins).
 * A parameter between double quotes (a name) matches no double quote, so that it cannot run on
 * into the rest of the message; any other matches anything.
 */
function compile(entries: readonly CatalogueEntry[]): Pattern[] {
  return [...entries]
    .sort((a, b) => literalLength(b.en) - literalLength(a.en))
    .map((entry) => {
      const parts = entry.en.split(/(\{\w+\})/);
      const source = parts
        .map((part, index) => {
          const name = /^\{(\w+)\}$/.exec(part)?.[1];
          if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          const quoted =
            parts[index - 1]?.endsWith('"') === true && parts[index + 1]?.startsWith('"') === true;
          return quoted ? `(?<${name}>[^"]*)` : `(?<${name}>[\\s\\S]+?)`;
        })
        .join('');
      return { regex: new RegExp(`^${source}$`), zh: entry.zh };
    });
}

let syntaxPatterns: Pattern[] | undefined;
let messagePatterns: Pattern[] | undefined;

/** graphql-js's suggestion suffix: ` Did you mean "a", "b", or "c"?` (with an optional sub-message). */
const SUGGESTION =
  / Did you mean (?:(the enum value|to use an inline fragment on) )?((?:"[^"]*"(?:, | or |, or )?)+)\?$/;

/** `"a", "b", or "c"` as `"a"、"b" 或 "c"`. */
function suggestionList(list: string): string {
  const names = list.match(/"[^"]*"/g) ?? [];
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join('、')} 或 ${names[names.length - 1] ?? ''}`;
}

function suggestionIn(sub: string | undefined, list: string): string {
  const names = suggestionList(list);
  if (sub === 'the enum value') return `您是不是要用枚举值 ${names}？`;
  if (sub === 'to use an inline fragment on') return `您是不是要在 ${names} 上使用内联片段？`;
  return `您是不是要用 ${names}？`;
}

function translateWith(patterns: Pattern[], english: string, depth: number): string | undefined {
  for (const pattern of patterns) {
    const match = pattern.regex.exec(english);
    if (!match) continue;
    const groups = match.groups ?? {};
    return pattern.zh.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = groups[name];
      if (value === undefined) return whole;
      if (name === 'syntax')
        return translateWith((syntaxPatterns ??= compile(SYNTAX)), value, depth) ?? value;
      if (name === 'inner') return translateInner(value, depth + 1);
      return value;
    });
  }
  return undefined;
}

/** A message inside a message: translated when known, else kept in English. */
function translateInner(english: string, depth: number): string {
  if (depth > 3) return english;
  return translateGraphQLMessage(english, depth) ?? english;
}

/**
 * The Chinese of a message graphql-js or Apollo Server wrote; undefined when no entry matches
 * (the caller then answers the English).
 */
export function translateGraphQLMessage(english: string, depth = 0): string | undefined {
  messagePatterns ??= compile(MESSAGES);
  const trimmed = english.replace(/\s+$/, '');
  const suggestion = SUGGESTION.exec(trimmed);
  const main = suggestion ? trimmed.slice(0, suggestion.index) : trimmed;
  const translated = translateWith(messagePatterns, main, depth);
  if (translated === undefined) return undefined;
  return suggestion ? `${translated}${suggestionIn(suggestion[1], suggestion[2] ?? '')}` : translated;
}

/** The English templates (for tests). */
export const GRAPHQL_MESSAGES: readonly CatalogueEntry[] = [...MESSAGES, ...SYNTAX];
