/** Service channels (the taxonomy): the Channel node, the channel list and the upsert mutation. */
import { badField } from '../../errors.js';
import { builder } from '../../schema/builder.js';
import { localeArg } from '../../schema/labels.js';
import { connectionPage, given, pageRequestOf, underInput } from '../../schema/paging.js';
import { MAX_PAGE_SIZE, pageFlags, pageSize, sizeField } from '../../lib/paging.js';
import {
  AccessKindEnum,
  ChannelKindEnum,
  ChannelOwnershipEnum,
  ChannelRef,
  ChannelTypeEnum,
  ServiceKindEnum,
} from './channel.refs.graphql.js';
import type { ChannelAccess, ChannelDoc } from './channel.model.js';

/** The cursor of a channel in code order. */
function channelCursor(channel: Pick<ChannelDoc, 'code'>): string {
  return Buffer.from(JSON.stringify({ c: channel.code })).toString('base64url');
}
/** @throws AppError BAD_USER_INPUT naming `field` when it is not a channel cursor. */
function codeOf(cursor: string, field: 'after' | 'before'): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c?: unknown };
    if (typeof parsed.c === 'string') return parsed.c;
  } catch {
    // reported below
  }
  throw badField(field, 'not a cursor returned by this API');
}

const ChannelAccessRef = builder.objectRef<ChannelAccess>('ChannelAccess').implement({
  description: 'How to reach a channel: a number, a URL, or an SMS/voice command (code) and what it does.',
  fields: (t) => ({
    kind: t.field({
      type: AccessKindEnum,
      description: 'Phone, URL, SMS ...',
      resolve: (access) => access.kind,
    }),
    value: t.exposeString('value', { description: 'The number, address or handle.' }),
    code: t.exposeString('code', { nullable: true, description: 'An SMS or voice command, e.g. 101.' }),
    meaning: t.exposeString('meaning', { nullable: true, description: 'What the command does.' }),
  }),
});

builder.node(ChannelRef, {
  description:
    'A customer-service channel of the taxonomy (hotline, web hall, terminals, account managers ...).',
  id: { resolve: (channel) => channel.code },
  loadOne: (code, context) => context.services.channels.channelByCode(code),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Unique, e.g. HOTLINE-10086.' }),
    name: t.string({
      description: 'The name in the locale asked for (English falls back to Chinese when missing).',
      args: { locale: t.arg(localeArg()) },
      resolve: (channel, args) => (args.locale === 'en' && channel.nameEn ? channel.nameEn : channel.name),
    }),
    nameEn: t.string({
      nullable: true,
      description:
        'The English name as entered, null when none (what an editing form sends back to upsertChannel; `name(locale: EN)` falls back to Chinese).',
      resolve: (channel) => channel.nameEn || null,
    }),
    kind: t.field({ type: ChannelKindEnum, description: 'Follows from type.', resolve: (c) => c.kind }),
    ownership: t.field({
      type: ChannelOwnershipEnum,
      description: 'Follows from type.',
      resolve: (channel) => channel.ownership,
    }),
    type: t.field({
      type: ChannelTypeEnum,
      description: 'Its place in the taxonomy.',
      resolve: (c) => c.type,
    }),
    services: t.field({
      type: [ServiceKindEnum],
      description: 'What customers can get done through it.',
      resolve: (channel) => channel.services,
    }),
    access: t.field({
      type: [ChannelAccessRef],
      description: 'How to reach it.',
      resolve: (channel) => channel.access,
    }),
    hours: t.exposeString('hours', { description: 'When it serves, as text, e.g. 7×24.' }),
    alwaysOpen: t.exposeBoolean('alwaysOpen', { description: 'Serves around the clock.' }),
    description: t.exposeString('description', { description: 'What it is for.' }),
    version: t.exposeInt('version', { description: 'Grows with every change.' }),
  }),
});

