/**
 * Coalesces lookups that arrive within a short window into calls of up to `maxBatch` inputs, and
 * lets identical in-flight lookups share one request; each result fans out to every requester.
 * Batches run concurrently: the rate limiter, not the batcher, paces them.
 */

export interface BatcherOptions<I, O> {
  /** Runs one batch; must answer in input order, one output per input. */
  run: (inputs: I[]) => Promise<O[]>;
  keyOf: (input: I) => string;
  maxBatch?: number;
  windowMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

interface Waiting<I, O> {
  key: string;
  input: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export class Batcher<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private readonly inFlight = new Map<string, Promise<O>>();
  private timerArmed = false;
  private readonly options: BatcherOptions<I, O>;
  private readonly maxBatch: number;

  constructor(options: BatcherOptions<I, O>) {
    this.options = options;
    this.maxBatch = options.maxBatch ?? 25;
  }

  /** Number of lookups queued or running. */
  get pending(): number {
    return this.inFlight.size;
  }

  submit(input: I): Promise<O> {
    const key = this.options.keyOf(input);
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const promise = new Promise<O>((resolve, reject) => {
      this.queue.push({ key, input, resolve, reject });
    }).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    if (this.queue.length >= this.maxBatch) this.flush();
    else this.arm();
    return promise;
  }

  /** Sends everything queued now, in batches of at most maxBatch. */
  flush(): void {
    while (this.queue.length > 0) void this.runBatch(this.queue.splice(0, this.maxBatch));
  }

  private arm(): void {
    if (this.timerArmed) return;
    this.timerArmed = true;
    const setTimer = this.options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    setTimer(() => {
      this.timerArmed = false;
      this.flush();
    }, this.options.windowMs ?? 20);
  }

  private async runBatch(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const outputs = await this.options.run(batch.map((w) => w.input));
      if (outputs.length !== batch.length) throw new Error(`batch answered ${outputs.length} of ${batch.length}`);
      batch.forEach((w, i) => w.resolve(outputs[i] as O));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
