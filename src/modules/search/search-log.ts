import { ObjectId } from 'mongodb';
import type { EventBus } from '../../events.js';
import type { SearchRepository } from './search.repository.js';

/**
 * Keeps the search log: every `SearchPerformed` event becomes one entry (read by `searchInsights`).
 * A failed write is logged by the bus and never fails the search. Returns the unsubscribe function.
 */
export function subscribeSearchLog(events: EventBus, repo: SearchRepository): () => void {
  return events.subscribe('SearchPerformed', async (event) => {
    await repo.log.insertOne({ _id: new ObjectId(), ...event });
  });
}
