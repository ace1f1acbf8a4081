import type { ArticleFields } from './fields';
import type { LocaleValue } from './fields';

/**
 * The editor's unsaved work, kept in localStorage so it survives a reload or a closed tab: one entry
 * per article (`ckb.editor.draft.<id>`) or per new article (`new`, or `new:<title>` when the page
 * was opened with a title to write about), removed once the change is saved.
 */
export interface LocalDraft {
  /** The version the editor started from (null for a new article). */
  baseVersion: number | null;
  /** The fields at that version: what a merge compares against after a CONFLICT. */
  base: ArticleFields;
  fields: ArticleFields;
  note: string;
  /** New articles only. */
  slug?: string;
  locale?: LocaleValue;
  /** When it was last written (ISO). */
  savedAt: string;
}

const PREFIX = 'ckb.editor.draft.';

/** The key of a draft: the article's id, or `new` (with the title asked for, if any). */
export function draftKey(articleId: string | undefined, titleParam?: string | null): string {
  if (articleId) return `${PREFIX}${articleId}`;
  return titleParam ? `${PREFIX}new:${titleParam}` : `${PREFIX}new`;
}

function isDraft(value: unknown): value is LocalDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Partial<LocalDraft>;
  return (
    typeof draft.fields === 'object' &&
    draft.fields !== null &&
    typeof draft.base === 'object' &&
    typeof draft.savedAt === 'string' &&
    (draft.baseVersion === null || typeof draft.baseVersion === 'number')
  );
}

/** The draft under `key`, or undefined (none, or unreadable: it is dropped rather than half-used). */
export function loadDraft(storage: Storage, key: string): LocalDraft | undefined {
  const raw = storage.getItem(key);
  if (raw === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isDraft(parsed)) return parsed;
  } catch {
    // fall through: a corrupt entry is removed
  }
  storage.removeItem(key);
  return undefined;
}

/** Writes the draft; false when storage refused it (full, or disabled), so the page can warn. */
export function saveDraft(storage: Storage, key: string, draft: LocalDraft): boolean {
  try {
    storage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: Storage, key: string): void {
  storage.removeItem(key);
}
