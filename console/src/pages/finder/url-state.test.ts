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
  it('keeps a radius around a point and the embed flag, and ignores radii it does not offer', () => {
    const href = '/finder?near=30.59%2C114.3&r=10&embed=1';
    const state = readFinderState(new URL(href, 'http://x').searchParams);
    expect(state).toMatchObject({ radiusKm: 10, embed: true });
    expect(finderHref(state)).toBe(href);
    expect(readFinderState(new URLSearchParams('near=30.59,114.3&r=7')).radiusKm).toBe(30);
  });
});
