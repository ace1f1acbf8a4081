/**
 * Finds, in the service's sources, every place that writes a message a client may read: the
 * arguments of the error factories (`badField`, `conflict`, `new GraphQLError`, ...), the messages of
 * zod checks (`.min(1, '...')`, `.refine(fn, '...')`), `message:` properties (field problems,
 * `ctx.addIssue`), and the words that fill catalogue templates (`notFound('Hall', ...)`, a
 * permission's `who` and `describe`). A template literal becomes a sample with `X1`, `X2`... for its
 * substitutions; an argument that is not text (a variable, a call) is reported as dynamic, for the
 * test to hold against its list of known forwarding sites.
 *
 * Read with the TypeScript compiler's parser, so comments, log calls and strings that are not
 * messages do not count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface MessageSite {
  /** `src/modules/halls/hall-import.ts:108` */
  where: string;
  /** What kind of site: `call badField`, `zod .min`, `message:`, `phrase notFound`, ... */
  kind: string;
  /** The message with each substitution replaced by X1, X2...; undefined when the text is dynamic. */
  sample: string | undefined;
  /** The argument's source text (for dynamic sites). */
  source: string;
}

/** Error factories and the index of their message argument. */
const FACTORIES: Readonly<Record<string, number>> = {
  badField: 1,
  badUserInput: 0,
  conflict: 0,
  forbidden: 0,
  unauthenticated: 0,
  serviceUnavailable: 0,
  searchUnavailable: 0,
  queryTooComplex: 0,
  rateLimited: 1,
  AppError: 1,
  GraphQLError: 0,
  /** A scalar's parseValue/parseLiteral refusal, which graphql-js puts inside its own message. */
  TypeError: 0,
};

/** zod checks and the index of their message argument. */
const ZOD_CHECKS: Readonly<Record<string, number>> = {
  min: 1,
  max: 1,
  length: 1,
  regex: 1,
  refine: 1,
  nonempty: 0,
  gt: 1,
  gte: 1,
  lt: 1,
  lte: 1,
  int: 0,
  positive: 0,
  nonnegative: 0,
};

/** Factories and the index of their argument that is a word filling a template (`{what}`). */
const PHRASE_FACTORIES: Readonly<Record<string, number>> = { notFound: 0, trimmed: 1 };

/** Directories and files that write no client messages (command-line tools, start-up config). */
const SKIPPED = [/^src\/cli\//, /^src\/config\.ts$/, /^src\/i18n\//, /^src\/errors\.ts$/];

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/** The text of a string-like expression, substitutions as X1, X2...; undefined when it is not text. */
function sampleOf(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    node.templateSpans.forEach((span, index) => {
      text += `X${index + 1}${span.literal.text}`;
    });
    return text;
  }
  if (ts.isParenthesizedExpression(node)) return sampleOf(node.expression);
  return undefined;
}

function calleeName(node: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Every message site in `root`/src (root: the repository). */
export function messageSites(root: string): MessageSite[] {
  const sites: MessageSite[] = [];
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (SKIPPED.some((pattern) => pattern.test(relative))) continue;
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const add = (kind: string, node: ts.Expression) => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      sites.push({
        where: `${relative}:${line + 1}`,
        kind,
        sample: sampleOf(node),
        source: node.getText(source),
      });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const name = calleeName(node);
        const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
        const direct = ts.isIdentifier(node.expression) || ts.isNewExpression(node);
        if (name !== undefined && direct && FACTORIES[name] !== undefined) {
          const argument = args[FACTORIES[name]];
          if (argument !== undefined) add(`call ${name}`, argument);
        } else if (name !== undefined && direct && PHRASE_FACTORIES[name] !== undefined) {
          const argument = args[PHRASE_FACTORIES[name]];
          if (argument !== undefined && sampleOf(argument) !== undefined) add(`phrase ${name}`, argument);
        } else if (name !== undefined && !direct && ZOD_CHECKS[name] !== undefined) {
          const argument = args[ZOD_CHECKS[name]];
          if (argument !== undefined && sampleOf(argument) !== undefined) add(`zod .${name}`, argument);
        }
      } else if (
        ts.isReturnStatement(node) &&
        node.expression !== undefined &&
        /\.policy\.ts$/.test(relative) &&
        sampleOf(node.expression) !== undefined
      ) {
        // A permission check's reason (`check: (principal, resource) => string | null`).
        add('policy reason', node.expression);
      } else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
        const key = node.name.text;
        const value = node.initializer;
        if (key === 'message' && sampleOf(value) !== undefined) add('message:', value);
        if ((key === 'who' || key === 'describe') && /\.policy\.ts$|\/policy\.ts$/.test(relative)) {
          if (sampleOf(value) !== undefined) add(`phrase ${key}`, value);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}
