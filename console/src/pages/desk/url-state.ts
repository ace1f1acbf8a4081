/**
 * The desk's state lives in the URL (`/?q=宽带691&a=broadband-error-691-619-629&l=ZH_CN`), so a
 * reload, the back button or a new sign-in after the token expired return to the same search and
 * answer.
 */
export interface DeskState {
  q: string;
  /** The open answer's slug and locale. */
  answer: { slug: string; locale: 'ZH_CN' | 'EN' } | undefined;
  category: string | undefined;
  tag: string | undefined;
  errorCode: string | undefined;
}

export function readDeskState(search: URLSearchParams): DeskState {
  const slug = search.get('a');
  const value = (name: string): string | undefined => search.get(name) || undefined;
  return {
    q: search.get('q') ?? '',
    answer: slug ? { slug, locale: search.get('l') === 'EN' ? 'EN' : 'ZH_CN' } : undefined,
    category: value('cat'),
    tag: value('tag'),
    errorCode: value('code'),
  };
}

/** The desk URL for `state` (empty parts left out). */
export function deskHref(state: DeskState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.category) params.set('cat', state.category);
  if (state.tag) params.set('tag', state.tag);
  if (state.errorCode) params.set('code', state.errorCode);
  if (state.answer) {
    params.set('a', state.answer.slug);
    params.set('l', state.answer.locale);
  }
  const query = params.toString();
  return query ? `/?${query}` : '/';
}
