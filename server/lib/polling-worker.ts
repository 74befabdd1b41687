import { randomUUID } from 'node:crypto';

/**
 * A server process's worker for work kept in the database (audience enrichment, bulk jobs,
 * webhook deliveries): it asks every `pollMs`, or at once on `wake()` (this process just created
 * work). One drain runs at a time; a wake during a drain runs another right after, so new work
 * never waits for the next poll. `id` is the lease owner its rows are claimed under.
 */
export abstract class PollingWorker {
  readonly id = randomUUID();
  protected readonly stopping = new AbortController();
  private readonly label: string;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  protected constructor(label: string, pollMs: number) {
    this.label = label;
    this.pollMs = pollMs;
  }

  start(pollMs = this.pollMs): void {
    const tick = () => {
      if (this.stopping.signal.aborted) return;
      this.wake();
      this.timer = setTimeout(tick, pollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => {
        if (!this.stopping.signal.aborted) console.error(`${this.label}: ${error instanceof Error ? error.message : 'unknown error'}`);
      })
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopping.signal.aborted) {
          this.again = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.timer);
    await this.running;
  }

  /** Works until nothing is left to lease, looking at `stopping` between steps. */
  protected abstract drain(): Promise<void>;
}
