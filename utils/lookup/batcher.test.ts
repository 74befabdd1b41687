import { describe, expect, it, vi } from 'vitest';
import { Batcher } from './batcher.ts';

function recordingBatcher(windowMs = 10) {
  const calls: string[][] = [];
  const batcher = new Batcher<string, string>({
    keyOf: (s) => s.toLowerCase(),
    windowMs,
    run: async (inputs) => {
      calls.push(inputs);
      await Promise.resolve();
      return inputs.map((i) => `result:${i.toLowerCase()}`);
    },
  });
  return { calls, batcher };
}

describe('Batcher', () => {
  it('coalesces lookups that arrive within the window into calls of at most 25', async () => {
    vi.useFakeTimers();
    const { calls, batcher } = recordingBatcher();
    const results = Promise.all(Array.from({ length: 60 }, (_, i) => batcher.submit(`u${i}@a.io`)));
    await vi.advanceTimersByTimeAsync(10);
    expect(await results).toHaveLength(60);
    expect(calls.map((c) => c.length)).toEqual([25, 25, 10]);
    vi.useRealTimers();
  });

  it('shares one request between identical lookups and fans the result out', async () => {
    vi.useFakeTimers();
    const { calls, batcher } = recordingBatcher();
    const [a, b, c] = [batcher.submit('Dana@northwind.io'), batcher.submit('dana@northwind.io'), batcher.submit('x@y.io')];
    await vi.advanceTimersByTimeAsync(10);
    expect(await a).toBe('result:dana@northwind.io');
    expect(await b).toBe('result:dana@northwind.io');
    expect(await c).toBe('result:x@y.io');
    expect(calls).toEqual([['Dana@northwind.io', 'x@y.io']]);
    vi.useRealTimers();
  });

  it('does not send a second request for a key already in flight', async () => {
    let release: () => void = () => undefined;
    const calls: string[][] = [];
    const batcher = new Batcher<string, string>({
      keyOf: (s) => s,
      windowMs: 0,
      run: async (inputs) => {
        calls.push(inputs);
        await new Promise<void>((r) => (release = r));
        return inputs;
      },
    });
    const first = batcher.submit('a');
    await new Promise((r) => setTimeout(r, 5));
    const second = batcher.submit('a');
    release();
    expect(await Promise.all([first, second])).toEqual(['a', 'a']);
    expect(calls).toEqual([['a']]);
    expect(batcher.pending).toBe(0);
  });

  it('rejects every requester of a failed batch, and a later lookup tries again', async () => {
    let fail = true;
    const batcher = new Batcher<string, string>({
      keyOf: (s) => s,
      windowMs: 0,
      run: (inputs) => (fail ? Promise.reject(new Error('boom')) : Promise.resolve(inputs)),
    });
    await expect(Promise.all([batcher.submit('a'), batcher.submit('b')])).rejects.toThrow('boom');
    fail = false;
    expect(await batcher.submit('a')).toBe('a');
  });
});
