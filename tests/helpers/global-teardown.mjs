/** Stops whatever the global setup started. */
export default async function globalTeardown() {
  await globalThis.__CKB_INFRA__?.stop();
  globalThis.__CKB_INFRA__ = undefined;
}