const ChannelFilterInput = builder.inputType('ChannelFilter', {
  description: 'Every field narrows the list; lists match any of their values, except services (all of).',
  fields: (t) => ({
    kinds: t.field({ type: [ChannelKindEnum], description: 'Any of these kinds.' }),
    ownerships: t.field({ type: [ChannelOwnershipEnum], description: 'Any of these ownerships.' }),
    types: t.field({ type: [ChannelTypeEnum], description: 'Any of these types.' }),
    services: t.field({ type: [ServiceKindEnum], description: 'Channels offering all of these.' }),
  }),
});

builder.queryFields((t) => ({
  channels: t.connection(
    {
      type: ChannelRef,
      description: `Service channels by kind, ownership, type and services, in code order, in pages of at most ${MAX_PAGE_SIZE}.`,
      args: { filter: t.arg({ type: ChannelFilterInput, required: false, description: 'Which channels.' }) },
      resolve: async (_root, args, context) => {
        const request = pageRequestOf(args);
        const size = pageSize(request.size, sizeField(request));
        const from = request.after === null ? null : codeOf(request.after, 'after');
        const to = request.before === null ? null : codeOf(request.before, 'before');
        const all = await context.services.channels.listChannels(args.filter ?? {});
        const range = all.filter(
          (channel) => (from === null || channel.code > from) && (to === null || channel.code < to),
        );
        const items = request.backward ? range.slice(-size) : range.slice(0, size);
        return {
          ...connectionPage(items, channelCursor, pageFlags(request, range.length > size)),
          totalCount: all.length,
        };
      },
    },
    {
      name: 'ChannelConnection',
      description: 'A page of channels.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many channels match the filter (all pages).',
          resolve: (page) => page.totalCount,
        }),
      }),
    },
    { name: 'ChannelEdge', description: 'One channel and its cursor.' },
  ),
  channel: t.field({
    type: ChannelRef,
    nullable: true,
    description: 'One channel by code; null when there is none.',
    args: { code: t.arg.string({ required: true, description: 'The channel code.' }) },
    resolve: (_root, args, context) => context.services.channels.channelByCode(args.code),
  }),
}));

const ChannelAccessInput = builder.inputType('ChannelAccessInput', {
  description: 'How to reach a channel.',
  fields: (t) => ({
    kind: t.field({ type: AccessKindEnum, required: true, description: 'Phone, URL, SMS ...' }),
    value: t.string({ required: true, description: 'The number, address or handle.' }),
    code: t.string({ description: 'An SMS or voice command.' }),
    meaning: t.string({ description: 'What the command does.' }),
  }),
});
const UpsertChannelInput = builder.inputType('UpsertChannelInput', {
  description: 'A whole channel, created or replaced by code.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Unique; an existing code replaces that channel.' }),
    name: t.string({ required: true, description: 'The Chinese name.' }),
    nameEn: t.string({ description: 'The English name.' }),
    type: t.field({
      type: ChannelTypeEnum,
      required: true,
      description: 'Kind and ownership follow from it.',
    }),
    services: t.field({ type: [ServiceKindEnum], description: 'What customers can get done through it.' }),
    access: t.field({ type: [ChannelAccessInput], description: 'How to reach it.' }),
    hours: t.string({ description: 'When it serves, as text.' }),
    alwaysOpen: t.boolean({ description: 'Serves around the clock.' }),
    hallCodes: t.stringList({ description: 'Halls where it is present.' }),
    description: t.string({ description: 'What it is for.' }),
  }),
});
const UpsertChannelPayload = builder.objectRef<{ channel: ChannelDoc }>('UpsertChannelPayload').implement({
  description: 'The channel as stored.',
  fields: (t) => ({
    channel: t.field({
      type: ChannelRef,
      description: 'The channel as it is now.',
      resolve: (p) => p.channel,
    }),
  }),
});

builder.mutationFields((t) => ({
  upsertChannel: t.field({
    type: UpsertChannelPayload,
    nullable: true,
    description: 'Creates or replaces a channel by code (admins).',
    args: { input: t.arg({ type: UpsertChannelInput, required: true, description: 'The channel.' }) },
    resolve: (_root, args, context) =>
      underInput(async () => ({
        channel: await context.services.channels.upsertChannel(context.principal, given(args.input)),
      })),
  }),
}));
