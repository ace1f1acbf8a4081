import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { EventBus } from '../../src/events.js';
import { createLogger } from '../../src/logger.js';

/** A real pino logger writing its JSON lines into an array. */
function recordingLogger(): {
  lines: Array<Record<string, unknown>>;
  logger: ReturnType<typeof createLogger>;
} {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('info', destination) };
}

describe('EventBus', () => {
  it('delivers each event to the subscribers of its name, in subscription order', () => {
    const bus = new EventBus(recordingLogger().logger);
    const seen: string[] = [];
    bus.subscribe('ArticleChanged', (event) => void seen.push(`a1:${event.id}@${event.version}`));
    bus.subscribe('ArticleChanged', (event) => void seen.push(`a2:${event.action}`));
    bus.subscribe('HallChanged', (event) => void seen.push(`h:${event.codes.join(',')}`));
    bus.publish('ArticleChanged', { id: 'x', version: 2, action: 'publish' });
    bus.publish('HallChanged', { codes: ['HB001', 'HB002'] });
    bus.publish('SynonymsChanged', { id: 's' });
    expect(seen).toEqual(['a1:x@2', 'a2:publish', 'h:HB001,HB002']);
  });

  it('stops delivering after unsubscribe', () => {
    const bus = new EventBus(recordingLogger().logger);
    let count = 0;
    const stop = bus.subscribe('SynonymsChanged', () => void (count += 1));
    bus.publish('SynonymsChanged', { id: 's' });
    stop();
    bus.publish('SynonymsChanged', { id: 's' });
    expect(count).toBe(1);
    expect(bus.subscriberCount('SynonymsChanged')).toBe(0);
  });

  it('logs a failing subscriber (thrown or rejected) and still reaches the others, never the publisher', async () => {
    const { lines, logger } = recordingLogger();
    const bus = new EventBus(logger);
    const reached: string[] = [];
    bus.subscribe('HallChanged', () => {
      throw new Error('sync boom');
    });
    bus.subscribe('HallChanged', async () => {
      await Promise.resolve();
      throw new Error('async boom');
    });
    bus.subscribe('HallChanged', () => void reached.push('third'));
    expect(() => bus.publish('HallChanged', { codes: ['HB001'] })).not.toThrow();
    await bus.settled();
    expect(reached).toEqual(['third']);
    const failures = lines.filter((line) => line['msg'] === 'an event subscriber failed');
    expect(failures.map((line) => (line['err'] as { message: string }).message).sort()).toEqual([
      'async boom',
      'sync boom',
    ]);
    expect(failures.every((line) => line['event'] === 'HallChanged')).toBe(true);
  });

  it('settles once every async subscriber has finished', async () => {
    const bus = new EventBus(recordingLogger().logger);
    let done = false;
    bus.subscribe('SearchPerformed', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done = true;
    });
    bus.publish('SearchPerformed', {
      query: 'q',
      normalised: 'q',
      role: 'public',
      channel: null,
      hits: 0,
      latencyMs: 1,
      degraded: false,
      at: new Date(),
    });
    expect(done).toBe(false);
    await bus.settled();
    expect(done).toBe(true);
  });
});
