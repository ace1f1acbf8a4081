/** The channel form's working copy and `UpsertChannelInput` (upsert replaces the whole channel, so nothing may be dropped). */

export interface AccessDraft {
  kind: string;
  value: string;
  code: string;
  meaning: string;
}

export interface ChannelDraft {
  code: string;
  name: string;
  nameEn: string;
  type: string;
  description: string;
  hours: string;
  alwaysOpen: boolean;
  services: string[];
  access: AccessDraft[];
  /** Kept as stored: the form does not edit where a channel is present. */
  hallCodes: string[];
}

export interface StoredChannel {
  code: string;
  name: string;
  nameEn?: string | null;
  type: string;
  description: string;
  hours: string;
  alwaysOpen: boolean;
  services: readonly string[];
  access: ReadonlyArray<{ kind: string; value: string; code?: string | null; meaning?: string | null }>;
  halls: ReadonlyArray<{ code: string }>;
}

export function emptyChannel(): ChannelDraft {
  return {
    code: '',
    name: '',
    nameEn: '',
    type: 'HOTLINE',
    description: '',
    hours: '',
    alwaysOpen: false,
    services: [],
    access: [{ kind: 'PHONE', value: '', code: '', meaning: '' }],
    hallCodes: [],
  };
}

export function channelDraftOf(channel: StoredChannel): ChannelDraft {
  return {
    code: channel.code,
    name: channel.name,
    nameEn: channel.nameEn ?? '',
    type: channel.type,
    description: channel.description,
    hours: channel.hours,
    alwaysOpen: channel.alwaysOpen,
    services: [...channel.services],
    access: channel.access.map((entry) => ({
      kind: entry.kind,
      value: entry.value,
      code: entry.code ?? '',
      meaning: entry.meaning ?? '',
    })),
    hallCodes: channel.halls.map((hall) => hall.code),
  };
}

/** The draft as `UpsertChannelInput`: empty optional texts are left out (null), nothing else is. */
export function channelInputOf(draft: ChannelDraft) {
  return {
    code: draft.code.trim(),
    name: draft.name.trim(),
    nameEn: draft.nameEn.trim() || null,
    type: draft.type,
    description: draft.description.trim(),
    hours: draft.hours.trim(),
    alwaysOpen: draft.alwaysOpen,
    services: draft.services,
    access: draft.access.map((entry) => ({
      kind: entry.kind,
      value: entry.value.trim(),
      code: entry.code.trim() || null,
      meaning: entry.meaning.trim() || null,
    })),
    hallCodes: draft.hallCodes,
  };
}
