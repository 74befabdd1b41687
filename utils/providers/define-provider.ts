import { SidecarError } from '../errors.ts';
import type { Capability, Provider } from './types.ts';

type Methods = Omit<Provider, 'id' | 'label' | 'capabilities'>;

/**
 * Builds a Provider from the methods an adapter implements; its capabilities are exactly those
 * methods, and every other method fails with `unsupported`.
 */
export function defineProvider(
  meta: { id: string; label: string },
  methods: Partial<Methods>,
): Provider {
  const unsupported = (name: string) => () =>
    Promise.reject(new SidecarError('unsupported', `${meta.label} does not offer ${name}.`));
  const capabilities = new Set<Capability>();
  const capabilityOf: Record<keyof Methods, Capability> = {
    enrichContacts: 'enrichContacts',
    enrichCompanies: 'enrichCompanies',
    intent: 'intent',
    searchContacts: 'searchContacts',
    searchCompanies: 'searchCompanies',
    prospectContacts: 'prospectContacts',
    prospectCompanies: 'prospectCompanies',
    intentSearch: 'intentSearch',
    news: 'news',
    scoops: 'scoops',
    usage: 'usage',
    lookup: 'lookups',
  };
  for (const name of Object.keys(methods) as (keyof Methods)[]) capabilities.add(capabilityOf[name]);
  return {
    ...meta,
    capabilities,
    enrichContacts: methods.enrichContacts ?? unsupported('contact enrichment'),
    enrichCompanies: methods.enrichCompanies ?? unsupported('company enrichment'),
    intent: methods.intent ?? unsupported('intent signals'),
    searchContacts: methods.searchContacts ?? unsupported('contact search'),
    searchCompanies: methods.searchCompanies ?? unsupported('company search'),
    prospectContacts: methods.prospectContacts ?? unsupported('contact prospecting'),
    prospectCompanies: methods.prospectCompanies ?? unsupported('company prospecting'),
    intentSearch: methods.intentSearch ?? unsupported('intent search'),
    news: methods.news ?? unsupported('news'),
    scoops: methods.scoops ?? unsupported('scoops'),
    usage: methods.usage ?? unsupported('usage'),
    lookup: methods.lookup ?? unsupported('lookups'),
  };
}
