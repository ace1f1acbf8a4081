import { Button, Empty, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { ResultOf } from '../../graphql';
import { useI18n } from '../../app/i18n';
import { highlightHtml } from '../../lib/article-html';
import type { SearchArticlesQuery } from './documents';
import { AnswerCard } from './AnswerCard';

type Search = NonNullable<ResultOf<typeof SearchArticlesQuery>['searchArticles']>;

interface Props {
  search: Search | undefined;
  query: string;
  /** The query these results answer (marked on the list, so a reader or a test can tell them from an older answer). */
  answered: string | undefined;
  active: number;
  openSlug: string | undefined;
  categoryNames: Map<string, string>;
  filters: { category: string | undefined; tag: string | undefined };
  onFilter: (next: { category?: string | undefined; tag?: string | undefined }) => void;
  onOpen: (index: number) => void;
  /** Runs another query (the "did you mean" suggestion). */
  onSearch: (query: string) => void;
}

/**
 * Facets, "did you mean" and the relaxed-query line, the answer card, then the hits: highlighted
 * title and snippet, category, internal mark, matched error codes.
 */
export function SearchResults({
  search,
  query,
  answered,
  active,
  openSlug,
  categoryNames,
  filters,
  onFilter,
  onOpen,
  onSearch,
}: Props) {
  const { t } = useI18n();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector(`#hit-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  if (!search) {
    return query.trim() === '' ? null : <div className="desk-results-pending" aria-busy="true" />;
  }
  return (
    <>
      <div className="desk-facets">
        <Typography.Text className="muted" role="status">
          {t('desk.totalHits', { count: search.totalHits, ms: search.processingTimeMs })}
        </Typography.Text>
        {search.facets.categories.length > 0 && (
          <div className="facet-row" aria-label={t('desk.categories')} role="group">
            <Typography.Text strong>{t('desk.categories')}</Typography.Text>
            {search.facets.categories.slice(0, 8).map((facet) => (
              <Tag.CheckableTag
                key={facet.value}
                checked={filters.category === facet.value}
                onChange={(checked) => onFilter({ category: checked ? facet.value : undefined })}
              >
                {categoryNames.get(facet.value) ?? facet.value} ({facet.count})
              </Tag.CheckableTag>
            ))}
          </div>
        )}
        {search.facets.tags.length > 0 && (
          <div className="facet-row" aria-label={t('desk.tags')} role="group">
            <Typography.Text strong>{t('desk.tags')}</Typography.Text>
            {search.facets.tags.slice(0, 10).map((facet) => (
              <Tag.CheckableTag
                key={facet.value}
                checked={filters.tag === facet.value}
                onChange={(checked) => onFilter({ tag: checked ? facet.value : undefined })}
              >
                {facet.value} ({facet.count})
              </Tag.CheckableTag>
            ))}
          </div>
        )}
      </div>
      {search.didYouMean && (
        <div className="desk-did-you-mean" role="status">
          {t('desk.didYouMean')}
          <Button
            type="link"
            className="did-you-mean-link"
            onClick={() => search.didYouMean && onSearch(search.didYouMean.query)}
          >
            {search.didYouMean.query}
          </Button>
          {t('desk.didYouMeanHits', { count: search.didYouMean.hitCount })}
        </div>
      )}
      {search.relaxedQuery && answered && (
        <Typography.Paragraph className="muted desk-relaxed">
          {t('desk.relaxed', { query: answered, relaxed: search.relaxedQuery })}
        </Typography.Paragraph>
      )}
      {search.answerCard && search.edges[0] && (
        <AnswerCard card={search.answerCard} title={search.edges[0].title} onOpen={() => onOpen(0)} />
      )}
      {search.edges.length === 0 ? (
        <Empty description={t('desk.noHits')} />
      ) : (
        <ul
          id="desk-results"
          role="listbox"
          aria-label={t('desk.results')}
          className="hits"
          ref={list}
          data-query={answered}
        >
          {search.edges.map((hit, index) => (
            <li
              key={hit.node.id}
              id={`hit-${index}`}
              role="option"
              aria-selected={index === active}
              className={`hit${index === active ? ' hit-active' : ''}${hit.node.slug === openSlug ? ' hit-open' : ''}`}
              onClick={() => onOpen(index)}
            >
              <div className="hit-title">
                <span dangerouslySetInnerHTML={{ __html: highlightHtml(hit.title) }} />
                {hit.node.audience === 'INTERNAL' && (
                  <Tag className="internal-tag">{t('article.internal')}</Tag>
                )}
              </div>
              <div className="hit-snippet" dangerouslySetInnerHTML={{ __html: highlightHtml(hit.snippet) }} />
              <div className="hit-meta">
                {hit.node.category && <span>{hit.node.category.name}</span>}
                {hit.matchedErrorCodes.map((code) => (
                  <Tag key={code} className="code-tag">
                    {t('desk.errorCodeChip', { code })}
                  </Tag>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
