/**
 * What each account may use (ENTITLEMENTS), as the published API answers it: an endpoint the
 * account is not entitled to is a 403 "You do not have access to this endpoint."
 *
 * `ENTITLEMENTS=*=contact,company,news,scoop;demo@example.com=contact,company,intent,news,scoop`:
 * semicolon-separated `account=features`, `*` for every account not named. Unset: everything for
 * everyone. Lookups and usage need no entitlement.
 */
export const FEATURES = ['contact', 'company', 'intent', 'news', 'scoop', 'orgchart', 'corporatehierarchy', 'location', 'technology'] as const;
export type Feature = (typeof FEATURES)[number];

export class Entitlements {
  readonly #byAccount: Map<string, Set<Feature>>;
  readonly #fallback: Set<Feature>;

  constructor(raw: string | undefined) {
    this.#byAccount = new Map();
    let fallback: Set<Feature> = new Set(FEATURES);
    for (const entry of (raw ?? '').split(';').map((e) => e.trim()).filter((e) => e.length > 0)) {
      const eq = entry.lastIndexOf('=');
      if (eq <= 0) throw new Error(`ENTITLEMENTS: "${entry}" is not account=feature,feature`);
      const features = new Set<Feature>();
      for (const name of entry.slice(eq + 1).split(',').map((f) => f.trim()).filter((f) => f.length > 0)) {
        const feature = FEATURES.find((f) => f === name);
        if (!feature) throw new Error(`ENTITLEMENTS: unknown feature "${name}"; use ${FEATURES.join(', ')}`);
        features.add(feature);
      }
      const account = entry.slice(0, eq).trim().toLowerCase();
      if (account === '*') fallback = features;
      else this.#byAccount.set(account, features);
    }
    this.#fallback = fallback;
  }

  allows(account: string, feature: Feature): boolean {
    return (this.#byAccount.get(account.toLowerCase()) ?? this.#fallback).has(feature);
  }
}
