/** Managed synonyms in GraphQL (editors): the SynonymSet node, `synonymSets` and the create/update/delete mutations. */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { AppError } from '../../errors.js';
import type { Context } from '../../context.js';
import { builder } from '../../schema/builder.js';
import { objectIdOf, underInput } from '../../schema/paging.js';
import type { SynonymSet } from './synonym-set.model.js';

const SynonymSetRef = builder.objectRef<SynonymSet>('SynonymSet');

/** Every synonym set, read once per request; null when the caller may not read them. */
const synonymCache = new WeakMap<Context, Promise<SynonymSet[] | null>>();
function synonymSetsOf(context: Context): Promise<SynonymSet[] | null> {
  let cached = synonymCache.get(context);
  if (!cached) {
    cached = context.services.synonyms.synonymSets(context.principal).catch((error: unknown) => {
      if (error instanceof AppError && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED')) {
        return null;
      }
      throw error;
    });
    synonymCache.set(context, cached);
  }
  return cached;
}

builder.node(SynonymSetRef, {
  description: 'Terms searchers use for the same thing; a search for one finds the others (editors).',
  id: { resolve: (set) => set.id },
  loadMany: async (ids, context) => {
    const sets = await synonymSetsOf(context);
    return ids.map((id) => sets?.find((set) => set.id === id.toLowerCase()) ?? null);
  },
  fields: (t) => ({
    terms: t.exposeStringList('terms', { description: 'The terms, as normalised.' }),
    version: t.exposeInt('version', { description: 'Send it back as expectedVersion.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    updatedBy: t.exposeString('updatedBy', { description: 'Who changed it last (token subject).' }),
  }),
});

builder.queryFields((t) => ({
  synonymSets: t.field({
    type: [SynonymSetRef],
    nullable: true,
    description:
      'The managed synonym list, at most a few hundred sets (editors; null with an error for others).',
    resolve: (_root, _args, context) => context.services.synonyms.synonymSets(context.principal),
  }),
}));

const CreateSynonymSetInput = builder.inputType('CreateSynonymSetInput', {
  description: 'A new set of terms that mean the same.',
  fields: (t) => ({
    terms: t.stringList({ required: true, description: 'Two or more terms.' }),
  }),
});
const UpdateSynonymSetInput = builder.inputType('UpdateSynonymSetInput', {
  description: "A set's new terms.",
  fields: (t) => ({
    id: t.id({ required: true, description: 'The synonym set.' }),
    expectedVersion: t.int({
      required: true,
      description: 'The version you edited; CONFLICT (with the current version) when it moved on.',
    }),
    terms: t.stringList({ required: true, description: 'The terms that replace the current ones.' }),
  }),
});
const DeleteSynonymSetInput = builder.inputType('DeleteSynonymSetInput', {
  description: 'A set to remove.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The synonym set.' }),
    expectedVersion: t.int({
      required: true,
      description: 'The version you saw; CONFLICT (with the current version) when it moved on.',
    }),
  }),
});

function synonymPayload(name: string, description: string) {
  return builder.objectRef<{ synonymSet: SynonymSet }>(name).implement({
    description,
    fields: (t) => ({
      synonymSet: t.field({
        type: SynonymSetRef,
        description: 'The set as it is now.',
        resolve: (payload) => payload.synonymSet,
      }),
    }),
  });
}
const CreateSynonymSetPayload = synonymPayload('CreateSynonymSetPayload', 'The new set.');
const UpdateSynonymSetPayload = synonymPayload('UpdateSynonymSetPayload', 'The changed set.');
const DeleteSynonymSetPayload = builder.objectRef<{ id: string }>('DeleteSynonymSetPayload').implement({
  description: 'What was removed.',
  fields: (t) => ({
    deletedSynonymSetId: t.exposeID('id', { description: 'The global id of the removed set.' }),
  }),
});

builder.mutationFields((t) => ({
  createSynonymSet: t.field({
    type: CreateSynonymSetPayload,
    nullable: true,
    description: 'Adds terms that mean the same (editors); pushed to the search engine in the background.',
    args: { input: t.arg({ type: CreateSynonymSetInput, required: true, description: 'The terms.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        synonymSet: await context.services.synonyms.createSynonymSet(context.principal, input.terms),
      })),
  }),
  updateSynonymSet: t.field({
    type: UpdateSynonymSetPayload,
    nullable: true,
    description: "Replaces a set's terms (editors).",
    args: {
      input: t.arg({ type: UpdateSynonymSetInput, required: true, description: 'The set and terms.' }),
    },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        synonymSet: await context.services.synonyms.updateSynonymSet(
          context.principal,
          objectIdOf(input.id, 'SynonymSet', 'input.id'),
          input.expectedVersion,
          input.terms,
        ),
      })),
  }),
  deleteSynonymSet: t.field({
    type: DeleteSynonymSetPayload,
    nullable: true,
    description: 'Removes a set (editors).',
    args: { input: t.arg({ type: DeleteSynonymSetInput, required: true, description: 'The set.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => {
        const id = objectIdOf(input.id, 'SynonymSet', 'input.id');
        await context.services.synonyms.deleteSynonymSet(context.principal, id, input.expectedVersion);
        return { id: encodeGlobalID('SynonymSet', id.toHexString()) };
      }),
  }),
}));
