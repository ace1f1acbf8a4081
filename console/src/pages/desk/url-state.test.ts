import { describe, expect, it } from 'vitest';
import { deskHref, readDeskState } from './url-state';

describe('the desk state in the URL', () => {
  it('round-trips a search with filters and an open answer', () => {
    const state = {
      q: '宽带拨号错误691怎么办',
      answer: { slug: 'broadband-error-691-619-629', locale: 'ZH_CN' as const },
      category: 'broadband',
      tag: undefined,
      errorCode: '691',
    };
    const href = deskHref(state);
    expect(readDeskState(new URL(href, 'http://x').searchParams)).toEqual(state);
  });
  it('is the bare desk when nothing is searched', () => {
    expect(deskHref(readDeskState(new URLSearchParams('')))).toBe('/');
  });
});
