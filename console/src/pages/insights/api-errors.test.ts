import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { errorCode, fieldProblems } from './api-errors';

const refused = new CombinedError({
  graphQLErrors: [
    {
      message: 'Invalid input',
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          { path: 'input.terms.1', message: 'a term must not be empty' },
          { path: 'input.terms', message: 'a synonym set needs at least 2 terms' },
          { path: 'input.id', message: 'not a SynonymSet id' },
        ],
      },
    },
  ],
});

describe('API errors in the synonym manager', () => {
  it('reads the code and the messages on a field and its items', () => {
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(errorCode(undefined)).toBeUndefined();
    expect(fieldProblems(refused, 'input.terms')).toEqual([
      { index: 1, message: 'a term must not be empty' },
      { index: undefined, message: 'a synonym set needs at least 2 terms' },
    ]);
  });
});
