import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { AppError, conflict, fromZodError, notFound } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { noteErrorRequest } from '../../src/schema/errors.js';
import { maskError } from '../../src/server.js';

function capturingLogger(): {
  logger: ReturnType<typeof createLogger>;
  lines: Array<Record<string, unknown>>;
} {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

describe('the AppError family', () => {
  it('names every offending field path of a zod failure under the argument root', () => {
    const schema = z.object({ slug: z.string().min(3), tags: z.array(z.string().max(5)) });
    const result = schema.safeParse({ slug: 'a', tags: ['ok', 'far-too-long'] });
    if (result.success) throw new Error('expected failure');
    const error = fromZodError('input', result.error);
    expect(error.extensions['code']).toBe('BAD_USER_INPUT');
    expect((error.extensions['fields'] as Array<{ path: string }>).map((field) => field.path)).toEqual([
      'input.slug',
      'input.tags.1',
    ]);
    expect(error.message).toMatch(/input\.slug/);
  });

  it('is a plain domain error: no GraphQL in it, and its details cannot be changed on the way', () => {
    const error = conflict('stale', { currentVersion: 4 });
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(GraphQLError);
    expect(Object.isFrozen(error.extensions)).toBe(true);
  });

  it('carries stable codes and the details a client needs', () => {
    expect(notFound('Article', 'broadband-691').extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(conflict('stale', { currentVersion: 4 }).extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: 4,
    });
  });
});

describe('maskError', () => {
  const formatted = { message: 'connection refused by 10.0.0.5:27017', path: ['articles'] };

  it('keeps expected errors as they are', () => {
    const { logger, lines } = capturingLogger();
    const expected = new AppError('NOT_FOUND', 'Article not found: x', { what: 'Article' });
    const shown = { message: expected.message, path: ['article'], extensions: { code: 'NOT_FOUND' } };
    // No language noted: Chinese, the default; the English text of the same error on request.
    expect(maskError(logger)(shown, expected)).toEqual({
      message: '未找到文章：x',
      path: ['article'],
      extensions: { code: 'NOT_FOUND', what: 'Article' },
    });
    noteErrorRequest(expected, 'req-1', 'en');
    expect(maskError(logger)(shown, expected)).toEqual({
      message: 'Article not found: x',
      path: ['article'],
      extensions: { code: 'NOT_FOUND', what: 'Article' },
    });
    const validation = new GraphQLError('Cannot query field "nope"', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const shownValidation = {
      message: validation.message,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    };
    expect(maskError(logger)(shownValidation, validation)).toBe(shownValidation);
    expect(lines).toHaveLength(0);
  });

  it('masks anything else for the client and logs it with the request id', () => {
    const { logger, lines } = capturingLogger();
    const error = new Error('connection refused by 10.0.0.5:27017');
    noteErrorRequest(error, 'req-42', 'en');
    const masked = maskError(logger)(
      { ...formatted, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at secret.ts:1'] } },
      error,
    );
    expect(masked).toEqual({
      message: 'Internal server error',
      path: ['articles'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', requestId: 'req-42' });
    expect(JSON.stringify(lines[0])).toContain('10.0.0.5:27017');
  });
});
