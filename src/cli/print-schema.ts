/**
 * Writes schema/schema.graphql from the code (npm run schema:print), or with --check exits 1
 * when the checked-in file differs (npm run schema:check, part of npm run check).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printSchemaArtifact, SCHEMA_FILE } from '../schema/artifact.js';
import { failAndExit, parseCli } from './cli-app.js';

const spec = {
  name: 'schema:print',
  usage: 'npm run schema:print | npm run schema:check',
  description: `Prints the GraphQL schema from the code into ${SCHEMA_FILE} (schema:print), or with --check
(schema:check, part of \`npm run check\`) compares that file with the code and fails when they differ.
Needs no database.

  --check  compare only, write nothing

Exit codes: 0 written or up to date, 1 out of date (or failed), 2 bad arguments.`,
  options: { check: { type: 'boolean' } },
} as const;

const { values } = parseCli(spec);
try {
  const file = fileURLToPath(new URL(`../../${SCHEMA_FILE}`, import.meta.url));
  const printed = printSchemaArtifact();
  if (values.check === true) {
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current !== printed) {
      process.stderr.write(
        `${SCHEMA_FILE} is out of date with the code: run \`npm run schema:print\` and commit it.\n`,
      );
      process.exit(1);
    }
    process.stdout.write(`${SCHEMA_FILE} is up to date.\n`);
  } else {
    await writeFile(file, printed);
    process.stdout.write(`Wrote ${SCHEMA_FILE}.\n`);
  }
} catch (error) {
  failAndExit(spec.name, error);
}
