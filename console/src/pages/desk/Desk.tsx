import { Alert, Button, Input, Select, Space, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useClient, useQuery } from 'urql';
import type { ResultOf } from '../../graphql';
import { useI18n } from '../../app/i18n';
import { useDraft } from '../../auth/drafts';
import { navigate, useLocation } from '../../app/router';
import { errorCodesIn } from '../../lib/error-codes';
import { debounce, latestOnly } from '../../lib/latest';
import { CategoriesQuery, SearchArticlesQuery } from './documents';
import { SearchResults } from './SearchResults';
import { useEnumLabels } from '../shared/enum-labels';
import { useContactChannel } from './labels';
import { deskHref, readDeskState } from './url-state';
import type { DeskState } from './url-state';

const AnswerView = lazy(() => import('./AnswerView'));
const DeadlineHelper = lazy(() => import('./DeadlineHelper'));
const WhereCanI = lazy(() => import('./WhereCanI'));

type Search = NonNullable<ResultOf<typeof SearchArticlesQuery>['searchArticles']>;

const DEBOUNCE_MS = 200;

/** Changes part of the desk's state (in the URL), read afresh so a debounced call never writes an old state back. */
function go(next: Partial<DeskState>, replace = false): void {
  const now = readDeskState(new URLSearchParams(window.location.search));
  navigate(deskHref({ ...now, ...next }), { replace });
}

/** True when a key press belongs to a field being typed in (so `/` types a slash there). */
function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return (
    !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName))
  );
}

/**
 * The agent answer desk: one search box (focused on load and with `/`), results as you type, facets
 * and error-code chips on the left; the answer on the right. Arrows move through hits, Enter opens,
 * Esc returns to the box.
 */
