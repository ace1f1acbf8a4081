// ESLint rule `channel-kb/module-boundaries`: a module (a folder under src/modules/) is used from
// outside only through its surfaces:
//   - `index.ts`, the domain surface (services, repositories, models, helpers other code may use);
//   - `schema.ts`, the GraphQL surface (registers the module's types; exports refs other modules'
//     GraphQL files may use): only `*.graphql.ts` files, another module's schema.ts and
//     src/schema/index.ts may import it.
// Inside a module, files import each other freely. Tests are not linted by this rule (unit tests
// reach internals on purpose). tests/unit/module-boundaries.test.ts shows a planted violation fails.
import path from 'node:path';

/** @type {import('eslint').Rule.RuleModule} */
export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Modules are used from outside only through their index.ts (and schema.ts).' },
    messages: {
      internal:
        "{{specifier}} is internal to the module '{{module}}': import what you need from its index.ts (add it there if it is meant to be public).",
      schema:
        "{{specifier}} is the module '{{module}}''s GraphQL surface: only GraphQL files (*.graphql.ts, schema.ts) may import it.",
    },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' } },
        required: ['root'],
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { root } = context.options[0] ?? {};
    const modulesDir = path.resolve(root, 'src', 'modules');
    const file = context.filename;
    /** @param {string} target */
    const moduleOf = (target) => {
      const relative = path.relative(modulesDir, target);
      if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
      const [name, ...rest] = relative.split(path.sep);
      return rest.length === 0 ? undefined : name;
    };
    const ownModule = moduleOf(file);
    const base = path.basename(file);
    const graphqlFile =
      base.endsWith('.graphql.ts') ||
      (ownModule !== undefined && base === 'schema.ts') ||
      path.resolve(root, 'src', 'schema', 'index.ts') === file;
    /** @param {import('estree').Node | null | undefined} source */
    const check = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const specifier = source.value;
      if (!specifier.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), specifier);
      const targetModule = moduleOf(target);
      if (targetModule === undefined || targetModule === ownModule) return;
      const surface = path.basename(target).replace(/\.(js|ts)$/, '');
      if (surface === 'index' && path.dirname(target) === path.join(modulesDir, targetModule)) return;
      if (surface === 'schema' && path.dirname(target) === path.join(modulesDir, targetModule)) {
        if (graphqlFile) return;
        context.report({ node: source, messageId: 'schema', data: { specifier, module: targetModule } });
        return;
      }
      context.report({ node: source, messageId: 'internal', data: { specifier, module: targetModule } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default { rules: { 'module-boundaries': moduleBoundaries } };
