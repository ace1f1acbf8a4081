import { graphql } from '../../graphql';

// An article's use and rating counts: read by the answer view, refreshed by the use and rating
// mutations (unmasked: the cache and the view read the fields where they are spread).
const ArticleStats = graphql(`
  fragment ArticleStats on Article @_unmask {
    id
    stats {
      uses
      helpful
      notHelpful
    }
  }
`);

export const SearchArticlesQuery = graphql(`
  query DeskSearch($query: String!, $filter: ArticleSearchFilter, $channel: UseChannel, $locale: Locale!) {
    searchArticles(query: $query, filter: $filter, channel: $channel, first: 20) {
      totalHits
      processingTimeMs
      degraded
      relaxedQuery
      didYouMean {
        query
        hitCount
      }
      answerCard {
        kind
        summary
        errorCode
        causes
        steps
        article {
          id
          slug
          locale
        }
        complaintGrades {
          grade
          name(locale: $locale)
          immediate
          averageAnswerHours
          latestAnswerHours
        }
        complaintDeadlines {
          grade
          latestByLocal
        }
      }
      facets {
        categories {
          value
          count
        }
        tags {
          value
          count
        }
      }
      edges {
        title
        snippet
        matchedErrorCodes
        node {
          id
          slug
          locale
          audience
          category {
            key
            name(locale: $locale)
          }
        }
      }
    }
  }
`);

export const CategoriesQuery = graphql(`
  query DeskCategories($locale: Locale!) {
    categories {
      key
      name(locale: $locale)
    }
  }
`);

export const AnswerQuery = graphql(
  `
    query Answer($slug: String!, $locale: Locale!, $uiLocale: Locale!) {
      article(slug: $slug, locale: $locale) {
        id
        slug
        locale
        title
        summary
        audience
        bodyHtml
        errorCodes
        tags
        updatedAt
        publishedAt
        categoryPath {
          key
          name(locale: $uiLocale)
        }
        related {
          id
          slug
          locale
          title
          audience
        }
        translations {
          id
          slug
          locale
          title
        }
        ...ArticleStats
      }
    }
  `,
  [ArticleStats],
);

export const RecordUseMutation = graphql(
  `
    mutation RecordUse($input: RecordArticleUseInput!) {
      recordArticleUse(input: $input) {
        article {
          ...ArticleStats
        }
      }
    }
  `,
  [ArticleStats],
);

export const RateMutation = graphql(
  `
    mutation Rate($input: RateArticleInput!) {
      rateArticle(input: $input) {
        article {
          ...ArticleStats
        }
      }
    }
  `,
  [ArticleStats],
);

export const FlagMutation = graphql(`
  mutation Flag($input: FlagArticleInput!) {
    flagArticle(input: $input) {
      flag {
        id
        reason
        status
      }
    }
  }
`);
