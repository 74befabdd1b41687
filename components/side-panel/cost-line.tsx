import { localDay } from '../../utils/lookup/credit-budget.ts';
import type { Cost } from '../../utils/schemas/lookup.ts';

const DAY = 86_400_000;

/** "today", "yesterday", "12 days ago", "3 months ago": how long ago a credit bought a record. */
export function sinceInWords(at: number, now = Date.now()): string {
  if (localDay(at) === localDay(now)) return 'today';
  const days = Math.max(1, Math.round((now - at) / DAY));
  if (days === 1) return 'yesterday';
  if (days < 45) return `${days} days ago`;
  const months = Math.round(days / 30.4);
  return `${months} ${months === 1 ? 'month' : 'months'} ago`;
}

export function costText(cost: Cost, now = Date.now()): string {
  switch (cost.kind) {
    case 'preview':
      return 'Preview: free search, no credit spent';
    case 'spent':
      return `1 credit, ${sinceInWords(cost.at, now)}`;
    case 'free':
      return `free: enriched ${sinceInWords(cost.enrichedAt, now)}`;
  }
}

/** What this card cost (issue 17): every card says it, so a spend is never silent. */
export function CostLine({ cost }: { cost: Cost | undefined }) {
  if (!cost) return null;
  return (
    <p className="cost cost-line" data-testid="cost-line">
      {costText(cost)}
    </p>
  );
}
