import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/logger.js';
import { expectErrorCode } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
const lines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  server = await startTestServer();
  // Capture what the service logs, then take its database away: every read fails unexpectedly.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  server.app.logger = createLogger('info', sink);
  await server.app.mongo.close();
});
afterAll(async () => {
  await server.stop();
});

describe('an unexpected failure', () => {
  it('reaches the client as INTERNAL_SERVER_ERROR with the request id only, and the log has the details', async () => {
    const response = await server.graphql(
      '{ articles(first: 5) { totalCount } }',
      {},
      { headers: { 'x-request-id': 'req-mask-1' } },
    );
    const error = expectErrorCode(response, 'INTERNAL_SERVER_ERROR');
    expect(error).toEqual({
      message: 'Internal server error',
      locations: [{ line: 1, column: 3 }],
      path: ['articles'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-mask-1' },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/mongo|client|stack/i);
    const logged = lines.find((line) => line['requestId'] === 'req-mask-1' && line['level'] === 'error');
    expect(logged?.['msg']).toMatch(/unexpected error/);
    expect(JSON.stringify(logged)).toMatch(/Mongo/);
  });

  it('is masked the same once the operation is compiled (its second and third runs)', async () => {
    for (const requestId of ['req-mask-2', 'req-mask-3']) {
      const response = await server.graphql(
        '{ articles(first: 5) { totalCount } }',
        {},
        {
          headers: { 'x-request-id': requestId },
        },
      );
      expect(expectErrorCode(response, 'INTERNAL_SERVER_ERROR')).toEqual({
        message: 'Internal server error',
        locations: [{ line: 1, column: 3 }],
        path: ['articles'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
      });
      const logged = lines.find((line) => line['requestId'] === requestId && line['level'] === 'error');
      expect(JSON.stringify(logged)).toMatch(/Mongo/);
    }
  });
});
