/**
 * App-Z's own request log, for tests that must prove where a connector put its credential.
 * It records the placement (query, header, body, bearer) and never the credential itself; the path
 * excludes the query string, where an API key may travel.
 */

export type CredentialPlacement = 'query' | 'header' | 'body' | 'bearer';

export interface AppZLogEntry {
  method: string;
  path: string;
  status: number;
  credential: CredentialPlacement | null;
  at: string;
}

export class AppZRequestLog {
  private readonly limit: number;
  readonly entries: AppZLogEntry[] = [];

  constructor(limit = 10_000) {
    this.limit = limit;
  }

  add(entry: AppZLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
