/**
 * Where a customer can get a service done (`whereCanI`): the electronic channels offering it and the
 * nearest halls open now. Also the halls side of a channel (`Channel.halls`).
 */
import { builder } from '../../schema/builder.js';
import { ChannelRef, ServiceKindEnum } from '../channels/schema.js';
import type { ChannelDoc } from '../channels/index.js';
import type { NearbyHall } from './hall-finder.service.js';
import type { HallDoc } from './hall.model.js';
import { HallRef } from './hall.refs.graphql.js';
import { GeoPointInput, NearbyHallRef } from './hall-types.graphql.js';

builder.objectFields(ChannelRef, (t) => ({
  halls: t.field({
    type: [HallRef],
    description: 'Halls where it is present.',
    resolve: async (channel, _args, context) => {
      const loaded = await context.loaders.halls.hallByCode.loadMany(channel.hallCodes);
      return loaded.filter((hall): hall is HallDoc => hall !== null && !(hall instanceof Error));
    },
  }),
}));

const WhereCanIRef = builder
  .objectRef<{ channels: ChannelDoc[]; halls: NearbyHall[] }>('WhereCanIResult')
  .implement({
    description: 'Where a service can be had.',
    fields: (t) => ({
      channels: t.field({
        type: [ChannelRef],
        description: 'Electronic channels offering the service.',
        resolve: (r) => r.channels,
      }),
      halls: t.field({
        type: [NearbyHallRef],
        description: 'The nearest halls offering it, open now.',
        resolve: (r) => r.halls,
      }),
    }),
  });

builder.queryFields((t) => ({
  whereCanI: t.field({
    type: WhereCanIRef,
    nullable: true,
    description:
      'Where a customer can get a service done: electronic channels, and the nearest halls open now (at most 20); null with an error when the search engine cannot answer.',
    args: {
      service: t.arg({ type: ServiceKindEnum, required: true, description: 'The service.' }),
      near: t.arg({ type: GeoPointInput, required: false, description: 'Where the customer is.' }),
      radiusKm: t.arg.float({ defaultValue: 30, description: 'How far to look for halls.' }),
      first: t.arg.int({ defaultValue: 5, description: 'Halls at most.' }),
    },
    resolve: (_root, args, context) =>
      context.services.hallFinder.whereCanI(args.service, args.near ?? null, args.radiusKm ?? 30, args.first),
  }),
}));
