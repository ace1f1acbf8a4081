import { useCallback, useState } from 'react';
import { clearDraft, loadDraft, saveDraft } from './draft-store';
import type { LocalDraft } from './draft-store';
import { changedFields, EMPTY_FIELDS } from './fields';
import type { ArticleFields, LocaleValue } from './fields';

/** What the editor is working on: the version it started from, and what it has now. */
export interface EditorSession {
  baseVersion: number | null;
  base: ArticleFields;
  fields: ArticleFields;
  note: string;
  slug: string;
  locale: LocaleValue;
}

/** A new article's starting point, from the page's query (`?title=`, a translation's slug and locale). */
export function newSession(search: URLSearchParams): EditorSession {
  const locale = search.get('locale') === 'EN' ? 'EN' : 'ZH_CN';
  const fields: ArticleFields = {
    ...EMPTY_FIELDS,
    title: search.get('title') ?? '',
    category: search.get('category') ?? '',
  };
  return { baseVersion: null, base: EMPTY_FIELDS, fields, note: '', slug: search.get('slug') ?? '', locale };
}

/** Whether the session holds anything not yet saved (`start`: where a new article began). */
export function isDirty(session: EditorSession, start: EditorSession): boolean {
  if (session.note.trim() !== '') return true;
  if (session.baseVersion === null) {
    return (
      session.slug !== start.slug ||
      session.locale !== start.locale ||
      changedFields(start.fields, session.fields).length > 0
    );
  }
  return changedFields(session.base, session.fields).length > 0;
}

function fromDraft(draft: LocalDraft, start: EditorSession): EditorSession {
  return {
    baseVersion: draft.baseVersion,
    base: draft.base,
    fields: draft.fields,
    note: draft.note,
    slug: draft.slug ?? start.slug,
    locale: draft.locale ?? start.locale,
  };
}

/**
 * The editor's working state, starting from the local draft under `key` when there is one (else
 * from `start`, where the article stands on the server), and written to it on every change that
 * leaves something unsaved (removed when nothing is). `restoredAt` tells when a draft was found.
 */
export function useEditorSession(key: string, start: EditorSession) {
  const [initial] = useState(() => {
    const draft = loadDraft(window.localStorage, key);
    return draft ? { session: fromDraft(draft, start), restoredAt: draft.savedAt } : { session: start };
  });
  const [session, setState] = useState<EditorSession>(initial.session);
  const [restoredAt, setRestoredAt] = useState<string | undefined>(initial.restoredAt);
  const [stored, setStored] = useState(true);

  const setSession = useCallback(
    (next: EditorSession) => {
      setState(next);
      if (isDirty(next, start)) {
        setStored(saveDraft(window.localStorage, key, { ...next, savedAt: new Date().toISOString() }));
      } else clearDraft(window.localStorage, key);
    },
    [key, start],
  );

  /** After a save (or discarding the draft): `next` is the new starting point, the local draft goes. */
  const resetTo = useCallback(
    (next: EditorSession) => {
      clearDraft(window.localStorage, key);
      setRestoredAt(undefined);
      setState(next);
    },
    [key],
  );

  return { session, setSession, restoredAt, stored, resetTo };
}
