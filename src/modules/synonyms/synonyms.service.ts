import { newRecordId } from '../../db/guards.js';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { conflict, fromZodError, notFound } from '../../errors.js';
import type { EventBus } from '../../events.js';
import { normaliseText } from '../../lib/normalise-text.js';
import { synonymsPolicy } from './synonyms.policy.js';
import { toSynonymSet } from './synonym-set.model.js';
import type { SynonymSet, SynonymSetDoc } from './synonym-set.model.js';
import type { SynonymRepository } from './synonyms.repository.js';

const synonymTerms = z
  .array(z.string().trim().min(1, 'a term must not be empty').max(30, 'a term is at most 30 characters'))
  .min(2, 'a synonym set needs at least 2 terms')
  .max(12, 'a synonym set has at most 12 terms')
  .transform((terms) => [...new Set(terms.map(normaliseText))])
  .refine((terms) => terms.length >= 2, 'a synonym set needs at least 2 different terms');

function parseTerms(raw: unknown): string[] {
  const result = synonymTerms.safeParse(raw);
  if (!result.success) throw fromZodError('terms', result.error);
  return result.data;
}

/** A synonym set's id as stored. */
type SynonymSetId = SynonymSetDoc['_id'];

/**
 * The managed synonym list (editors): validation, optimistic versions, and a `SynonymsChanged`
 * event after every change (the indexer subscribes and pushes the list to Meilisearch).
 */
export class SynonymService {
  constructor(
    private readonly repo: SynonymRepository,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every synonym set (editors). @throws FORBIDDEN */
  async synonymSets(principal: Principal): Promise<SynonymSet[]> {
    synonymsPolicy.authorize(principal, 'readSynonyms');
    return (await this.repo.findAllSynonymSets()).map(toSynonymSet);
  }

  /** Adds a set of terms that mean the same. @throws FORBIDDEN, BAD_USER_INPUT naming `terms`. */
  async createSynonymSet(principal: Principal, rawTerms: unknown): Promise<SynonymSet> {
    synonymsPolicy.authorize(principal, 'editSynonyms');
    const terms = parseTerms(rawTerms);
    const doc = { _id: newRecordId(), terms, version: 1, updatedAt: this.now(), updatedBy: principal.id };
    await this.repo.insertSynonymSet(doc);
    this.events.publish('SynonymsChanged', { id: doc._id.toHexString() });
    return toSynonymSet(doc);
  }

  /** Replaces a set's terms. @throws FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, CONFLICT when stale. */
  async updateSynonymSet(
    principal: Principal,
    id: SynonymSetId,
    expectedVersion: number,
    rawTerms: unknown,
  ): Promise<SynonymSet> {
    synonymsPolicy.authorize(principal, 'editSynonyms');
    const terms = parseTerms(rawTerms);
    const updated = await this.repo.replaceTermsIfVersionMatches(id, expectedVersion, {
      terms,
      updatedAt: this.now(),
      updatedBy: principal.id,
    });
    if (!updated) throw await this.synonymMiss(id, expectedVersion);
    this.events.publish('SynonymsChanged', { id: id.toHexString() });
    return toSynonymSet(updated);
  }

  /** Removes a set. @throws FORBIDDEN, NOT_FOUND, CONFLICT when stale. */
  async deleteSynonymSet(principal: Principal, id: SynonymSetId, expectedVersion: number): Promise<boolean> {
    synonymsPolicy.authorize(principal, 'editSynonyms');
    if (!(await this.repo.deleteIfVersionMatches(id, expectedVersion))) {
      throw await this.synonymMiss(id, expectedVersion);
    }
    this.events.publish('SynonymsChanged', { id: id.toHexString() });
    return true;
  }

  /**
   * Seeds starting sets (normalised), skipping any whose first term a stored set already has; for
   * the seeders, so no principal and no event (the indexer compares the list by hash anyway).
   */
  async seedSynonymSets(sets: string[][]): Promise<number> {
    const normalised = sets.map((set) => set.map(normaliseText));
    return this.repo.insertUnlessFirstTermExists(normalised, this.now(), 'seed');
  }

  private async synonymMiss(id: SynonymSetId, expectedVersion: number) {
    const current = await this.repo.findSynonymSetById(id);
    if (!current) return notFound('SynonymSet', id.toHexString());
    return conflict(
      `The synonym set was changed by someone else: you sent version ${expectedVersion}, the current version is ${current.version}.`,
      { expectedVersion, currentVersion: current.version },
    );
  }
}
