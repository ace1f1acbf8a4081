// ESLint rule `channel-kb/no-dev-imports`: production code (src/, seed/) must not reach into dev/,
// the development-only infrastructure that production builds do not ship. It resolves every module
// specifier against the linted file (so `src/modules/x/dev/` is no false alarm) and reports:
//   - static imports and `export ... from`, type-only ones included;
//   - `import('...')`, `require('...')`, `import x = require('...')` and `import('...').Type`;
//   - any other relative string naming a path in dev/ (e.g. `new URL('../dev/...', import.meta.url)`),
//     except in the files listed in `seams` (src/infrastructure.ts loads the launcher that way).
// A local rule rather than `no-restricted-imports`: it also sees dynamic imports and path strings,
// and it does not compete with other `no-restricted-imports` settings (flat config replaces a
// rule's options, it does not merge them).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Resolves a module specifier or path string written in `fromFile` to an absolute path;
 * undefined for bare package names and anything that is not a path.
 * @param {string} specifier
 * @param {string} fromFile
 * @returns {string | undefined}
 */
function resolveSpecifier(specifier, fromFile) {
  if (specifier.startsWith('file:')) {
    try {
      return fileURLToPath(specifier);
    } catch {
      return undefined;
    }
  }
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    return path.resolve(path.dirname(fromFile), specifier);
  }
  return path.isAbsolute(specifier) ? specifier : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noDevImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Production code (src/, seed/) must not import or name files in dev/.' },
    messages: {
      import:
        '{{specifier}} is development infrastructure in dev/, which production builds do not ship: reach it only through src/infrastructure.ts.',
      path: '{{specifier}} names a path in dev/: only the seam (src/infrastructure.ts) may.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          devDir: { type: 'string' },
          seams: { type: 'array', items: { type: 'string' } },
        },
        required: ['root'],
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { root, devDir = 'dev', seams = [] } = context.options[0] ?? {};
    const devPath = path.resolve(root, devDir);
    const file = context.filename;
    const isSeam = seams.some((seam) => path.resolve(root, seam) === file);
    /** @param {string} specifier */
    const inDev = (specifier) => {
      const resolved = resolveSpecifier(specifier, file);
      return resolved !== undefined && (resolved === devPath || resolved.startsWith(devPath + path.sep));
    };
    /** @param {import('estree').Node | null | undefined} node */
    const stringOf = (node) => {
      if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
      if (node?.type === 'TemplateLiteral' && node.expressions.length === 0)
        return node.quasis[0]?.value.cooked;
      return undefined;
    };
    /** Source nodes of imports, reported once as imports and skipped by the path check. */
    const importSources = new WeakSet();
    /** @param {import('estree').Node | null | undefined} source */
    const checkImport = (source) => {
      if (!source) return;
      importSources.add(source);
      const specifier = stringOf(source);
      if (specifier !== undefined && inDev(specifier)) {
        context.report({ node: source, messageId: 'import', data: { specifier } });
      }
    };
    /** @param {import('estree').Literal | import('estree').TemplateLiteral} node */
    const checkPath = (node) => {
      if (isSeam || importSources.has(node)) return;
      const specifier = stringOf(node);
      if (specifier !== undefined && inDev(specifier)) {
        context.report({ node, messageId: 'path', data: { specifier } });
      }
    };
    return {
      ImportDeclaration: (node) => checkImport(node.source),
      ExportNamedDeclaration: (node) => checkImport(node.source),
      ExportAllDeclaration: (node) => checkImport(node.source),
      ImportExpression: (node) => checkImport(node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          checkImport(node.arguments[0]);
      },
      // TypeScript-only nodes (typescript-eslint's AST): `import x = require('...')`, `import('...').T`.
      /** @param {{ moduleReference: { type: string, expression?: import('estree').Node } }} node */
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference')
          checkImport(node.moduleReference.expression);
      },
      /** @param {{ argument: { type: string, literal?: import('estree').Node } }} node */
      TSImportType(node) {
        checkImport(node.argument.type === 'TSLiteralType' ? node.argument.literal : node.argument);
      },
      'Literal:exit': checkPath,
      'TemplateLiteral:exit': checkPath,
    };
  },
};

/** The plugin that eslint.config.js registers as `channel-kb`. */
export default { rules: { 'no-dev-imports': noDevImports } };
