import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { principalFromAuthorization, signToken } from '../../src/auth/jwt.js';
import { AppError } from '../../src/errors.js';

const settings = { secret: 'unit-test-secret-unit-test-secret-0123' };
const key = new TextEncoder().encode(settings.secret);

async function refusal(header: string): Promise<AppError> {
  try {
    await principalFromAuthorization(header, settings);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

describe('principalFromAuthorization', () => {
  it('gives the public principal when there is no header', async () => {
    const principal = await principalFromAuthorization(undefined, settings);
    expect(principal).toMatchObject({ id: 'public', roles: [], isPublic: true });
  });

  it('reads the subject and roles of a valid token, dropping unknown roles', async () => {
    const token = await new SignJWT({ roles: ['editor', 'reviewer', 'superuser'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setExpirationTime('5m')
      .sign(key);
    const principal = await principalFromAuthorization(`Bearer ${token}`, settings);
    expect(principal).toMatchObject({ id: 'alice', roles: ['editor', 'reviewer'], isPublic: false });
  });

  it('refuses an expired token with UNAUTHENTICATED', async () => {
    const token = await new SignJWT({ roles: ['agent'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bob')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    const error = await refusal(`Bearer ${token}`);
    expect(error.extensions['code']).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(/expired/);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signToken(
      { secret: 'another-secret-another-secret-012345' },
      { sub: 'eve', roles: ['admin'] },
    );
    expect((await refusal(`Bearer ${token}`)).extensions['code']).toBe('UNAUTHENTICATED');
  });

  it('refuses an unsigned (alg none) token', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'eve', roles: ['admin'], exp: 9999999999 })}.`;
    expect((await refusal(`Bearer ${token}`)).extensions['code']).toBe('UNAUTHENTICATED');
  });

  it('refuses tokens without an expiry or a subject, and a malformed roles claim', async () => {
    const noExp = await new SignJWT({ roles: ['agent'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .sign(key);
    const noSub = await new SignJWT({ roles: ['agent'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(key);
    const badRoles = await new SignJWT({ roles: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(key);
    for (const token of [noExp, noSub, badRoles]) {
      expect((await refusal(`Bearer ${token}`)).extensions['code']).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a token whose subject is empty or "public"', async () => {
    for (const subject of ['', '  ', 'public', 'PUBLIC']) {
      const token = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(subject)
        .setExpirationTime('5m')
        .sign(key);
      expect((await refusal(`Bearer ${token}`)).extensions['code']).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a token valid for longer than the maximum lifetime (24 h unless configured)', async () => {
    const longLived = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuedAt()
      .setExpirationTime('400d')
      .sign(key);
    expect((await refusal(`Bearer ${longLived}`)).message).toMatch(/at most 86400 s/);
    const withoutIat = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setExpirationTime('25h')
      .sign(key);
    expect((await refusal(`Bearer ${withoutIat}`)).extensions['code']).toBe('UNAUTHENTICATED');
    const day = await new SignJWT({ roles: ['agent'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('carol')
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(key);
    expect(await principalFromAuthorization(`Bearer ${day}`, settings)).toMatchObject({ id: 'carol' });
    await expect(
      principalFromAuthorization(`Bearer ${day}`, { ...settings, maxLifetimeSeconds: 3600 }),
    ).rejects.toThrow(/at most 3600 s/);
  });

  it('refuses a header that is not a bearer token', async () => {
    expect((await refusal('Basic YWxpY2U6c2VjcmV0')).message).toMatch(/Bearer <token>/);
    expect((await refusal('Bearer')).extensions['code']).toBe('UNAUTHENTICATED');
  });

  it('round-trips what signToken issues', async () => {
    const token = await signToken(settings, { sub: 'carol', roles: ['agent'], expiresIn: '1h' });
    expect(await principalFromAuthorization(`bearer ${token}`, settings)).toMatchObject({
      id: 'carol',
      roles: ['agent'],
    });
  });
});