export function Desk() {
  const { t, apiLocale } = useI18n();
  const client = useClient();
  const { search } = useLocation();
  const state = readDeskState(search);
  const [text, setText] = useDraft('desk.q', state.q);
  const [result, setResult] = useState<{ for: string; q: string; search: Search | null; error?: string }>();
  const [active, setActive] = useState(0);
  const [channel, setChannel] = useContactChannel();
  // Open panels and what was entered in them survive a trip to sign in (see auth/drafts.ts).
  const [deadlineOpen, setDeadlineOpen] = useDraft('desk.deadlineOpen', false);
  const [whereOpen, setWhereOpen] = useDraft('desk.whereOpen', false);
  const box = useRef<InputRef>(null);
  const channelLabels = useEnumLabels('UseChannel');
  const [categories] = useQuery({ query: CategoriesQuery, variables: { locale: apiLocale } });
  const categoryNames = useMemo(
    () => new Map((categories.data?.categories ?? []).map((c) => [c.key, c.name])),
    [categories.data],
  );

  const writeQuery = useMemo(() => debounce((q: string) => go({ q }, true), DEBOUNCE_MS), []);
  useEffect(() => () => writeQuery.cancel(), [writeQuery]);

  // Focus the box on load and with `/` from anywhere but a field.
  useEffect(() => {
    box.current?.focus();
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key === '/' && !typingIn(event.target) && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        box.current?.focus({ cursor: 'all' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Search whenever the (debounced) query or a filter changes; an answer to an older query is dropped.
  const run = useMemo(() => latestOnly(), []);
  const searchKey = JSON.stringify([state.q, state.category, state.tag, state.errorCode, apiLocale, channel]);
  useEffect(() => {
    const q = state.q.trim();
    if (q === '') {
      void run(() => Promise.resolve(undefined)).then(() => setResult(undefined));
      return;
    }
    const filter = {
      ...(state.category ? { category: state.category } : {}),
      ...(state.tag ? { tags: [state.tag] } : {}),
      ...(state.errorCode ? { errorCode: state.errorCode } : {}),
    };
    void run(() =>
      client
        .query(
          SearchArticlesQuery,
          { query: q, filter, channel, locale: apiLocale },
          { requestPolicy: 'network-only' },
        )
        .toPromise(),
    ).then((outcome) => {
      if (outcome.stale) return;
      const answer = outcome.value;
      setActive(0);
      setResult({
        for: searchKey,
        q,
        search: answer.data?.searchArticles ?? null,
        ...(answer.error ? { error: answer.error.graphQLErrors[0]?.message ?? answer.error.message } : {}),
      });
    });
    // searchKey names every input of the search.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [searchKey]);

  const hits = result?.search?.edges ?? [];
  const codes = errorCodesIn(text);
  const matched = new Set(hits.flatMap((hit) => hit.matchedErrorCodes));

  const open = (index: number): void => {
    const hit = hits[index];
    if (!hit) return;
    setActive(index);
    go({ answer: { slug: hit.node.slug, locale: hit.node.locale } });
  };

  const onBoxKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      writeQuery.cancel();
      if (text.trim() !== state.q.trim()) go({ q: text }, true);
      else open(active);
    } else if (event.key === 'Escape' && text !== '') {
      event.preventDefault();
      setText('');
      go({ q: '', answer: undefined, category: undefined, tag: undefined, errorCode: undefined }, true);
    }
  };

  const backToBox = (): void => {
    box.current?.focus({ cursor: 'all' });
  };

  return (
    <div className="desk">
      <section className="desk-search" aria-label={t('desk.searchRegion')}>
        <Space.Compact block>
          <Input
            ref={box}
            size="large"
            value={text}
            placeholder={t('desk.placeholder')}
            aria-label={t('desk.searchLabel')}
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls="desk-results"
            aria-autocomplete="list"
            aria-activedescendant={hits.length > 0 ? `hit-${active}` : undefined}
            allowClear
            onChange={(event) => {
              setText(event.target.value);
              writeQuery(event.target.value);
            }}
            onKeyDown={onBoxKey}
          />
          <Select
            size="large"
            aria-label={t('desk.contactChannel')}
            value={channel}
            onChange={setChannel}
            style={{ minWidth: 140 }}
            options={channelLabels.map((label) => ({ value: label.value, label: label.label }))}
          />
        </Space.Compact>
        <div className="desk-tools">
          <Typography.Text className="muted desk-hint">{t('desk.keyboardHint')}</Typography.Text>
          <Space>
            <Button
              size="small"
              onClick={() => setDeadlineOpen((open) => !open)}
              aria-expanded={deadlineOpen}
            >
              {t('deadline.open')}
            </Button>
            <Button size="small" onClick={() => setWhereOpen((open) => !open)} aria-expanded={whereOpen}>
              {t('where.open')}
            </Button>
          </Space>
        </div>
        {deadlineOpen && (
          <Suspense fallback={null}>
            <DeadlineHelper />
          </Suspense>
        )}
        {whereOpen && (
          <Suspense fallback={null}>
            <WhereCanI />
          </Suspense>
        )}
        {codes.length > 0 && (
          <div className="desk-chips" aria-label={t('desk.errorCodes')}>
            <Typography.Text>{t('desk.errorCodes')}：</Typography.Text>
            {codes.map((code) => (
              <Tag.CheckableTag
                key={code}
                checked={state.errorCode === code}
                className={matched.has(code) ? 'chip-matched' : 'chip'}
                onChange={(checked) => go({ errorCode: checked ? code : undefined })}
                aria-label={t('desk.errorCodeChip', { code })}
              >
                {code}
              </Tag.CheckableTag>
            ))}
          </div>
        )}
        {result?.search?.degraded && <Alert type="warning" showIcon title={t('desk.degraded')} />}
        {result?.error && (
          <Alert type="error" showIcon title={t('desk.searchFailed')} description={result.error} />
        )}
        <SearchResults
          search={result?.search ?? undefined}
          query={state.q}
          answered={result?.q}
          active={active}
          openSlug={state.answer?.slug}
          categoryNames={categoryNames}
          filters={{ category: state.category, tag: state.tag }}
          onFilter={(next) => go(next)}
          onOpen={open}
          onSearch={(q) => {
            writeQuery.cancel();
            setText(q);
            go({ q });
          }}
        />
      </section>
      <section className="desk-answer" aria-label={t('desk.answerRegion')}>
        {state.answer ? (
          <Suspense fallback={null}>
            <AnswerView
              key={`${state.answer.slug}/${state.answer.locale}`}
              slug={state.answer.slug}
              locale={state.answer.locale}
              channel={channel}
              channelLabels={channelLabels}
              answerHref={(slug, locale) => deskHref({ ...state, answer: { slug, locale } })}
              onBack={backToBox}
            />
          </Suspense>
        ) : (
          <Typography.Paragraph className="muted desk-empty">{t('desk.noAnswerOpen')}</Typography.Paragraph>
        )}
      </section>
    </div>
  );
}
