import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keys } from './client';

// The API's schema, as the server prints it (npm run schema:check keeps it current).
const schema = readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8');

/** The object types of the schema that have no `id` field. */
function typesWithoutId(sdl: string): string[] {
  const types: string[] = [];
  for (const match of sdl.matchAll(/^type (\w+)(?: implements [^{]+)? \{\n([\s\S]*?)^\}/gm)) {
    const [, name, body] = match;
    if (!name || ['Query', 'Mutation', 'Subscription'].includes(name)) continue;
    if (!/^ {2}id(\(.*\))?: /m.test(body ?? '')) types.push(name);
  }
  return types;
}

describe('the console cache', () => {
  it('knows how to store every object type that has no id (else graphcache cannot normalise it)', () => {
    const missing = typesWithoutId(schema).filter((type) => !(type in keys));
    expect(missing).toEqual([]);
    expect(typesWithoutId(schema).length).toBeGreaterThan(40);
  });
});
