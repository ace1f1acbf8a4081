import { describe, expect, it } from 'vitest';
import { menuFor, pageOf, workspaceHome } from './areas';

const paths = (roles: string[]) => menuFor(roles).map((page) => page.path);

describe('workspace pages', () => {
  it('shows each role only its pages, and an admin all of them', () => {
    expect(paths(['agent'])).toEqual([]);
    expect(paths(['editor'])).toEqual([
      '/work/mine',
      '/work/articles',
      '/work/flags',
      '/work/insights',
      '/work/synonyms',
    ]);
    expect(paths(['reviewer'])).toEqual(['/work/review']);
    expect(paths(['admin'])).toHaveLength(10);
    expect(paths(['admin'])).not.toContain('/work/history');
  });

  it('finds the page of a nested path, and none for the desk', () => {
    expect(pageOf('/work/articles/abc')?.area).toBe('editor');
    expect(pageOf('/work/history/abc')?.area).toBe('review');
    expect(pageOf('/work/import')?.area).toBe('admin');
    expect(pageOf('/work/mineral')).toBeUndefined();
    expect(pageOf('/')).toBeUndefined();
  });

  it('sends agents nowhere and others to their first page', () => {
    expect(workspaceHome(['agent'])).toBeUndefined();
    expect(workspaceHome(['reviewer'])).toBe('/work/review');
    expect(workspaceHome(['editor', 'reviewer'])).toBe('/work/mine');
  });
});
