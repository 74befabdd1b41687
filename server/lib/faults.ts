/** FAULTS fault injection: a seeded die decides, per request, whether to answer with a fault. */
import type { FaultShares } from '../config.ts';
import { mulberry32 } from './random.ts';

export type FaultKind = '429' | '500' | 'timeout' | 'malformed';

export class FaultInjector {
  readonly #shares: FaultShares | undefined;
  readonly #random: () => number;

  constructor(shares: FaultShares | undefined, seed: number) {
    this.#shares = shares;
    this.#random = mulberry32(seed);
  }

  get enabled(): boolean {
    return this.#shares !== undefined;
  }

  /** The fault for the next request, or null. Deterministic for a given FAULT_SEED and order. */
  next(): FaultKind | null {
    const shares = this.#shares;
    if (!shares) return null;
    let r = this.#random();
    if ((r -= shares.rate429) < 0) return '429';
    if ((r -= shares.error500) < 0) return '500';
    if ((r -= shares.timeout) < 0) return 'timeout';
    if ((r -= shares.malformed) < 0) return 'malformed';
    return null;
  }
}
