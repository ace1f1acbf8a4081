import { diffLines } from 'diff';
import type { ArticleContent } from './article.model.js';

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export type LineChangeKind = 'ADDED' | 'REMOVED' | 'UNCHANGED';

export interface LineChange {
  kind: LineChangeKind;
  /** The lines of this hunk, without their line breaks. */
  lines: string[];
}

const COMPARED: Array<keyof ArticleContent> = [
  'title',
  'summary',
  'category',
  'tags',
  'errorCodes',
  'audience',
  'validFrom',
  'validTo',
  'related',
];

function show(value: ArticleContent[keyof ArticleContent]): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

/** The fields that differ between two snapshots (body excluded: see `bodyDiff`). */
export function fieldChanges(before: ArticleContent, after: ArticleContent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of COMPARED) {
    const a = show(before[field]);
    const b = show(after[field]);
    if (a !== b) changes.push({ field, before: a, after: b });
  }
  if (before.body !== after.body) changes.push({ field: 'body', before: null, after: null });
  return changes;
}

/** A line diff of two Markdown bodies, as hunks of added, removed and unchanged lines. */
export function bodyDiff(before: string, after: string): LineChange[] {
  return diffLines(before, after).map((part) => ({
    kind: part.added ? 'ADDED' : part.removed ? 'REMOVED' : 'UNCHANGED',
    lines: part.value.replace(/\n$/, '').split('\n'),
  }));
}
