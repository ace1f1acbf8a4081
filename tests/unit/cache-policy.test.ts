import { describe, expect, it } from '@jest/globals';
import { Kind, parse } from 'graphql';
import type { FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { cachePolicyOf } from '../../src/schema/cache-policy.js';
import { buildSchema } from '../../src/schema/index.js';

const schema = buildSchema();

/** The max-age the service would announce for an anonymous answer to `source` without errors. */
function maxAgeOf(source: string): number {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return cachePolicyOf(schema, operation, () => fragments).maxAge;
}

describe('the cache policy of an operation', () => {
  it('is the smallest hint of its fields, nested fields taking their listing age', () => {
    expect(maxAgeOf('{ halls(first: 5) { edges { node { code region { name } } } } }')).toBe(60);
    expect(maxAgeOf('{ regions { code } enumLabels { value } }')).toBe(300);
    expect(maxAgeOf('{ halls(first: 5) { nodes { code openNow } } }')).toBe(30);
  });

  it('finds short-lived fields behind fragments and type conditions', () => {
    expect(maxAgeOf('{ node(id: "x") { ... on Hall { openNow } } }')).toBe(30);
    expect(
      maxAgeOf(
        'query { halls(first: 1) { nodes { ...Open } } } fragment Open on Hall { code nextChange { at } }',
      ),
    ).toBe(30);
  });

  it('does not cache a root field without a hint, introspection, or a mutation', () => {
    expect(maxAgeOf('{ viewer { id } halls(first: 1) { totalCount } }')).toBe(0);
    expect(maxAgeOf('{ __schema { queryType { name } } }')).toBe(0);
    expect(maxAgeOf('{ searchInsights { totalSearches } }')).toBe(0);
    expect(maxAgeOf('mutation { rateArticle(input: { id: "x", helpful: true }) { __typename } }')).toBe(0);
  });
});
