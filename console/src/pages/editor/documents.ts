import { graphql } from '../../graphql';

/** One row of the editors' lists: enough to say what it is, where it stands and what needs doing. */
export const ArticleRowFragment = graphql(`
  fragment EditorArticleRow on Article {
    id
    title
    slug
    locale
    status
    version
    updatedAt
    validTo
    isExpired
    hasUnpublishedChanges
    stats {
      openFlags
    }
    rejection {
      by
      at
      reason
    }
  }
`);

export const ArticleListQuery = graphql(
  `
    query EditorArticleList($filter: ArticleFilter, $after: String) {
      articles(filter: $filter, first: 20, after: $after) {
        nodes {
          ...EditorArticleRow
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [ArticleRowFragment],
);

const ArticleEditFragment = graphql(`
  fragment EditorArticle on Article {
    id
    slug
    locale
    status
    version
    title
    summary
    body
    category {
      key
    }
    tags
    errorCodes
    audience
    validFrom
    validTo
    related {
      id
      title
    }
    translations {
      id
      locale
      title
    }
    rejection {
      by
      at
      reason
    }
    hasUnpublishedChanges
    publishedVersion
    updatedAt
  }
`);

export const ArticleEditQuery = graphql(
  `
    query EditorArticle($id: ID!) {
      node(id: $id) {
        __typename
        ...EditorArticle
      }
    }
  `,
  [ArticleEditFragment],
);

export const CategoriesQuery = graphql(`
  query EditorCategories($locale: Locale!) {
    categories {
      key
      parentKey
      order
      name(locale: $locale)
    }
  }
`);

export const BodyPreviewQuery = graphql(`
  query EditorBodyPreview($body: String!) {
    articleBodyPreview(body: $body)
  }
`);

export const RelatedSearchQuery = graphql(`
  query EditorRelatedSearch($query: String!) {
    searchArticles(query: $query, first: 8) {
      edges {
        node {
          id
          title
          locale
        }
      }
    }
  }
`);

export const CreateArticleMutation = graphql(
  `
    mutation EditorCreateArticle($input: CreateArticleInput!) {
      createArticle(input: $input) {
        article {
          ...EditorArticle
        }
      }
    }
  `,
  [ArticleEditFragment],
);

export const UpdateArticleMutation = graphql(
  `
    mutation EditorUpdateArticle($input: UpdateArticleInput!) {
      updateArticle(input: $input) {
        article {
          ...EditorArticle
        }
      }
    }
  `,
  [ArticleEditFragment],
);

export const SubmitArticleMutation = graphql(
  `
    mutation EditorSubmitArticle($input: SubmitArticleForReviewInput!) {
      submitArticleForReview(input: $input) {
        article {
          ...EditorArticle
        }
      }
    }
  `,
  [ArticleEditFragment],
);

export const ArchiveArticleMutation = graphql(
  `
    mutation EditorArchiveArticle($input: ArchiveArticleInput!) {
      archiveArticle(input: $input) {
        article {
          ...EditorArticle
        }
      }
    }
  `,
  [ArticleEditFragment],
);

export { ArticleEditFragment };
