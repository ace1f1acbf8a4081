import { describe, expect, it } from '@jest/globals';
import { ARTICLE_ACTIONS, ARTICLE_STATUSES } from '../../src/modules/articles/article.model.js';
import type { ArticleAction, ArticleStatus } from '../../src/modules/articles/article.model.js';
import { decideChange, transition } from '../../src/modules/articles/article.workflow.js';

/** The whole life cycle, written out: `->X` moves to X, `=` is an idempotent no-op, `x` is refused. */
const EXPECTED: Record<ArticleStatus, Record<Exclude<ArticleAction, 'create'>, string>> = {
  DRAFT: {
    update: '->DRAFT',
    submit: '->IN_REVIEW',
    publish: 'x',
    reject: 'x',
    archive: '->ARCHIVED',
    restore: '->DRAFT',
  },
  IN_REVIEW: {
    update: '->DRAFT',
    submit: '=',
    publish: '->PUBLISHED',
    reject: '->DRAFT',
    archive: '->ARCHIVED',
    restore: '->DRAFT',
  },
  PUBLISHED: {
    update: '->DRAFT',
    submit: 'x',
    publish: '=',
    reject: 'x',
    archive: '->ARCHIVED',
    restore: '->DRAFT',
  },
  ARCHIVED: { update: 'x', submit: 'x', publish: 'x', reject: 'x', archive: '=', restore: '->DRAFT' },
};

describe('the article transition table', () => {
  for (const from of ARTICLE_STATUSES) {
    for (const action of ARTICLE_ACTIONS.filter((candidate) => candidate !== 'create')) {
      const expected = EXPECTED[from][action];
      it(`${action} on ${from}: ${expected}`, () => {
        const result = transition(from, action);
        const shown = result.kind === 'move' ? `->${result.to}` : result.kind === 'already' ? '=' : 'x';
        expect(shown).toBe(expected);
        if (result.kind === 'illegal') expect(result.reason.length).toBeGreaterThan(10);
      });
    }
  }

  it('explains why a draft cannot be published', () => {
    expect(transition('DRAFT', 'publish')).toEqual({
      kind: 'illegal',
      reason: 'only an article submitted for review can be published: submit it first',
    });
  });
});

describe('deciding a change sent with an expected version', () => {
  it('calls a stale version a conflict before judging the move (the status may have moved)', () => {
    // A reviewer read version 4 IN_REVIEW; meanwhile it was rejected (version 5, DRAFT).
    expect(decideChange({ status: 'DRAFT', version: 5 }, 'publish', 4)).toEqual({
      kind: 'stale',
      currentVersion: 5,
    });
    expect(decideChange({ status: 'ARCHIVED', version: 7 }, 'update', 6)).toEqual({
      kind: 'stale',
      currentVersion: 7,
    });
  });

  it('judges the move at the current version', () => {
    expect(decideChange({ status: 'DRAFT', version: 5 }, 'publish', 5).kind).toBe('illegal');
    expect(decideChange({ status: 'IN_REVIEW', version: 5 }, 'publish', 5)).toEqual({
      kind: 'move',
      to: 'PUBLISHED',
    });
  });

  it('keeps a retried idempotent action a no-op although its version is the old one', () => {
    expect(decideChange({ status: 'PUBLISHED', version: 6 }, 'publish', 5)).toEqual({
      kind: 'already',
      status: 'PUBLISHED',
    });
  });
});
