import enterprise from './enterprise.ts';
import gtmStudio from './gtm-studio.ts';
import searchApi from './search-api.ts';
import type { ProviderDefinition } from './types.ts';

/**
 * Every provider, as a plug-in, in the order a capability is asked of them: the registry offers a
 * capability's providers in this order (the first answers today; a waterfall would try the next).
 * Adding a provider = one entry in utils/schemas/provider-catalog.ts + one file in this folder, listed here.
 */
export const PROVIDERS: readonly ProviderDefinition[] = [enterprise, searchApi, gtmStudio];
