import type { DomainEvents } from '../../events.js';
import type { Logger } from '../../logger.js';
import type { SearchLogRepository } from './search-log.repository.js';

type Entry = DomainEvents['SearchPerformed'];

/** When buffered entries are written: after this long, or at once when this many wait. */
const FLUSH_AFTER_MS = 500;
const FLUSH_AT = 200;
/** Most entries kept while MongoDB refuses them; beyond this the oldest are dropped (and counted). */
const MAX_BUFFERED = 10_000;

/**
 * Writes the search log in batches: a search only appends to a buffer, and one `insertMany` writes
 * what gathered (at most `FLUSH_AFTER_MS` later), so no search pays a MongoDB command for its log
 * entry. Readers of the log in this process call `flush` first (so they see every search answered
 * before), and the app flushes on close. A failed write keeps the entries for the next attempt, up to
 * `MAX_BUFFERED`; the log is an analytics record, so beyond that the oldest go, with a warning.
 */
export class SearchLogWriter {
  private buffer: Entry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dropped = 0;

  constructor(
    private readonly repo: SearchLogRepository,
    private readonly logger: Logger,
  ) {}

  /** Queues one entry (never throws, never waits). */
  record(entry: Entry): void {
    this.buffer.push(entry);
    if (this.buffer.length > MAX_BUFFERED) {
      this.buffer.splice(0, this.buffer.length - MAX_BUFFERED);
      this.dropped += 1;
    }
    if (this.buffer.length >= FLUSH_AT) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS).unref();
  }

  /** Writes everything recorded so far; resolves when it is stored (or the attempt failed and was logged). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    // Writes go one after another, so a flush resolves only after every earlier entry was attempted.
    this.writing = this.writing.then(() => (batch.length > 0 ? this.write(batch) : undefined));
    return this.writing;
  }

  private async write(batch: Entry[]): Promise<void> {
    try {
      await this.repo.insertSearches(batch);
    } catch (error) {
      this.logger.warn(
        { err: error, entries: batch.length },
        'search log not written: kept for the next attempt',
      );
      this.buffer = [...batch, ...this.buffer].slice(-MAX_BUFFERED);
      this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS * 4).unref();
    }
    if (this.dropped > 0) {
      this.logger.warn(
        { dropped: this.dropped },
        'search log entries dropped: MongoDB refused writes for too long',
      );
      this.dropped = 0;
    }
  }
}
