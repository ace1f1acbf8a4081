import { graphql } from '../../graphql';

// The text a reviewer compares, of an article and of one of its revisions (unmasked: the pages read
// the fields where the fragments are spread).
const ArticleText = graphql(`
  fragment ReviewArticleText on Article @_unmask {
    id
    version
    status
    title
    summary
    body
  }
`);
const RevisionText = graphql(`
  fragment ReviewRevisionText on ArticleRevision @_unmask {
    id
    version
    title
    summary
    body
  }
`);

/** An article's revisions, newest first, 100 a page (the history page; `after` for older ones). */
export const HistoryQuery = graphql(`
  query ReviewHistory($id: ID!, $after: String) {
    node(id: $id) {
      ... on Article {
        id
        title
        status
        version
        publishedVersion
        history(first: 100, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            id
            version
            action
            author
            at
            note
            status
          }
        }
      }
    }
  }
`);

/** Two revisions in full, and the other fields that differ (the diff is drawn here, by character). */
export const DiffQuery = graphql(
  `
    query ReviewDiff($id: ID!, $from: Int!, $to: Int!) {
      articleDiff(id: $id, from: $from, to: $to) {
        from {
          ...ReviewRevisionText
        }
        to {
          ...ReviewRevisionText
        }
        fields {
          field
          before
          after
        }
      }
    }
  `,
  [RevisionText],
);

export const RestoreMutation = graphql(
  `
    mutation ReviewRestore($input: RestoreArticleRevisionInput!) {
      restoreArticleRevision(input: $input) {
        article {
          ...ReviewArticleText
        }
      }
    }
  `,
  [ArticleText],
);

export const QueueQuery = graphql(
  `
    query ReviewQueue($after: String) {
      reviewQueue(first: 10, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            submittedAt
            submittedBy
            canApprove
            approvalBlock
            article {
              ...ReviewArticleText
              publishedVersion
            }
          }
        }
      }
    }
  `,
  [ArticleText],
);

export const PublishMutation = graphql(`
  mutation ReviewPublish($input: PublishArticleInput!) {
    publishArticle(input: $input) {
      article {
        id
        version
        status
        publishedVersion
      }
    }
  }
`);

export const RejectMutation = graphql(`
  mutation ReviewReject($input: RejectArticleInput!) {
    rejectArticle(input: $input) {
      article {
        id
        version
        status
      }
    }
  }
`);

export const FlagsQuery = graphql(`
  query ReviewFlags($after: String) {
    articleFlags(status: OPEN, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        reason
        comment
        by
        at
        status
        article {
          id
          title
          slug
          locale
        }
      }
    }
  }
`);

export const ResolveFlagMutation = graphql(`
  mutation ReviewResolveFlag($input: ResolveArticleFlagInput!) {
    resolveArticleFlag(input: $input) {
      flag {
        id
        status
        resolution
        resolvedBy
      }
    }
  }
`);
