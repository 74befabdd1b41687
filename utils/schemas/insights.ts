import { z } from 'zod';
import { intentSignal, newsArticle, scoop } from './enterprise-api.ts';
import { corporateFamily, orgPerson } from './enterprise-readers.ts';

/**
 * A company's intent, news, scoops, org chart and corporate family, each section on its own: an account may lack one of them
 * (the provider answers 403) or one call may fail while the others answer, and the card still shows
 * what it has.
 */
const section = <T extends z.ZodType>(item: T) =>
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('ok'), items: z.array(item) }),
    /** The account is not entitled to this section (403): say so plainly, never as an error. */
    z.object({ status: z.literal('forbidden') }),
    z.object({ status: z.literal('error'), message: z.string(), retryable: z.boolean() }),
  ]);

export const companyInsights = z.object({
  intent: section(intentSignal),
  news: section(newsArticle),
  scoops: section(scoop),
  orgChart: section(orgPerson),
  /** One item: the family (parents and subsidiaries); none when the provider does not know the company. */
  corporateFamily: section(corporateFamily),
});
export type CompanyInsights = z.infer<typeof companyInsights>;
export type InsightSection = keyof CompanyInsights;

/** One section's state, for any item type (what `section()` parses to). */
export type SectionState<T> = { status: 'ok'; items: T[] } | { status: 'forbidden' } | { status: 'error'; message: string; retryable: boolean };
