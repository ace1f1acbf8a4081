import { graphql } from '../../graphql';

export const SearchInsightsQuery = graphql(`
  query SearchInsights($since: DateTime!, $until: DateTime) {
    searchInsights(since: $since, until: $until, first: 20) {
      since
      until
      totalSearches
      zeroResultSearches
      degradedSearches
      daily {
        day
        totalSearches
        zeroResultSearches
        degradedSearches
      }
      topQueries {
        query
        count
        averageHits
      }
      zeroResultQueries {
        query
        count
        lastAt
      }
    }
  }
`);

export const SynonymSetFields = graphql(`
  fragment SynonymSetFields on SynonymSet {
    id
    terms
    version
    updatedAt
    updatedBy
  }
`);

export const SynonymSetsQuery = graphql(
  `
    query SynonymSets {
      synonymSets {
        ...SynonymSetFields
      }
    }
  `,
  [SynonymSetFields],
);

/** The set as it is now (after a CONFLICT): null when someone deleted it. */
export const SynonymSetQuery = graphql(
  `
    query SynonymSet($id: ID!) {
      node(id: $id) {
        ...SynonymSetFields
      }
    }
  `,
  [SynonymSetFields],
);

export const CreateSynonymSetMutation = graphql(
  `
    mutation CreateSynonymSet($terms: [String!]!) {
      createSynonymSet(input: { terms: $terms }) {
        synonymSet {
          ...SynonymSetFields
        }
      }
    }
  `,
  [SynonymSetFields],
);

export const UpdateSynonymSetMutation = graphql(
  `
    mutation UpdateSynonymSet($id: ID!, $expectedVersion: Int!, $terms: [String!]!) {
      updateSynonymSet(input: { id: $id, expectedVersion: $expectedVersion, terms: $terms }) {
        synonymSet {
          ...SynonymSetFields
        }
      }
    }
  `,
  [SynonymSetFields],
);

export const DeleteSynonymSetMutation = graphql(`
  mutation DeleteSynonymSet($id: ID!, $expectedVersion: Int!) {
    deleteSynonymSet(input: { id: $id, expectedVersion: $expectedVersion }) {
      deletedSynonymSetId
    }
  }
`);
