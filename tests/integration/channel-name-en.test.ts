import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectData } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// Channel.nameEn: the English name as entered, so an editing form can send the whole channel back
// to upsertChannel (which replaces it) without turning the Chinese fallback into an English name.
let server: TestServer;
let admin: { token: string };

beforeAll(async () => {
  server = await startTestServer();
  admin = { token: await server.tokenFor(['admin'], 'admin-name-en') };
});
afterAll(async () => {
  await server.stop();
});

const UPSERT = `mutation ($input: UpsertChannelInput!) {
  upsertChannel(input: $input) { channel { code nameEn zh: name en: name(locale: EN) } } }`;
type Answer = { upsertChannel: { channel: { code: string; nameEn: string | null; zh: string; en: string } } };

describe('Channel.nameEn', () => {
  it('is the English name as entered, and null (not the Chinese fallback) when there is none', async () => {
    const named = expectData(
      await server.graphql<Answer>(
        UPSERT,
        { input: { code: 'HOTLINE-TEST', name: '测试热线', nameEn: 'Test hotline', type: 'HOTLINE' } },
        admin,
      ),
    ).upsertChannel.channel;
    expect(named).toEqual({
      code: 'HOTLINE-TEST',
      nameEn: 'Test hotline',
      zh: '测试热线',
      en: 'Test hotline',
    });

    const unnamed = expectData(
      await server.graphql<Answer>(
        UPSERT,
        { input: { code: 'HOTLINE-TEST', name: '测试热线', type: 'HOTLINE' } },
        admin,
      ),
    ).upsertChannel.channel;
    expect(unnamed).toEqual({ code: 'HOTLINE-TEST', nameEn: null, zh: '测试热线', en: '测试热线' });

    // Anyone may read it, as they may read the channel.
    const anonymous = expectData(
      await server.graphql<{ channel: { nameEn: string | null } }>(
        '{ channel(code: "HOTLINE-TEST") { nameEn } }',
      ),
    );
    expect(anonymous.channel.nameEn).toBeNull();
  });
});
