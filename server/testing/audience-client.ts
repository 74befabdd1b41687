/** A server in a child process (`node server/main.ts`) and a small client of its Audiences API: reliability tests and bench:audiences. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve(import.meta.dirname, '../main.ts');
const JSON_API = 'application/vnd.api+json';

export interface ChildServer {
  child: ChildProcess;
  url: string;
}

export function startChild(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /on (http:\/\/\S+) \(ready/.exec(out)?.[1];
      if (url && /contacts/.test(out)) {
        child.stdout?.off('data', onData);
        child.removeAllListeners('exit');
        resolve({ child, url });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

/** SIGTERM (a clean stop) or SIGKILL (a crash); resolves once the process is gone. */
export function stopChild(server: ChildServer, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  const { child } = server;
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
}

export class GtmClient {
  private readonly base: string;
  private token = '';

  constructor(url: string) {
    this.base = url;
  }

  async login(clientId = 'demo-client', secret = 'demo-secret'): Promise<void> {
    const res = await fetch(`${this.base}/gtm/oauth/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
    });
    if (!res.ok) throw new Error(`token: HTTP ${res.status}`);
    this.token = ((await res.json()) as { access_token: string }).access_token;
  }

  /** Another server of the same database: tokens live in the database, so this one's token works there. */
  at(url: string): GtmClient {
    const other = new GtmClient(url);
    other.token = this.token;
    return other;
  }

  async call<T>(method: string, pathAndQuery: string, body?: unknown): Promise<Reply<T>> {
    const res = await fetch(`${this.base}/gtm/studio/v1${pathAndQuery}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, Accept: JSON_API, ...(body !== undefined ? { 'Content-Type': JSON_API } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** Creates a CONTACT audience with an Email column (+ extra columns) and its match column; returns the ids. */
  async emailAudience(name: string, extra: object[] = []): Promise<{ id: string; email: string; match: string }> {
    const created = await this.call<{ data: { id: string; attributes: { columns: { id: string }[] } } }>('POST', '/audiences?autoMatchCriteria=true', {
      data: { type: 'Audience', attributes: { name, type: 'CONTACT', columns: [{ type: 'Column', attributes: { columnType: 'CUSTOM', name: 'Email', dataType: 'EMAIL' } }] } },
    });
    const id = created.body.data.id;
    const email = created.body.data.attributes.columns[0]?.id ?? '';
    const match = await this.call<{ data: { id: string } }>('POST', `/audiences/${id}/actions/match-criteria`);
    if (extra.length > 0) await this.call('POST', `/audiences/${id}/columns/actions/bulk/create`, { data: extra });
    return { id, email, match: match.body.data.id };
  }

  async upsertEmails(audienceId: string, emailColumn: string, emails: string[]): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < emails.length; i += 500) {
      const started = performance.now();
      const r = await this.call('POST', `/audiences/${audienceId}/rows/actions/bulk/upsert`, {
        data: emails.slice(i, i + 500).map((e) => ({ type: 'Row', attributes: { values: [{ columnId: emailColumn, value: e }] } })),
      });
      times.push(performance.now() - started);
      if (r.status !== 200) throw new Error(`bulk upsert: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    }
    return times;
  }

  async enrich(audienceId: string): Promise<string> {
    const r = await this.call<{ data: { id: string } }>('POST', `/audiences/${audienceId}/actions/enrich`, { data: { type: 'AudienceEnrichment', attributes: { scope: 'AUDIENCE' } } });
    if (r.status !== 202) throw new Error(`enrich: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.data.id;
  }

  async job(audienceId: string, jobId: string): Promise<{ status: string; percentProgress: number }> {
    const r = await this.call<{ data: { attributes: { status: string; percentProgress: number } } }>('GET', `/audiences/${audienceId}/jobs/${jobId}`);
    return r.body.data.attributes;
  }

  async waitForJob(audienceId: string, jobId: string, timeoutMs = 120000, everyMs = 100): Promise<{ status: string; percentProgress: number }> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const s = await this.job(audienceId, jobId);
      if (s.status !== 'SCHEDULED' && s.status !== 'RUNNING') return s;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    throw new Error(`job ${jobId} did not end within ${timeoutMs} ms`);
  }
}
