/**
 * Writes schema/schema.graphql from the code (npm run schema:print), or with --check exits 1
 * when the checked-in file differs (npm run schema:check, part of npm run check).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printSchemaArtifact, SCHEMA_FILE } from '../schema/artifact.js';

const file = fileURLToPath(new URL(`../../${SCHEMA_FILE}`, import.meta.url));
const printed = printSchemaArtifact();
if (process.argv.includes('--check')) {
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
