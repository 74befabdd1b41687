import type { CompanyInsights } from '../messaging.ts';
import type { BackgroundContext, HandlerGroup } from './context.ts';

/** Provider data beyond a lookup: a company's insights, recommended contacts, the search tab. */
export function providerDataHandlers(ctx: BackgroundContext): HandlerGroup<'companyInsights' | 'recommendedContacts' | 'searchContacts' | 'searchCompanies'> {
  const { providers, noteError } = ctx;
  return {
    async companyInsights({ companyId }) {
      const set = await providers();
      const optional = <T>(capability: 'intent' | 'news' | 'scoops', run: () => Promise<T[]>): Promise<T[]> =>
        set.capabilities.includes(capability) ? run() : Promise.resolve([]);
      const [intent, news, scoops] = await Promise.all([
        optional('intent', () => set.for('intent').intent({ companyId })),
        optional('news', () => set.for('news').news(companyId)),
        optional('scoops', () => set.for('scoops').scoops(companyId)),
      ]).catch(noteError);
      const insights: CompanyInsights = { intent: [...intent].sort((a, b) => b.signalScore - a.signalScore), news, scoops };
      return insights;
    },
    async recommendedContacts(criteria) {
      return (await providers()).for('prospectContacts').prospectContacts(criteria).catch(noteError);
    },
    async searchContacts(request) {
      return (await providers()).for('searchContacts').searchContacts(request).catch(noteError);
    },
    async searchCompanies(request) {
      return (await providers()).for('searchCompanies').searchCompanies(request).catch(noteError);
    },
  };
}
