import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { printSchemaArtifact, SCHEMA_FILE } from '../../src/schema/artifact.js';

describe(SCHEMA_FILE, () => {
  it('matches the schema the code builds (run `npm run schema:print` when this fails)', async () => {
    const checkedIn = await readFile(new URL(`../../${SCHEMA_FILE}`, import.meta.url), 'utf8');
    const printed = printSchemaArtifact();
    if (checkedIn !== printed) {
      throw new Error(
        `${SCHEMA_FILE} differs from the code: run \`npm run schema:print\` and commit the result.`,
      );
    }
    expect(checkedIn.startsWith('# GENERATED FILE, DO NOT EDIT')).toBe(true);
  });
});
