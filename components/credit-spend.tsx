import { useState } from 'react';
import { localDay } from '../utils/lookup/credit-budget.ts';
import type { Settings } from '../utils/schemas/settings.ts';
import { creditSpendItem } from '../utils/stores/storage.ts';
import { useStored } from './use-tab-state.ts';

/** Credits spent today (the user's local day), as the worker counts them in storage. */
export function useSpentToday(): number {
  const spend = useStored(creditSpendItem).value;
  const [today] = useState(() => localDay(Date.now()));
  return spend && spend.day === today ? spend.spent : 0;
}

/** "3 / 50 today" in automatic mode (the cap applies), "3 today" in preview (every spend was a click). */
export function SpentToday({ settings, compact = false }: { settings: Settings | undefined; compact?: boolean }) {
  const spent = useSpentToday();
  const auto = settings?.autoEnrich ?? false;
  const cap = settings?.dailyCreditCap ?? 0;
  const text = auto ? `${spent} / ${cap} today` : `${spent} today`;
  const full = auto ? `Credits spent today: ${spent} of ${cap}` : `Credits spent today: ${spent} · preview: only clicks spend`;
  const title = auto
    ? `Credits spent today: ${spent} of the daily cap of ${cap} for automatic enrichment`
    : `Credits spent today: ${spent}. Preview mode: nothing is spent without a click`;
  return (
    <span className={`spent-today${auto && spent >= cap ? ' spent-capped' : ''}`} title={title} aria-label={title} data-testid="spent-today">
      {compact ? text : full}
    </span>
  );
}
