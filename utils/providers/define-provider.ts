import { SidecarError } from '../errors.ts';
import { PROVIDER_CATALOG, type ProviderId } from '../schemas/provider-catalog.ts';
import type { Capability, Provider, ProviderContext, ProviderDefinition } from './types.ts';

type Methods = Omit<Provider, 'id' | 'label' | 'capabilities' | 'reset'>;

/**
 * Builds a Provider from the methods an adapter implements; its capabilities are exactly those
 * methods, and every other method fails with `unsupported`.
 */
export function defineProvider(
  meta: { id: string; label: string; reset?: () => Promise<void> },
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
    orgChart: 'orgChart',
    corporateFamily: 'corporateFamily',
    usage: 'usage',
    lookup: 'lookups',
    audiences: 'audiences',
  };
  for (const name of Object.keys(methods) as (keyof Methods)[]) capabilities.add(capabilityOf[name]);
  return {
    id: meta.id,
    label: meta.label,
    capabilities,
    reset: meta.reset ?? (() => Promise.resolve()),
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
    orgChart: methods.orgChart ?? unsupported('org charts'),
    corporateFamily: methods.corporateFamily ?? unsupported('corporate families'),
    usage: methods.usage ?? unsupported('usage'),
    lookup: methods.lookup ?? unsupported('lookups'),
    audiences: methods.audiences ?? unsupported('lists (GTM Studio audiences)'),
  };
}

/** A provider plug-in: its catalog entry (id, label, auth, capabilities) and how to create it. */
export function defineProviderPlugin(id: ProviderId, create: (context: ProviderContext) => Provider | null): ProviderDefinition {
  const { label, auth, capabilities } = PROVIDER_CATALOG[id];
  return { id, label, auth, capabilities, create };
}
