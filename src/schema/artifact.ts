import { printSchema } from 'graphql';
import { buildSchema } from './index.js';

export const SCHEMA_FILE = 'schema/schema.graphql';

const HEADER = `# GENERATED FILE, DO NOT EDIT: run \`npm run schema:print\` after changing the schema code.
# The printed GraphQL schema of channel-kb, sorted. A test fails when it differs from the code.
`;

/** The checked-in SDL: a header, then the sorted schema. */
export function printSchemaArtifact(): string {
  return `${HEADER}\n${printSchema(buildSchema())}\n`;
}
