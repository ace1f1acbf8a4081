import { describe, expect, it } from 'vitest';
import { clearDraft, draftKey, loadDraft, saveDraft } from './draft-store';
import type { LocalDraft } from './draft-store';
import { EMPTY_FIELDS } from './fields';

/** A Storage in memory, with an optional quota to act like a full localStorage. */
function memoryStorage(quota = Infinity): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => {
      if (value.length > quota) throw new Error('QuotaExceededError');
      items.set(key, value);
    },
  };
}

const draft: LocalDraft = {
  baseVersion: 3,
  base: EMPTY_FIELDS,
  fields: { ...EMPTY_FIELDS, title: '未保存的标题' },
  note: '补充步骤',
  savedAt: '2026-11-30T08:00:00.000Z',
};

describe('the local draft store', () => {
  it('keys drafts by article, and new ones by the title asked for', () => {
    expect(draftKey('abc')).toBe('ckb.editor.draft.abc');
    expect(draftKey(undefined)).toBe('ckb.editor.draft.new');
    expect(draftKey(undefined, '宽带 691')).toBe('ckb.editor.draft.new:宽带 691');
    expect(draftKey(undefined, '')).toBe('ckb.editor.draft.new');
  });

  it('gives back what was saved until it is cleared', () => {
    const storage = memoryStorage();
    expect(loadDraft(storage, 'k')).toBeUndefined();
    expect(saveDraft(storage, 'k', draft)).toBe(true);
    expect(loadDraft(storage, 'k')).toEqual(draft);
    clearDraft(storage, 'k');
    expect(loadDraft(storage, 'k')).toBeUndefined();
  });

  it('drops an unreadable entry instead of using half of it', () => {
    const storage = memoryStorage();
    storage.setItem('bad', '{"fields": ');
    storage.setItem('odd', JSON.stringify({ fields: {}, baseVersion: 'x' }));
    expect(loadDraft(storage, 'bad')).toBeUndefined();
    expect(loadDraft(storage, 'odd')).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it('says so when storage refuses the draft', () => {
    expect(saveDraft(memoryStorage(10), 'k', draft)).toBe(false);
  });
});
