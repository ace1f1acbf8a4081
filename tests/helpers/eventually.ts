/**
 * Retries an assertion until it passes or the time is up (for what converges in the background,
 * like the search index). Rethrows the last failure.
 */
export async function eventually<T>(
  assertion: () => Promise<T>,
  timeoutMs = 90_000,
  intervalMs = 300,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
