import { toSidecarError } from '../errors.ts';
import { loadCompanyInsights } from './company-insights.ts';
import type { BackgroundContext, HandlerGroup } from './context.ts';

/** Provider data beyond a lookup: a company's insights, recommended contacts, the search tab and its filter values. */
export function providerDataHandlers(
  ctx: BackgroundContext,
): HandlerGroup<'companyInsights' | 'recommendedContacts' | 'searchContacts' | 'searchCompanies' | 'prospectContacts' | 'prospectCompanies' | 'intentSearch' | 'lookupValues'> {
  const { providers, noteError } = ctx;
  return {
    async companyInsights({ companyId }) {
      return loadCompanyInsights(await providers(), companyId, (error) => noteError(error).catch(() => undefined));
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
    async prospectContacts(criteria) {
      return (await providers()).for('prospectContacts').prospectContacts(criteria).catch(noteError);
    },
    async prospectCompanies(criteria) {
      return (await providers()).for('prospectCompanies').prospectCompanies(criteria).catch(noteError);
    },
    async intentSearch(request) {
      // An account without intent (403 on this endpoint alone) is this search's answer, not a
      // connection problem for the popup to keep showing.
      return (await providers())
        .for('intentSearch')
        .intentSearch(request)
        .catch((error: unknown) => (toSidecarError(error).id === 'forbidden' ? Promise.reject(error) : noteError(error)));
    },
    async lookupValues({ field }) {
      const values = await (await providers()).for('lookups').lookup(field);
      return [...new Set(values.map((v) => v.name))];
    },
  };
}
