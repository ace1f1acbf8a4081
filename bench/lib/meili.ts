/** Raw Meilisearch calls for the baselines (node:http keep-alive, through the lab's tap). */
import { setTimeout as delay } from 'node:timers/promises';
import { request } from './http.js';
import type { Lab } from './lab.js';

export async function meili<T>(lab: Lab, method: string, path: string, body?: unknown): Promise<T> {
  const reply = await request(`${lab.meili.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${lab.meiliKey}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (reply.status >= 400)
    throw new Error(
      `Meilisearch ${method} ${path}: HTTP ${reply.status} ${reply.body.toString().slice(0, 300)}`,
    );
  return (reply.body.length ? JSON.parse(reply.body.toString()) : {}) as T;
}

interface Task {
  taskUid?: number;
  uid?: number;
  status: string;
  error?: unknown;
}

/** Waits for a task (polling every 20 ms); throws when it failed. */
export async function waitTask(lab: Lab, enqueued: Task, timeoutMs = 3_600_000): Promise<void> {
  const uid = enqueued.taskUid ?? enqueued.uid;
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const task = await meili<Task>(lab, 'GET', `/tasks/${uid}`);
    if (task.status === 'succeeded') return;
    if (task.status === 'failed' || task.status === 'canceled')
      throw new Error(`task ${uid}: ${JSON.stringify(task.error)}`);
    await delay(20);
  }
  throw new Error(`task ${uid} did not finish within ${timeoutMs} ms`);
}

/**
 * Meilisearch alone: a fresh index `uid` with `settings`, then `documents` pushed in batches without
 * waiting in between (the engine batches them), until the last task is done. Returns the wall time (ms).
 */
export async function indexAlone(
  lab: Lab,
  uid: string,
  settings: unknown,
  documents: unknown[],
  batch = 500,
): Promise<number> {
  await meili(lab, 'DELETE', `/indexes/${uid}`)
    .then((task) => waitTask(lab, task as Task))
    .catch(() => undefined);
  const started = performance.now();
  await waitTask(lab, await meili<Task>(lab, 'POST', '/indexes', { uid, primaryKey: 'id' }));
  await waitTask(lab, await meili<Task>(lab, 'PATCH', `/indexes/${uid}/settings`, settings));
  let last: Task | undefined;
  for (let start = 0; start < documents.length; start += batch) {
    last = await meili<Task>(lab, 'POST', `/indexes/${uid}/documents`, documents.slice(start, start + batch));
  }
  if (last) await waitTask(lab, last);
  return performance.now() - started;
}

/**
 * Meilisearch alone adding `documents` to the existing index `uid`, in batches sent without waiting
 * in between, until the last task is done. Returns the wall time (ms).
 */
export async function addAlone(lab: Lab, uid: string, documents: unknown[], batch = 500): Promise<number> {
  const started = performance.now();
  let last: Task | undefined;
  for (let start = 0; start < documents.length; start += batch) {
    last = await meili<Task>(lab, 'POST', `/indexes/${uid}/documents`, documents.slice(start, start + batch));
  }
  if (last) await waitTask(lab, last);
  return performance.now() - started;
}

/** An index's settings as stored (synonyms included), minus what cannot be sent back. */
export async function settingsOf(lab: Lab, uid: string): Promise<Record<string, unknown>> {
  const settings = await meili<Record<string, unknown>>(lab, 'GET', `/indexes/${uid}/settings`);
  for (const key of ['embedders', 'chat', 'vectorStore']) {
    if (
      settings[key] === null ||
      (typeof settings[key] === 'object' && Object.keys(settings[key]).length === 0)
    )
      delete settings[key];
  }
  return settings;
}
