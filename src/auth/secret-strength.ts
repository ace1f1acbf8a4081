/**
 * Refuses signing secrets an attacker could guess: too short, too few distinct characters, a short
 * pattern repeated, too little entropy as estimated from the character frequencies, or a value
 * published in this repository (docker-compose defaults, documentation examples).
 */

/** Values that appear in this repository or its documentation and must never sign tokens. */
const PUBLISHED_VALUES: readonly string[] = [
  'change-me-please-0123456789abcdef',
  'test-secret-that-is-long-enough-0123456789',
];

const MIN_LENGTH = 32;
const MIN_DISTINCT_CHARACTERS = 10;
/** Shannon estimate over the characters' frequencies; 32 random base64 characters give about 150. */
const MIN_ESTIMATED_BITS = 100;

/** Bits of entropy estimated from the character frequencies (an upper bound for patterned text). */
export function estimatedEntropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  const length = [...value].length;
  let perCharacter = 0;
  for (const count of counts.values()) {
    const p = count / length;
    perCharacter -= p * Math.log2(p);
  }
  return perCharacter * length;
}

/** True when `value` is a shorter string repeated, possibly cut short (e.g. "secretsecretsecr"). */
function isRepetition(value: string): boolean {
  for (let period = 1; period <= value.length / 2; period += 1) {
    let periodic = true;
    for (let index = period; index < value.length && periodic; index += 1) {
      periodic = value[index] === value[index - period];
    }
    if (periodic) return true;
  }
  return false;
}

/**
 * Why `secret` is too weak to sign tokens, or undefined when it is acceptable.
 * @param options.allowPublished accept the repository's published test value (tests only).
 */
export function weakSecretReason(
  secret: string,
  options: { allowPublished?: boolean } = {},
): string | undefined {
  if (secret.length < MIN_LENGTH) return `must be at least ${MIN_LENGTH} characters long`;
  if (!options.allowPublished && PUBLISHED_VALUES.includes(secret)) {
    return 'is a value published in this repository (a default or an example); generate one with `openssl rand -base64 48`';
  }
  if (new Set(secret).size < MIN_DISTINCT_CHARACTERS) {
    return `has fewer than ${MIN_DISTINCT_CHARACTERS} distinct characters; generate one with \`openssl rand -base64 48\``;
  }
  if (isRepetition(secret)) return 'is a short pattern repeated; generate one with `openssl rand -base64 48`';
  if (estimatedEntropyBits(secret) < MIN_ESTIMATED_BITS) {
    return 'has too little entropy; generate one with `openssl rand -base64 48`';
  }
  return undefined;
}
