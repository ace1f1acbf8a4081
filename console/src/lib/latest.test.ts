import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce, latestOnly } from './latest';

describe('results as you type', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends only what was typed last once typing pauses', () => {
    const sent: string[] = [];
    const send = debounce((query: string) => sent.push(query), 200);
    send('宽');
    vi.advanceTimersByTime(100);
    send('宽带');
    vi.advanceTimersByTime(100);
    send('宽带691');
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(sent).toEqual(['宽带691']);
  });

  it('drops a pending search when cancelled', () => {
    const sent: string[] = [];
    const send = debounce((query: string) => sent.push(query), 200);
    send('691');
    send.cancel();
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([]);
  });

  it('marks a slow answer to an older query as stale when it arrives after the newer one', async () => {
    vi.useRealTimers();
    const run = latestOnly();
    let answerOld!: (value: string) => void;
    const old = run(() => new Promise<string>((resolve) => (answerOld = resolve)));
    const newer = run(() => Promise.resolve('691 的结果'));
    expect(await newer).toEqual({ stale: false, value: '691 的结果' });
    answerOld('69 的结果');
    expect(await old).toEqual({ stale: true });
  });
});
