/** A webhook receiver for the tests: a local HTTP server that records every POST and answers as told. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Statuses to answer next, in order; 200 once they run out (or `always` when set). */
  readonly next: number[] = [];
  always: number | undefined;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        res.statusCode = this.next.shift() ?? this.always ?? 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  /** Received events (the validation handshake left out). */
  events(): (Received & { json: unknown })[] {
    return this.received.map((r) => ({ ...r, json: JSON.parse(r.body) as unknown })).filter((r) => (r.json as { webhookDetails?: { eventType?: string } }).webhookDetails?.eventType !== 'Validation');
  }

  async waitFor(count: number, timeoutMs = 15_000): Promise<(Received & { json: unknown })[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events().length < count) {
      if (Date.now() > deadline) throw new Error(`the receiver got ${this.events().length} event(s), expected ${count}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.events();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
