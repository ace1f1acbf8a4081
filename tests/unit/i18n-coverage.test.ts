/**
 * Every message a client may read has its Chinese: each message written in src/ (error factories,
 * zod checks, field problems, policy reasons, scalar refusals; tests/helpers/message-sites.ts finds
 * them) is known to the catalogue (src/i18n/messages.ts) or to the graphql-js table
 * (src/i18n/graphql-messages.ts), and each word that fills a template (`notFound('Hall', ...)`, a
 * permission's `who`, a text field's label) is a known phrase. A message added without its entry
 * fails here, naming the file and line.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { GRAPHQL_MESSAGES, translateGraphQLMessage } from '../../src/i18n/graphql-messages.js';
import { isCatalogued } from '../../src/i18n/localize.js';
import { PHRASES } from '../../src/i18n/messages.js';
import { messageSites } from '../helpers/message-sites.js';
import type { MessageSite } from '../helpers/message-sites.js';

/**
 * Sites whose message is not text at the site, with why that is fine (`file: argument`). A new
 * dynamic site fails the test until it is listed here with its reason, or written as text.
 */
const FORWARDING: Readonly<Record<string, string>> = {
  'src/auth/policy.ts: reason':
    "a permission check's reason: the checks return text, scanned as `policy reason`",
  'src/schema/errors.ts: error.message':
    'an AppError made a GraphQL error: its message was checked where written',
  'src/schema/jit-executor.ts: error.message':
    "graphql-jit's copy of a graphql-js error, translated as graphql-js's",
  'src/schema/paging.ts: message':
    'a BAD_USER_INPUT moved under `input`: rebuilt from its fields, each checked where written',
};

/** Text sites that are no message of their own, with why. */
const NOT_MESSAGES: Readonly<Record<string, string>> = {
  'src/modules/halls/hall-admin.service.ts: Invalid input. X1':
    'the summary of BAD_USER_INPUT fields: rebuilt from the fields (input.invalid), each checked where written',
  'src/platform/meilisearch.ts: the Meilisearch transport sends string or byte bodies only':
    'a programming error of the transport: masked as INTERNAL_SERVER_ERROR, never shown',
};

const fileOf = (site: MessageSite) => site.where.replace(/:\d+$/, '');

/** Why `site` is fine, or undefined when its message lacks a translation. */
function covered(site: MessageSite): boolean {
  if (site.sample === undefined) return FORWARDING[`${fileOf(site)}: ${site.source}`] !== undefined;
  if (NOT_MESSAGES[`${fileOf(site)}: ${site.sample}`] !== undefined) return true;
  if (site.kind.startsWith('phrase')) return PHRASES[site.sample] !== undefined;
  return isCatalogued(site.sample) || translateGraphQLMessage(site.sample) !== undefined;
}

const describeSite = (site: MessageSite) =>
  `${site.where} (${site.kind}): ${site.sample === undefined ? `dynamic ${site.source}` : JSON.stringify(site.sample)}`;

describe('messages written in the sources', () => {
  const sites = messageSites(process.cwd());

  it('are found (the scan reads the error factories, zod checks, field problems and phrases)', () => {
    expect(sites.length).toBeGreaterThan(150);
    const kinds = new Set(sites.map((site) => site.kind));
    for (const kind of [
      'call badField',
      'call conflict',
      'zod .max',
      'message:',
      'phrase notFound',
      'phrase who',
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it('each have their Chinese in the catalogue', () => {
    expect(sites.filter((site) => !covered(site)).map(describeSite)).toEqual([]);
  });

  it('list no forwarding site or exception that is gone', () => {
    const dynamic = new Set(sites.map((site) => `${fileOf(site)}: ${site.source}`));
    const texts = new Set(sites.map((site) => `${fileOf(site)}: ${site.sample ?? ''}`));
    expect(Object.keys(FORWARDING).filter((key) => !dynamic.has(key))).toEqual([]);
    expect(Object.keys(NOT_MESSAGES).filter((key) => !texts.has(key))).toEqual([]);
  });

  it('fail the check when a planted message has no entry', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ckb-i18n-'));
    mkdirSync(path.join(root, 'src', 'modules', 'planted'), { recursive: true });
    writeFileSync(
      path.join(root, 'src', 'modules', 'planted', 'planted.service.ts'),
      [
        "import { z } from 'zod';",
        "import { badField, conflict, notFound } from '../../errors.js';",
        "export const schema = z.string().min(2, 'a planted name is too short');",
        "export const ok = z.string().max(9, 'a code has at most 9 characters');",
        "export const a = () => badField('input.x', `no planted thing ${1}`);",
        'export const b = () => conflict(someText());',
        "export const c = () => notFound('PlantedThing', 'x');",
        "export const d = [{ path: 'x', message: 'must not be empty' }];",
        'declare function someText(): string;',
      ].join('\n'),
    );
    const planted = messageSites(root);
    expect(
      planted.filter((site) => !covered(site)).map((site) => site.sample ?? `dynamic ${site.source}`),
    ).toEqual(['a planted name is too short', 'no planted thing X1', 'dynamic someText()', 'PlantedThing']);
  });
});

describe('the graphql-js table', () => {
  it('has a Chinese text for every message, with the same parameters as the English', () => {
    const names = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const entry of GRAPHQL_MESSAGES) {
      expect(entry.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(names(entry.zh)).toEqual(names(entry.en));
    }
  });
});
