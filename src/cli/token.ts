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
if (!/^\d+[smhd]$/.test(values.expires)) fail('--expires takes a number and a unit: 30m, 12h, 7d.');

const config = loadConfig();
const { secret } = await resolveJwtSecret(config.auth.jwtSecret, path.resolve(config.dataDir));
const token = await signToken(
  { secret, issuer: config.auth.issuer, audience: config.auth.audience },
  { sub: values.sub, roles: roles as Role[], expiresIn: values.expires },
);
process.stdout.write(`${token}\n`);
