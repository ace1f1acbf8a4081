/** The GraphQL mutations of halls: create, update, status and import, with their inputs and payloads. */
import { badField } from '../../errors.js';
import { reasonIn } from '../../i18n/localize.js';
import { builder } from '../../schema/builder.js';
import { given, objectIdOf, underInput } from '../../schema/paging.js';
import {
  AccessibilityEnum,
  HallAreaEnum,
  HallOperationEnum,
  HallRef,
  HallStatusEnum,
  HallTierEnum,
  ImportActionEnum,
  ImportFormatEnum,
} from './hall.refs.graphql.js';
import { ServiceKindEnum } from '../channels/schema.js';
import type { ImportReport, ImportRowReport } from './hall-import.service.js';
import type { HallKey } from './hall-rules.js';
import { GeoPointInput } from './hall-types.graphql.js';
import type { HallDoc } from './hall.model.js';

// ---- mutations ----------------------------------------------------------------------------------

const TimeIntervalInput = builder.inputType('TimeIntervalInput', {
  description: 'Local time (Asia/Shanghai); start inclusive, end exclusive.',
  fields: (t) => ({
    start: t.string({ required: true, description: 'HH:MM' }),
    end: t.string({ required: true, description: 'HH:MM, after start; 24:00 allowed' }),
  }),
});
const SpecialDateInput = builder.inputType('SpecialDateInput', {
  description: 'A date with other hours than the weekly schedule.',
  fields: (t) => ({
    date: t.string({ required: true, description: 'YYYY-MM-DD' }),
    closed: t.boolean({ defaultValue: false, description: 'Closed all day.' }),
    intervals: t.field({ type: [TimeIntervalInput], description: 'The hours that day.' }),
    note: t.string({ description: 'Why, e.g. 春节.' }),
  }),
});
const OpeningHoursInput = builder.inputType('OpeningHoursInput', {
  description: 'A weekly schedule and the dates that override it.',
  fields: (t) => ({
    weekly: t.field({
      type: t.listRef(t.listRef(TimeIntervalInput)),
      required: true,
      description: 'Seven lists, Monday first; an empty list is a closed day.',
    }),
    special: t.field({ type: [SpecialDateInput], description: 'Dates that override it.' }),
  }),
});

const HallIdentifierInput = builder.inputType('HallIdentifierInput', {
  description: 'Names one hall: by global id or by code (exactly one).',
  isOneOf: true,
  fields: (t) => ({
    id: t.id({ description: 'The global id of the hall.' }),
    code: t.string({ description: 'The hall code, e.g. HB-SJZ-001.' }),
  }),
});

/** The hall a HallIdentifierInput names. @throws BAD_USER_INPUT naming `field.id`. */
function hallKey(identifier: { id?: string | null; code?: string | null }, field: string): HallKey {
  if (identifier.code) return { code: identifier.code };
  if (identifier.id) return { id: objectIdOf(identifier.id, 'Hall', `${field}.id`) };
  throw badField(field, 'give the id or the code of the hall');
}

const hallFieldDescriptions = {
  code: 'Unique, e.g. HB-SJZ-001.',
  name: 'The name (Chinese).',
  tier: 'By function.',
  operation: 'Who runs the business.',
  partner: 'Required for PARTNER_OPERATED.',
  area: 'URBAN or TOWNSHIP (a TOWNSHIP hall is SMALL).',
  regionCode: 'A county/district (URBAN) or a township (TOWNSHIP).',
  address: 'The street address.',
  location: 'Where it is.',
  floorAreaM2: 'Floor area in square metres.',
  services: 'What customers can get done there.',
  openingHours: 'When it is open.',
  status: 'Default OPEN.',
  phone: 'A phone number customers may call.',
  accessibility: 'What it offers customers with disabilities.',
  roster: 'On the roster of listed channels.',
} as const;

