import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where the generated development secret is kept, so `npm run token` signs what `npm start` accepts. */
export function devSecretPath(dataDir: string): string {
  return path.join(dataDir, 'dev-jwt-secret');
}

/**
 * Returns the configured JWT secret, or (outside production, when none is configured) a random
 * one generated on first use and kept under the data directory. `generated` tells the caller to
 * print it.
 */
export async function resolveJwtSecret(
  configured: string | undefined,
  dataDir: string,
): Promise<{ secret: string; generated: boolean; file?: string }> {
  if (configured) return { secret: configured, generated: false };
  const file = devSecretPath(dataDir);
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return { secret: existing.trim(), generated: true, file };
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return { secret, generated: true, file };
}
