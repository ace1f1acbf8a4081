import type { ArticleFields, FieldName } from './fields';
import { FIELD_NAMES, sameField } from './fields';

/**
 * Carrying an editor's changes over a version someone else saved first (a CONFLICT), field by field:
 * `base` is what the editor started from, `mine` what they have now, `theirs` the saved version.
 */
export type FieldOutcome =
  /** Nobody changed it. */
  | 'same'
  /** Only the other editor changed it: their value is kept. */
  | 'theirs'
  /** Only I changed it: my value is carried over. */
  | 'mine'
  /** Both changed it to the same value. */
  | 'both-same'
  /** Both changed it differently: the editor must choose. */
  | 'conflict';

export interface FieldMerge {
  name: FieldName;
  outcome: FieldOutcome;
}

/** How each field merges (three-way, per field). */
export function mergeFields(base: ArticleFields, mine: ArticleFields, theirs: ArticleFields): FieldMerge[] {
  return FIELD_NAMES.map((name) => {
    const iChanged = !sameField(name, base, mine);
    const theyChanged = !sameField(name, base, theirs);
    let outcome: FieldOutcome = 'same';
    if (iChanged && theyChanged) outcome = sameField(name, mine, theirs) ? 'both-same' : 'conflict';
    else if (iChanged) outcome = 'mine';
    else if (theyChanged) outcome = 'theirs';
    return { name, outcome };
  });
}

/** Which side each field takes: preset where only one side changed it, chosen by the editor otherwise. */
export type Choices = Partial<Record<FieldName, 'mine' | 'theirs'>>;

/** The preset choices of a merge: conflicts are left for the editor (never decided silently). */
export function presetChoices(merges: readonly FieldMerge[]): Choices {
  const choices: Choices = {};
  for (const { name, outcome } of merges) {
    if (outcome === 'mine') choices[name] = 'mine';
    else if (outcome === 'theirs' || outcome === 'both-same') choices[name] = 'theirs';
  }
  return choices;
}

/** The conflicting fields the editor has not chosen a side for yet. */
export function undecided(merges: readonly FieldMerge[], choices: Choices): FieldName[] {
  return merges.filter((m) => m.outcome === 'conflict' && !choices[m.name]).map((m) => m.name);
}

/**
 * The new form value over `theirs`: each field from the side chosen (unchanged fields are theirs).
 * @throws Error when a conflicting field has no choice (callers check `undecided` first).
 */
export function applyChoices(
  merges: readonly FieldMerge[],
  choices: Choices,
  mine: ArticleFields,
  theirs: ArticleFields,
): ArticleFields {
  const missing = undecided(merges, choices);
  if (missing.length > 0) throw new Error(`choose a side for ${missing.join(', ')}`);
  const result: ArticleFields = { ...theirs };
  for (const name of FIELD_NAMES) {
    if (choices[name] === 'mine') Object.assign(result, { [name]: mine[name] });
  }
  return result;
}
