import { toSidecarError, type SidecarError } from '../errors.ts';
import type { ProviderSet } from '../providers/registry.ts';
import type { CompanyInsights, InsightSection } from '../schemas/insights.ts';

/** Failures that no section can get past (the credentials themselves): the whole card says so. */
const FATAL = new Set(['unauthorized', 'not_configured', 'invalid_key']);

/**
 * Loads intent, news, scoops, the org chart and the corporate family side by side. A section the account is not entitled to (403) comes
 * back `forbidden` and another section's failure stays in that section, so neither hides the rest;
 * only a credential failure rejects the whole call (`onFatal` records it for the popup).
 */
export async function loadCompanyInsights(set: ProviderSet, companyId: number, onFatal: (error: SidecarError) => Promise<void>): Promise<CompanyInsights> {
  async function section<T>(capability: InsightSection, run: () => Promise<T[]>) {
    if (!set.capabilities.includes(capability)) return { status: 'ok' as const, items: [] as T[] };
    try {
      return { status: 'ok' as const, items: await run() };
    } catch (cause) {
      const error = toSidecarError(cause);
      if (FATAL.has(error.id)) {
        await onFatal(error);
        throw error;
      }
      if (error.id === 'forbidden') return { status: 'forbidden' as const };
      return { status: 'error' as const, message: error.message, retryable: error.retryable };
    }
  }
  const [intent, news, scoops, orgChart, corporateFamily] = await Promise.all([
    section('intent', async () => [...(await set.for('intent').intent({ companyId }))].sort((a, b) => b.signalScore - a.signalScore)),
    section('news', () => set.for('news').news(companyId)),
    section('scoops', () => set.for('scoops').scoops(companyId)),
    section('orgChart', () => set.for('orgChart').orgChart(companyId)),
    section('corporateFamily', async () => [await set.for('corporateFamily').corporateFamily(companyId)]),
  ]);
  return { intent, news, scoops, orgChart, corporateFamily };
}
