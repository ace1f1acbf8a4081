import { z } from 'zod';
import { codeSchema, trimmed, unique } from '../../lib/validation.js';
import { ACCESS_KINDS, CHANNEL_TYPE_NAMES, SERVICE_KINDS } from './channel.model.js';

/** `upsertChannel`: kind and ownership follow from the type (DOMAIN.md section 2). */
export const channelInputSchema = z.object({
  code: codeSchema,
  name: trimmed(80, 'the name'),
  nameEn: z.string().trim().max(120, 'at most 120 characters').default(''),
  type: z.enum(CHANNEL_TYPE_NAMES as [string, ...string[]]),
  services: z.array(z.enum(SERVICE_KINDS)).default([]).transform(unique),
  access: z
    .array(
      z.object({
        kind: z.enum(ACCESS_KINDS),
        value: trimmed(200, 'the value'),
        code: z.string().trim().min(1).max(30).nullish(),
        meaning: z.string().trim().min(1).max(100).nullish(),
      }),
    )
    .max(20, 'at most 20 access entries')
    .default([]),
  hours: z.string().trim().max(100, 'at most 100 characters').default(''),
  alwaysOpen: z.boolean().default(false),
  hallCodes: z.array(codeSchema).max(2_000, 'at most 2,000 halls').default([]).transform(unique),
  description: z.string().trim().max(2_000, 'at most 2,000 characters').default(''),
});
export type ChannelInput = z.infer<typeof channelInputSchema>;
