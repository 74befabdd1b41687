/** What every route module shares: the Hono env, the dependencies, and request-body parsing. */
import type { CountCache } from '../services/count-cache.ts';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { ServerConfig } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { PkiClient } from '../auth/keys.ts';
import type { AccountKind, TokenService } from '../auth/tokens.ts';
import type { UserDirectory } from '../auth/users.ts';
import type { Exposure } from '../lib/exposure.ts';
import { ApiFailure, describeIssues } from '../lib/errors.ts';
import type { FaultInjector } from '../lib/faults.ts';
import type { IntervalLimiter } from '../lib/rate-limit.ts';
import type { AccountRateLimiter } from '../services/rate-limits.ts';
import type { RequestLog } from '../lib/request-log.ts';

export interface AppEnv {
  Variables: {
    account: string;
    accountKind: AccountKind;
    tokenId: string;
    inputs: number;
    fault: string;
    errorId: string;
  };
}

export interface Deps {
  config: ServerConfig;
  db: Db;
  tokens: TokenService;
  /** Password logins: the demo user and USERS_FILE. */
  users: UserDirectory;
  pkiClients: PkiClient[];
  /** Per account, shared by every process on the database. */
  limiter: AccountRateLimiter;
  authLimiter: IntervalLimiter;
  faults: FaultInjector;
  log: RequestLog;
  /** Search totals, remembered per filter set (services/count-cache.ts). */
  counts: CountCache;
  /** Aborted when the server closes, so hanging faults let go. */
  closing: AbortSignal;
  /** What may be offered where the server listens (lib/exposure.ts). */
  exposure: Exposure;
}

/** The JSON body, parsed; 400 for malformed JSON. An empty body is `undefined`. */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiFailure('invalid_input', 'The request body is not valid JSON.');
  }
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiFailure('invalid_input', describeIssues(parsed.error));
  return parsed.data;
}

/** The bearer credential of the request, or null. */
export function bearer(c: Context<AppEnv>): string | null {
  const header = c.req.header('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
