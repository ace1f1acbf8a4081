import { describe, expect, it } from 'vitest';
import { finderHref, readFinderState } from './url-state';

describe('the finder state in its URL', () => {
  it('round-trips a region search with filters', () => {
    const href = '/finder?region=420000.420100&tier=FLAGSHIP&service=SIM_REPLACEMENT&open=1&lang=en';
    expect(finderHref(readFinderState(new URL(href, 'http://x').searchParams))).toBe(href);
  });
  it('reads a point and refuses nonsense', () => {
    const state = readFinderState(new URLSearchParams('near=30.59,114.3&tier=GOLD&region=42;drop'));
    expect(state.near).toEqual({ lat: 30.59, lng: 114.3 });
    expect(state.tiers).toEqual([]);
    expect(state.regionPath).toEqual([]);
    expect(readFinderState(new URLSearchParams('near=95,114')).near).toBeUndefined();
  });
});
