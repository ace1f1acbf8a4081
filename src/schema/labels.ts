/**
 * Localisation conventions of the schema, in one place:
 * - `Locale` and the `locale: Locale = ZH_CN` argument every localised name takes;
 * - enums that users see carry a display label per locale: each value's description shows both
 *   labels, and `enumLabels(enum:, locale:)` serves them to portals, so none keeps its own table.
 */
import { badField } from '../errors.js';
import { builder } from './builder.js';

export type LocaleCode = 'zh-CN' | 'en';

export const LocaleEnum = builder.enumType('Locale', {
  description: 'A content and display language.',
  values: {
    ZH_CN: { value: 'zh-CN' as const, description: 'Simplified Chinese (简体中文), the default.' },
    EN: { value: 'en' as const, description: 'English.' },
  },
});

/** A display label in each locale. */
export type Label = Readonly<Record<LocaleCode, string>>;

/** The `locale` argument every localised field takes. */
export const localeArg = () =>
  ({
    type: LocaleEnum,
    defaultValue: 'zh-CN',
    description: 'The language to show (default ZH_CN).',
  }) as const;

const registry = new Map<string, ReadonlyMap<string, Label>>();

/**
 * A GraphQL enum whose values carry display labels: each value's description is
 * "English (中文)" plus an optional note, and `enumLabels` serves the labels.
 */
export function labelledEnum<const T extends string, V extends string = T>(
  name: string,
  options: {
    description: string;
    labels: Readonly<Record<T, Label>>;
    notes?: Partial<Record<T, string>>;
    /** The internal value of each GraphQL value, when it is not the name itself. */
    internal?: Readonly<Record<T, V>>;
  },
) {
  const entries = Object.entries(options.labels) as Array<[T, Label]>;
  registry.set(name, new Map(entries));
  const values = Object.fromEntries(
    entries.map(([value, label]) => {
      const note = options.notes?.[value];
      const internal = options.internal ? options.internal[value] : value;
      return [
        value,
        { value: internal, description: `${label.en} (${label['zh-CN']})${note ? `. ${note}` : '.'}` },
      ];
    }),
  ) as Record<T, { value: V; description: string }>;
  return builder.enumType(name, {
    description: `${options.description} Display labels: \`enumLabels(enum: "${name}")\`.`,
    values,
  });
}

interface EnumLabelShape {
  enum: string;
  value: string;
  label: string;
}

const EnumLabelRef = builder.objectRef<EnumLabelShape>('EnumLabel').implement({
  description: 'The display label of one enum value in one locale.',
  fields: (t) => ({
    enum: t.exposeString('enum', { description: 'The enum type, e.g. ServiceKind.' }),
    value: t.exposeString('value', { description: 'The enum value, e.g. BILL_QUERY.' }),
    label: t.exposeString('label', { description: 'What to show users, e.g. 话费查询.' }),
  }),
});

builder.queryField('enumLabels', (t) =>
  t.field({
    type: [EnumLabelRef],
    description:
      'Display labels of the enums users see (ServiceKind, ChannelType, FlagReason, UseChannel, ...), in schema order. Without `enum`, every labelled enum.',
    args: {
      enum: t.arg.string({ required: false, description: 'One enum type name, e.g. ServiceKind.' }),
      locale: t.arg(localeArg()),
    },
    resolve: (_root, args) => {
      const locale = args.locale ?? 'zh-CN';
      if (args.enum && !registry.has(args.enum)) {
        throw badField('enum', `not a labelled enum; one of ${[...registry.keys()].sort().join(', ')}`);
      }
      const names = args.enum ? [args.enum] : [...registry.keys()].sort();
      return names.flatMap((name) =>
        [...(registry.get(name) ?? new Map<string, Label>())].map(([value, label]) => ({
          enum: name,
          value,
          label: label[locale],
        })),
      );
    },
  }),
);
