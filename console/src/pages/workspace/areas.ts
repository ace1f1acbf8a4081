/**
 * The workspace's pages and who sees them. The API enforces the same roles on every operation;
 * this only keeps people from pages they cannot use. An admin may do everything the others may.
 */
export type StaffRole = 'agent' | 'editor' | 'reviewer' | 'admin';

/** The lazy chunk that renders a page: each is built apart and loaded on first use. */
export type AreaId = 'editor' | 'review' | 'insights' | 'admin';

export interface PageEntry {
  /** The page's path under /work; deeper paths (/work/articles/<id>) belong to it too. */
  path: string;
  area: AreaId;
  roles: StaffRole[];
  /** Reached from other pages only (an article's history), not listed in the menu. */
  hidden?: boolean;
}

export const PAGES: PageEntry[] = [
  { path: '/work/mine', area: 'editor', roles: ['editor'] },
  { path: '/work/articles', area: 'editor', roles: ['editor'] },
  { path: '/work/history', area: 'review', roles: ['editor', 'reviewer'], hidden: true },
  { path: '/work/review', area: 'review', roles: ['reviewer'] },
  { path: '/work/flags', area: 'review', roles: ['editor'] },
  { path: '/work/insights', area: 'insights', roles: ['editor'] },
  { path: '/work/synonyms', area: 'insights', roles: ['editor'] },
  { path: '/work/halls', area: 'admin', roles: ['admin'] },
  { path: '/work/import', area: 'admin', roles: ['admin'] },
  { path: '/work/channels', area: 'admin', roles: ['admin'] },
  { path: '/work/coverage', area: 'admin', roles: ['admin'] },
];

export function mayUse(roles: readonly string[], page: PageEntry): boolean {
  return roles.includes('admin') || page.roles.some((role) => roles.includes(role));
}

/** The menu for these roles: the pages they may use, in order. */
export function menuFor(roles: readonly string[]): PageEntry[] {
  return PAGES.filter((page) => !page.hidden && mayUse(roles, page));
}

/** The page a path belongs to, or undefined (`/work/mineral` is not `/work/mine`). */
export function pageOf(pathname: string): PageEntry | undefined {
  return PAGES.find((page) => pathname === page.path || pathname.startsWith(`${page.path}/`));
}

/** Where "工作台" leads for these roles: their first page, or undefined for agents. */
export function workspaceHome(roles: readonly string[]): string | undefined {
  return menuFor(roles)[0]?.path;
}
