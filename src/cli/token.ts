/**
 * Prints a development token: npm run token -- --role editor --sub alice [--role reviewer] [--expires 12h]
 * Signs with AUTH_JWT_SECRET, or with the generated development secret that `npm start` uses.
 */
import path from 'node:path';
import { resolveJwtSecret } from '../auth/dev-secret.js';
import { signToken } from '../auth/jwt.js';
import { ROLES } from '../auth/principal.js';
import type { Role } from '../auth/principal.js';
import { loadConfig } from '../config.js';
import { failAndExit, parseCli, usageError } from './cli-app.js';

const spec = {
  name: 'token',
  usage: `npm run -s token -- --role <${ROLES.join('|')}> --sub <name> [--role ...] [--expires 12h]`,
  description: `Prints a bearer token (an HS256 JWT) for the subject and roles, and nothing else, on stdout:
  TOKEN="$(npm run -s token -- --role editor --sub alice)"
  curl -H "Authorization: Bearer $TOKEN" ...
(-s keeps npm's own lines out of stdout.) Signs with AUTH_JWT_SECRET, or outside production with the
development secret that \`npm start\` generated in DATA_DIR/dev-jwt-secret. Needs neither MongoDB nor
Meilisearch, so it runs beside the server.

  -r, --role ROLE    agent, editor, reviewer or admin; repeat it or separate with commas
  -s, --sub NAME     who the token is for
  -e, --expires T    lifetime: 30m, 12h, 1d (default 12h; at most AUTH_MAX_TOKEN_LIFETIME_SECONDS)

Exit codes: 0 printed, 1 failed (bad configuration), 2 bad arguments.`,
  options: {
    role: { type: 'string', multiple: true, short: 'r' },
    sub: { type: 'string', short: 's' },
    expires: { type: 'string', short: 'e', default: '12h' },
  },
} as const;

const { values } = parseCli(spec);
const roles = (values.role ?? [])
  .flatMap((value) => value.split(','))
  .map((role) => role.trim().toLowerCase());
const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
if (roles.length === 0) usageError(spec, 'Give at least one --role.');
if (unknown.length > 0) usageError(spec, `Unknown role(s): ${unknown.join(', ')}.`);
const sub = values.sub?.trim() ?? '';
if (sub === '') usageError(spec, 'Give the subject with --sub.');
if (sub.toLowerCase() === 'public') usageError(spec, '--sub must name someone.');
const expiresIn = values.expires ?? '12h';
const expires = /^(\d+)([smhd])$/.exec(expiresIn);
if (!expires) usageError(spec, '--expires takes a number and a unit: 30m, 12h, 1d.');

try {
  const config = loadConfig();
  const unitSeconds = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
  const lifetime = Number(expires[1]) * unitSeconds[expires[2] as keyof typeof unitSeconds];
  if (lifetime > config.auth.maxTokenLifetimeSeconds) {
    usageError(
      spec,
      `--expires ${expiresIn} is longer than the ${config.auth.maxTokenLifetimeSeconds} s the service accepts (AUTH_MAX_TOKEN_LIFETIME_SECONDS).`,
    );
  }
  const { secret } = await resolveJwtSecret(config.auth.jwtSecret, path.resolve(config.dataDir));
  const token = await signToken(
    { secret, issuer: config.auth.issuer, audience: config.auth.audience },
    { sub, roles: roles as Role[], expiresIn },
  );
  process.stdout.write(`${token}\n`);
} catch (error) {
  failAndExit(spec.name, error);
}