const CreateHallInput = builder.inputType('CreateHallInput', {
  description: 'A whole hall.',
  fields: (t) => ({
    code: t.string({ required: true, description: hallFieldDescriptions.code }),
    name: t.string({ required: true, description: hallFieldDescriptions.name }),
    tier: t.field({ type: HallTierEnum, required: true, description: hallFieldDescriptions.tier }),
    operation: t.field({
      type: HallOperationEnum,
      required: true,
      description: hallFieldDescriptions.operation,
    }),
    partner: t.string({ description: hallFieldDescriptions.partner }),
    area: t.field({ type: HallAreaEnum, required: true, description: hallFieldDescriptions.area }),
    regionCode: t.string({ required: true, description: hallFieldDescriptions.regionCode }),
    address: t.string({ required: true, description: hallFieldDescriptions.address }),
    location: t.field({ type: GeoPointInput, required: true, description: hallFieldDescriptions.location }),
    floorAreaM2: t.float({ required: true, description: hallFieldDescriptions.floorAreaM2 }),
    services: t.field({
      type: [ServiceKindEnum],
      required: true,
      description: hallFieldDescriptions.services,
    }),
    openingHours: t.field({
      type: OpeningHoursInput,
      required: true,
      description: hallFieldDescriptions.openingHours,
    }),
    status: t.field({ type: HallStatusEnum, description: hallFieldDescriptions.status }),
    phone: t.string({ description: hallFieldDescriptions.phone }),
    accessibility: t.field({ type: [AccessibilityEnum], description: hallFieldDescriptions.accessibility }),
    roster: t.boolean({ description: hallFieldDescriptions.roster }),
  }),
});

const UpdateHallInput = builder.inputType('UpdateHallInput', {
  description: 'Changes to a hall: only the fields given change; the result must pass every rule.',
  fields: (t) => ({
    hall: t.field({ type: HallIdentifierInput, required: true, description: 'The hall to change.' }),
    expectedVersion: t.int({
      required: true,
      description: 'The version you edited; CONFLICT (with the current version) when it moved on.',
    }),
    code: t.string({ description: `A new code. ${hallFieldDescriptions.code}` }),
    name: t.string({ description: hallFieldDescriptions.name }),
    tier: t.field({ type: HallTierEnum, description: hallFieldDescriptions.tier }),
    operation: t.field({ type: HallOperationEnum, description: hallFieldDescriptions.operation }),
    partner: t.string({ description: hallFieldDescriptions.partner }),
    area: t.field({ type: HallAreaEnum, description: hallFieldDescriptions.area }),
    regionCode: t.string({ description: hallFieldDescriptions.regionCode }),
    address: t.string({ description: hallFieldDescriptions.address }),
    location: t.field({ type: GeoPointInput, description: hallFieldDescriptions.location }),
    floorAreaM2: t.float({ description: hallFieldDescriptions.floorAreaM2 }),
    services: t.field({ type: [ServiceKindEnum], description: hallFieldDescriptions.services }),
    openingHours: t.field({ type: OpeningHoursInput, description: hallFieldDescriptions.openingHours }),
    status: t.field({ type: HallStatusEnum, description: 'Open, temporarily closed or closed.' }),
    phone: t.string({ description: hallFieldDescriptions.phone }),
    accessibility: t.field({ type: [AccessibilityEnum], description: hallFieldDescriptions.accessibility }),
    roster: t.boolean({ description: hallFieldDescriptions.roster }),
  }),
});

const SetHallStatusInput = builder.inputType('SetHallStatusInput', {
  description: 'A hall and its new status.',
  fields: (t) => ({
    hall: t.field({ type: HallIdentifierInput, required: true, description: 'The hall.' }),
    status: t.field({ type: HallStatusEnum, required: true, description: 'The new status.' }),
    expectedVersion: t.int({ description: 'When given, refused with CONFLICT if stale.' }),
  }),
});

const ImportHallsInput = builder.inputType('ImportHallsInput', {
  description: 'A file of halls to create or update by code.',
  fields: (t) => ({
    format: t.field({ type: ImportFormatEnum, required: true, description: 'CSV or JSON.' }),
    data: t.string({ required: true, description: 'The file contents.' }),
    dryRun: t.boolean({ defaultValue: false, description: 'Validate and report only; write nothing.' }),
    skipInvalid: t.boolean({
      defaultValue: false,
      description: 'Write the valid rows even when some are invalid.',
    }),
  }),
});

function hallPayload(name: string, description: string) {
  return builder.objectRef<{ hall: HallDoc }>(name).implement({
    description,
    fields: (t) => ({
      hall: t.field({
        type: HallRef,
        description: 'The hall as it is now.',
        resolve: (payload) => payload.hall,
      }),
    }),
  });
}
const CreateHallPayload = hallPayload('CreateHallPayload', 'The new hall.');
const UpdateHallPayload = hallPayload('UpdateHallPayload', 'The changed hall.');
const SetHallStatusPayload = hallPayload('SetHallStatusPayload', 'The hall with its new status.');

