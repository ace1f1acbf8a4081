/** Types of congodb-accel.mjs (for the tests). */
export function accelerate(entryUrl: string, storage: unknown): Promise<void>;
