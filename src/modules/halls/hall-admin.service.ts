import type { Principal } from '../../auth/principal.js';
import { badUserInput, notFound } from '../../errors.js';
import { duplicateValue, mapDuplicateKey, newRecordId, valueBusy } from '../../db/guards.js';
import { parseInput } from '../../lib/validation.js';
import { KeysBusyError } from '../../db/key-claims.js';
import type { EventBus } from '../../events.js';
import { hallsPolicy } from './halls.policy.js';
import { announceHallChanges, buildHallDoc, checkHallVersion, regionProblems } from './hall-rules.js';
import type { HallKey } from './hall-rules.js';
import { contentOf } from './hall.model.js';
import type { HallDoc, HallStatus } from './hall.model.js';
import type { HallRepository } from './hall.repository.js';
import { hallInputSchema, hallPatchSchema } from './hall.validation.js';
import type { HallInput } from './hall.validation.js';
import type { RegionDoc } from '../regions/index.js';
import type { RegionRepository } from '../regions/index.js';

/**
 * Admins' changes to single halls: create, update, status. Every write of a hall holds its code
 * (and a new code, when renamed) in `key_claims` while it checks and writes, so codes stay unique
 * without a unique index (the emulator) and across instances, and an import never races a create,
 * rename or status change of the same hall.
 */
export class HallAdmin {
  constructor(
    private readonly halls: HallRepository,
    private readonly regions: RegionRepository,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Creates a hall.
   * @throws UNAUTHENTICATED/FORBIDDEN unless admin; BAD_USER_INPUT naming each bad field (the
   *   classification rules, an unknown region); CONFLICT naming `input.code` when the code is taken.
   */
  async createHall(principal: Principal, rawInput: unknown): Promise<HallDoc> {
    hallsPolicy.authorize(principal, 'createHall');
    const input = parseInput(hallInputSchema, 'input', rawInput);
    const region = await this.checkRegion(input, 'input');
    const doc = await this.holdingHallCodes([input.code], 'input.code', async () => {
      if (await this.halls.findByCode(input.code)) throw duplicateValue('input.code', input.code);
      const at = this.now();
      const created = buildHallDoc(input, region, newRecordId(), 1, at, at, principal.id);
      await mapDuplicateKey(this.halls.insert(created), 'input.code', input.code);
      return created;
    });
    announceHallChanges(this.events, [doc.code]);
    return doc;
  }

  /**
   * Changes the fields given; the merged hall must pass every rule.
   * @throws FORBIDDEN unless admin; BAD_USER_INPUT naming the field; NOT_FOUND; CONFLICT when
   *   `expectedVersion` is not the current version, or naming `input.code` when a new code is taken.
   */
  async updateHall(
    principal: Principal,
    ref: HallKey,
    expectedVersion: number,
    rawPatch: unknown,
  ): Promise<HallDoc> {
    hallsPolicy.authorize(principal, 'updateHall');
    const patch = parseInput(hallPatchSchema, 'input', rawPatch);
    const doc = await this.findHall(ref);
    checkHallVersion(doc, expectedVersion);
    const definedPatch = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const input = parseInput(hallInputSchema, 'input', { ...contentOf(doc), ...definedPatch });
    const region = await this.checkRegion(input, 'input');
    const updated = await this.holdingHallCodes([doc.code, input.code], 'input.code', async () => {
      if (input.code !== doc.code && (await this.halls.findByCode(input.code))) {
        throw duplicateValue('input.code', input.code);
      }
      const next = buildHallDoc(
        input,
        region,
        doc._id,
        expectedVersion,
        doc.createdAt,
        this.now(),
        principal.id,
      );
      return mapDuplicateKey(this.halls.replaceAtVersion(next, expectedVersion), 'input.code', input.code);
    });
    announceHallChanges(this.events, [...new Set([doc.code, updated.code])]);
    return updated;
  }

  /**
   * Opens, temporarily closes or closes a hall. With `expectedVersion` the change is refused when stale.
   * @throws FORBIDDEN unless admin; NOT_FOUND; CONFLICT.
   */
  async setHallStatus(
    principal: Principal,
    ref: HallKey,
    status: HallStatus,
    expectedVersion: number | null | undefined,
  ): Promise<HallDoc> {
    hallsPolicy.authorize(principal, 'changeHallStatus');
    const doc = await this.findHall(ref);
    const version = expectedVersion ?? doc.version;
    checkHallVersion(doc, version);
    if (doc.status === status) return doc;
    const updated = await this.holdingHallCodes([doc.code], 'code', () =>
      this.halls.setStatusAtVersion(doc._id, version, {
        status,
        updatedAt: this.now(),
        updatedBy: principal.id,
      }),
    );
    announceHallChanges(this.events, [updated.code]);
    return updated;
  }

  /** Runs `work` holding these hall codes; a code kept busy too long becomes CONFLICT naming `field`. */
  private async holdingHallCodes<T>(codes: string[], field: string, work: () => Promise<T>): Promise<T> {
    try {
      return await this.halls.withCodesHeld(codes, work);
    } catch (error) {
      if (error instanceof KeysBusyError) throw valueBusy(field, error.keys[0] ?? codes[0] ?? '');
      throw error;
    }
  }

  private async findHall(ref: HallKey): Promise<HallDoc> {
    const doc =
      'code' in ref
        ? await this.halls.findByCode(ref.code.trim().toUpperCase())
        : await this.halls.findById(ref.id);
    if (!doc) throw notFound('Hall', 'code' in ref ? ref.code : ref.id.toHexString());
    return doc;
  }

  /** @throws BAD_USER_INPUT when the region is unknown or does not fit the hall's area. */
  private async checkRegion(input: HallInput, root: string): Promise<RegionDoc> {
    const region = await this.regions.findByCode(input.regionCode);
    const problems = regionProblems(input, region ?? undefined, root);
    if (problems.length || !region) {
      throw badUserInput(
        `Invalid input. ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        problems,
      );
    }
    return region;
  }
}
