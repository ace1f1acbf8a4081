/** GraphQL enum values for a list of ALL_CAPS strings: each value is its own name. */
export function enumValues<T extends string>(values: readonly T[]): Record<T, { value: T }> {
  return Object.fromEntries(values.map((value) => [value, { value }])) as Record<T, { value: T }>;
}
