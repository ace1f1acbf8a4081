/**
 * Prints a development token: npm run token -- --role editor --sub alice [--role reviewer] [--expires 12h]
 * Signs with AUTH_JWT_SECRET, or with the generated development secret that `npm start` uses.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveJwtSecret } from '../auth/dev-secret.js';
import { signToken } from '../auth/jwt.js';
import { ROLES } from '../auth/principal.js';
import type { Role } from '../auth/principal.js';
import { loadConfig } from '../config.js';

function fail(message: string): never {
  process.stderr.write(
    `${message}\nUsage: npm run token -- --role <${ROLES.join('|')}> --sub <name> [--expires 12h]\n`,
  );
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, short: 'r' },
    sub: { type: 'string', short: 's' },
    expires: { type: 'string', short: 'e', default: '12h' },
  },
});
const roles = (values.role ?? [])
  .flatMap((value) => value.split(','))
  .map((role) => role.trim().toLowerCase());
const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
if (roles.length === 0) fail('Give at least one --role.');
if (unknown.length > 0) fail(`Unknown role(s): ${unknown.join(', ')}.`);
if (!values.sub) fail('Give the subject with --sub.');
const expires = /^(\d+)([smhd])$/.exec(values.expires);
if (!expires) fail('--expires takes a number and a unit: 30m, 12h, 1d.');
if (values.sub.trim() === '' || values.sub.trim().toLowerCase() === 'public')
  fail('--sub must name someone.');

const config = loadConfig();
const unitSeconds = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
const lifetime = Number(expires[1]) * unitSeconds[expires[2] as keyof typeof unitSeconds];
if (lifetime > config.auth.maxTokenLifetimeSeconds) {
  fail(
    `--expires ${values.expires} is longer than the ${config.auth.maxTokenLifetimeSeconds} s the service accepts (AUTH_MAX_TOKEN_LIFETIME_SECONDS).`,
  );
}
const { secret } = await resolveJwtSecret(config.auth.jwtSecret, path.resolve(config.dataDir));
const token = await signToken(
  { secret, issuer: config.auth.issuer, audience: config.auth.audience },
  { sub: values.sub, roles: roles as Role[], expiresIn: values.expires },
);
process.stdout.write(`${token}\n`);
