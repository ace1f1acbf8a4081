import type { Principal } from '../../auth/principal.js';
import { badField, conflict } from '../../errors.js';
import { mapDuplicateKey, newRecordId, valueBusy } from '../../db/guards.js';
import { parseInput, sameData } from '../../lib/validation.js';
import { KeysBusyError } from '../../db/key-claims.js';
import { CHANNEL_TYPES } from './channel.model.js';
import type { ChannelDoc, ChannelFilter, ChannelType } from './channel.model.js';
import type { ChannelRepository } from './channel.repository.js';
import { channelsPolicy } from './channels.policy.js';
import { channelInputSchema } from './channel.validation.js';
import type { ChannelInput } from './channel.validation.js';

/** The stored fields of a channel, without id and bookkeeping. */
export type ChannelContent = Omit<ChannelDoc, '_id' | 'version' | 'updatedAt' | 'updatedBy'>;

/** Which of `codes` name existing halls (the halls module answers; channels do not depend on it). */
export type KnownHallCodes = (codes: readonly string[]) => Promise<ReadonlySet<string>>;

/** Service channels (the taxonomy): reads and the admins' upsert. */
export class ChannelsService {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly knownHallCodes: KnownHallCodes,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Channels by kind, ownership, type (any of each) and services (all of), in code order. */
  listChannels(filter: ChannelFilter): Promise<ChannelDoc[]> {
    return this.channels.findMatching(filter);
  }

  channelByCode(code: string): Promise<ChannelDoc | null> {
    return this.channels.findByCode(code.trim().toUpperCase());
  }

  /**
   * Creates or replaces a channel by code; kind and ownership follow from its type. Concurrent
   * upserts of one code are serialised (the code is held while checking and writing).
   * @throws FORBIDDEN unless admin; BAD_USER_INPUT naming the field (e.g. an unknown hall code);
   *   CONFLICT naming `input.code` when another request keeps the code busy.
   */
  async upsertChannel(principal: Principal, rawInput: unknown): Promise<ChannelDoc> {
    channelsPolicy.authorize(principal, 'changeChannels');
    const input = parseInput(channelInputSchema, 'input', rawInput);
    if (input.hallCodes.length) {
      const found = await this.knownHallCodes(input.hallCodes);
      const missing = input.hallCodes.findIndex((code) => !found.has(code));
      if (missing >= 0) throw badField(`input.hallCodes.${missing}`, `no hall ${input.hallCodes[missing]}`);
    }
    const content = channelContentOf(input);
    try {
      return await this.channels.withCodesHeld([input.code], () =>
        this.writeChannel(principal, input.code, content),
      );
    } catch (error) {
      if (error instanceof KeysBusyError) throw valueBusy('input.code', input.code);
      throw error;
    }
  }

  /** Inserts or replaces the channel `code` (the caller holds the code). */
  private async writeChannel(
    principal: Principal,
    code: string,
    content: ChannelContent,
  ): Promise<ChannelDoc> {
    const existing = await this.channels.findByCode(code);
    const at = this.now();
    if (!existing) {
      const doc: ChannelDoc = {
        _id: newRecordId(),
        ...content,
        version: 1,
        updatedAt: at,
        updatedBy: principal.id,
      };
      await mapDuplicateKey(this.channels.insert(doc), 'input.code', code);
      return doc;
    }
    const { _id, version, updatedAt, updatedBy, ...stored } = existing;
    if (sameData(stored, content)) return existing;
    const next: ChannelDoc = {
      _id,
      ...content,
      version: version + 1,
      updatedAt: at,
      updatedBy: principal.id,
    };
    if (!(await this.channels.replaceAtVersion(next, version))) {
      throw conflict(
        `Channel ${code} was changed by someone else (last at ${updatedAt.toISOString()} by ${updatedBy}): try again.`,
      );
    }
    return next;
  }
}

/** The stored fields of a validated channel input; kind and ownership follow from the type. */
export function channelContentOf(input: ChannelInput): ChannelContent {
  const type = input.type as ChannelType;
  return {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn,
    kind: CHANNEL_TYPES[type].kind,
    ownership: CHANNEL_TYPES[type].ownership,
    type,
    services: input.services,
    access: input.access.map((entry) => ({
      kind: entry.kind,
      value: entry.value,
      code: entry.code ?? null,
      meaning: entry.meaning ?? null,
    })),
    hours: input.hours,
    alwaysOpen: input.alwaysOpen,
    hallCodes: input.hallCodes,
    description: input.description,
  };
}
