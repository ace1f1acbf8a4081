/** The GraphQL operations the bench sends (what portals, agents and editors send). */

export const HALLS_PAGE = `query HallsPage($first: Int!) {
  halls(first: $first) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id code name tier operation area address phone status
      location { lat lng }
      region { code name }
      channels { code name type }
      openingHours { weekly { start end } special { date closed intervals { start end } } }
      openNow
    }
  }
}`;

export const HALLS_COUNT = `query HallsCount($first: Int!) {
  halls(first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes { code name tier status region { name } } }
}`;

export const ARTICLES_COUNT = `query ArticlesCount($first: Int!) {
  articles(first: $first) {
    count(upTo: 1000) { count precision }
    pageInfo { hasNextPage endCursor }
    nodes { id slug title summary category { key } related { slug title } translations { locale } }
  }
}`;

export const SEARCH = `query Search($query: String!) {
  searchArticles(query: $query, first: 10) {
    totalHits processingTimeMs
    edges { title snippet matchedErrorCodes node { id slug } }
  }
}`;

export const SEARCH_IDS = `query Found($query: String!) {
  searchArticles(query: $query, first: 5) { totalHits edges { node { id } } }
}`;

export const ARTICLE_BY_SLUG = `query Article($slug: String!) {
  article(slug: $slug) { title bodyHtml related { slug title } translations { locale } }
}`;

export const CHANNELS = `{ channels(first: 20) { nodes { code name type services access { kind value } } } }`;

export const CATEGORIES = `{ categories { key } }`;

export const CREATE_ARTICLE = `mutation Create($input: CreateArticleInput!) {
  createArticle(input: $input) { article { id version } }
}`;

export const SUBMIT_ARTICLE = `mutation Submit($input: SubmitArticleForReviewInput!) {
  submitArticleForReview(input: $input) { article { id version } }
}`;

export const PUBLISH_ARTICLE = `mutation Publish($input: PublishArticleInput!) {
  publishArticle(input: $input) { article { id version status } }
}`;

export const HALLS_CSV = `{ hallsCsv }`;

export const IMPORT_HALLS = `mutation Import($input: ImportHallsInput!) {
  importHalls(input: $input) { applied created updated unchanged invalid }
}`;