const FieldErrorRef = builder.objectRef<{ path: string; message: string }>('ImportFieldError').implement({
  description: 'One invalid field of an import row.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'The field, e.g. rows[3].tier.' }),
    message: t.string({
      description: "What is wrong, in the caller's language (Accept-Language).",
      resolve: (problem, _args, context) => reasonIn(problem.message, context.language),
    }),
  }),
});
const ImportRowRef = builder.objectRef<ImportRowReport>('ImportRow').implement({
  description: 'What the import did (or would do) with one record.',
  fields: (t) => ({
    row: t.exposeInt('row', { description: '0-based index of the record; errors name rows[row].field.' }),
    line: t.exposeInt('line', { nullable: true, description: 'The CSV line the record starts on.' }),
    code: t.exposeString('code', { nullable: true, description: 'The hall code, when readable.' }),
    action: t.field({ type: ImportActionEnum, description: 'What happened.', resolve: (row) => row.action }),
    errors: t.field({
      type: [FieldErrorRef],
      description: 'Why it is INVALID.',
      resolve: (row) => row.errors,
    }),
  }),
});
const ImportHallsPayload = builder.objectRef<ImportReport>('ImportHallsPayload').implement({
  description: 'The import report, per row.',
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun', { description: 'It was a dry run.' }),
    applied: t.exposeBoolean('applied', { description: 'Whether the valid rows were written.' }),
    created: t.exposeInt('created', { description: 'Rows that create a hall.' }),
    updated: t.exposeInt('updated', { description: 'Rows that change a hall.' }),
    unchanged: t.exposeInt('unchanged', { description: 'Rows already as stored.' }),
    invalid: t.exposeInt('invalid', { description: 'Rows refused.' }),
    rows: t.field({ type: [ImportRowRef], description: 'Every row, in file order.', resolve: (r) => r.rows }),
  }),
});

builder.mutationFields((t) => ({
  createHall: t.field({
    type: CreateHallPayload,
    nullable: true,
    description: 'Creates a hall (admins). CONFLICT when the code is taken.',
    args: { input: t.arg({ type: CreateHallInput, required: true, description: 'The hall.' }) },
    resolve: (_root, args, context) =>
      underInput(async () => ({
        hall: await context.services.hallAdmin.createHall(context.principal, given(args.input)),
      })),
  }),
  updateHall: t.field({
    type: UpdateHallPayload,
    nullable: true,
    description: 'Changes a hall named by id or code (admins); CONFLICT when expectedVersion is stale.',
    args: { input: t.arg({ type: UpdateHallInput, required: true, description: 'The hall and changes.' }) },
    resolve: (_root, args, context) =>
      underInput(async () => {
        const { hall, expectedVersion, ...patch } = args.input;
        return {
          hall: await context.services.hallAdmin.updateHall(
            context.principal,
            hallKey(hall, 'input.hall'),
            expectedVersion,
            given(patch),
          ),
        };
      }),
  }),
  setHallStatus: t.field({
    type: SetHallStatusPayload,
    nullable: true,
    description: 'Opens, temporarily closes or closes a hall (admins).',
    args: { input: t.arg({ type: SetHallStatusInput, required: true, description: 'The hall and status.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        hall: await context.services.hallAdmin.setHallStatus(
          context.principal,
          hallKey(input.hall, 'input.hall'),
          input.status,
          input.expectedVersion,
        ),
      })),
  }),
  importHalls: t.field({
    type: ImportHallsPayload,
    nullable: true,
    description:
      'Validates every row and reports per row; writes nothing on dryRun or when a row is invalid, unless skipInvalid (admins).',
    args: { input: t.arg({ type: ImportHallsInput, required: true, description: 'The file.' }) },
    resolve: (_root, { input }, context) =>
      underInput(() =>
        context.services.hallImporter.importHalls(context.principal, {
          format: input.format,
          data: input.data,
          dryRun: input.dryRun ?? false,
          skipInvalid: input.skipInvalid ?? false,
        }),
      ),
  }),
}));
