/**
 * Response shapes of the published ZoomInfo API, written from its OpenAPI descriptions (issue #15):
 * what a client built for ZoomInfo reads. Fields are optional where `outputFields` decides, extra
 * fields are allowed (the published objects are open), types and places are as published.
 */
import { z } from 'zod';

const maybe = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const authenticate = z.object({ success: z.literal(true), jwt: z.string().min(1) });

/** `data.outputFields` is a list of lists of field names. */
const outputFields = z.array(z.array(z.string()));

const nestedCompany = z.object({
  id: z.number().int(),
  name: maybe(z.string()),
  website: maybe(z.string()),
  phone: maybe(z.string()),
  street: maybe(z.string()),
  city: maybe(z.string()),
  state: maybe(z.string()),
  zipCode: maybe(z.string()),
  country: maybe(z.string()),
  employeeCount: maybe(z.number().int()),
  revenueRange: maybe(z.string()),
  employeeRange: maybe(z.string()),
  primaryIndustry: maybe(z.array(z.string())),
});

const matchStatus = z.string().min(1);

export const enrichContact = z.object({
  success: z.boolean(),
  data: z.object({
    outputFields,
    result: z.array(
      z.object({
        input: z.record(z.string(), z.unknown()),
        matchStatus,
        data: z.array(
          z.object({
            id: z.number().int(),
            firstName: maybe(z.string()),
            lastName: maybe(z.string()),
            email: maybe(z.string()),
            phone: maybe(z.string()),
            jobTitle: maybe(z.string()),
            jobFunction: maybe(z.array(z.object({ name: maybe(z.string()), department: maybe(z.string()) }))),
            managementLevel: maybe(z.array(z.string())),
            city: maybe(z.string()),
            state: maybe(z.string()),
            country: maybe(z.string()),
            externalUrls: maybe(z.array(z.object({ type: maybe(z.string()), url: z.string() }))),
            contactAccuracyScore: maybe(z.number().int()),
            locationCompanyId: maybe(z.number().int()),
            directPhoneDoNotCall: maybe(z.boolean()),
            mobilePhoneDoNotCall: maybe(z.boolean()),
            company: maybe(nestedCompany),
          }),
        ),
      }),
    ),
  }),
});

export const enrichCompany = z.object({
  success: z.boolean(),
  data: z.object({
    outputFields,
    result: z.array(
      z.object({
        input: z.record(z.string(), z.unknown()),
        matchStatus,
        data: z.array(
          z.object({
            id: z.number().int(),
            name: maybe(z.string()),
            website: maybe(z.string()),
            domainList: maybe(z.array(z.string())),
            revenue: maybe(z.number().int()),
            employeeCount: maybe(z.number().int()),
            phone: maybe(z.string()),
            street: maybe(z.string()),
            city: maybe(z.string()),
            state: maybe(z.string()),
            zipCode: maybe(z.string()),
            country: maybe(z.string()),
            ticker: maybe(z.string()),
            primaryIndustry: maybe(z.array(z.string())),
            industries: maybe(z.array(z.string())),
            revenueRange: maybe(z.string()),
            employeeRange: maybe(z.string()),
            totalFundingAmount: maybe(z.number().int()),
            recentFundingDate: maybe(z.string()),
            createdDate: maybe(z.string()),
          }),
        ),
      }),
    ),
  }),
});

const page = { maxResults: z.number().int(), totalResults: z.number().int(), currentPage: z.number().int() };

export const enrichIntent = z.object({
  ...page,
  data: z.array(
    z.object({
      id: maybe(z.union([z.string(), z.number()])),
      topic: z.string(),
      signalScore: z.number().int(),
      audienceStrength: maybe(z.string()),
      newSignal: maybe(z.boolean()),
      signalDate: maybe(z.string()),
      recommendedContacts: maybe(z.array(z.object({ id: z.number().int(), firstName: maybe(z.string()), lastName: maybe(z.string()), jobTitle: maybe(z.string()) }))),
      company: z.object({ id: z.number().int(), name: maybe(z.string()), website: maybe(z.string()) }),
    }),
  ),
});

export const searchContact = z.object({
  ...page,
  data: z.array(
    z.object({
      id: z.number().int(),
      firstName: maybe(z.string()),
      lastName: maybe(z.string()),
      jobTitle: maybe(z.string()),
      contactAccuracyScore: maybe(z.number().int()),
      hasEmail: maybe(z.boolean()),
      hasDirectPhone: maybe(z.boolean()),
      hasMobilePhone: maybe(z.boolean()),
      company: z.object({ id: z.number().int(), name: maybe(z.string()) }),
    }),
  ),
});

/** Search shows ranges; the exact figures are for enrich (Amendments). */
export const searchCompany = z.object({
  ...page,
  data: z.array(
    z.looseObject({ id: z.number().int(), name: z.string(), employeeRange: maybe(z.string()), revenueRange: maybe(z.string()) }).refine((c) => !('employeeCount' in c) && !('revenue' in c), {
      error: 'a search result shows employeeRange and revenueRange, not exact figures',
    }),
  ),
});

export const usage = z.object({
  usage: z.array(z.object({ limitType: z.string(), limit: z.number().int(), currentUsage: z.number().int(), usageRemaining: z.number().int() })),
});

export const searchNews = z.object({
  currentPage: z.number().int(),
  maxResults: z.number().int(),
  data: z.array(
    z.object({
      title: z.string(),
      url: maybe(z.string()),
      pageDate: maybe(z.string()),
      categories: z.array(z.string()),
      company: z.array(z.object({ id: z.number().int(), name: maybe(z.string()) })),
    }),
  ),
});

export const searchScoop = z.object({
  ...page,
  data: z.array(
    z.object({
      id: z.number().int(),
      publishedDate: maybe(z.string()),
      updateText: maybe(z.string()),
      company: z.object({ id: z.number().int(), name: maybe(z.string()) }),
    }),
  ),
});

/** Bulk: every submit answers a job id (BulkContactSearch-Preview, BulkContactEnrich, …). */
export const bulkJob = z.object({ jobId: z.string().min(1) });

/** BulkJobStatus: all seven fields required. */
export const bulkJobStatus = z.object({
  status: z.string().min(1),
  jobType: z.string().min(1),
  entityType: z.string().min(1),
  totalRecords: z.number().int(),
  totalPages: z.number().int(),
  successfulPagesCount: z.number().int(),
  successfulPages: z.array(z.number().int()),
});

/** Bulk job results: a page of `{ input, data }`, data one record object with the output fields. */
export const bulkJobResults = z.object({
  jobType: z.string().min(1),
  entityType: z.string().min(1),
  totalRecords: z.number().int(),
  totalPages: z.number().int(),
  currentPage: z.number().int(),
  currentResults: z.number().int(),
  result: z.array(
    z.object({
      input: z.record(z.string(), z.unknown()),
      data: z.object({ id: z.number().int() }).loose().nullable(),
    }),
  ),
});

/** Webhooks: a subscription as listed (Getallwebhooks → Webhook → subscriptions). */
const webhookSubscription = z.object({
  subscriptionId: z.string().min(1),
  objectType: z.string().min(1),
  eventType: z.string().min(1),
  fullPayload: z.boolean().optional(),
  createdDate: z.string().min(1),
  modifiedDate: z.string().min(1),
});

export const webhook = z.object({
  id: z.string().min(1),
  title: z.string().nullable().optional(),
  enabled: z.boolean(),
  targetUrl: z.string().min(1),
  createdDate: z.string().min(1),
  subscriptions: z.array(webhookSubscription),
});
export const createdWebhook = webhook.extend({ verificationToken: z.string().min(1) });
export const webhookList = z.object({ webhooks: z.array(webhook) });
export const deletedWebhook = webhook.extend({ status: z.literal('deleted') });
export const subscriptionTypes = z.object({ objectTypes: z.array(z.string()), eventTypes: z.array(z.string()) });
export const verificationToken = z.object({ verificationToken: z.string().min(1) });
export const validateTarget = z.object({ message: z.string(), success: z.boolean(), responseCode: z.number().int() });

/** What the target URL receives: webhookDetails and up to 25 records, each with changedAttributes. */
export const webhookPayload = z.object({
  webhookDetails: z.object({ id: z.string(), title: z.string().nullable().optional(), objectType: z.string(), eventType: z.string() }),
  data: z.array(z.object({ id: z.number().int(), changedAttributes: z.array(z.string()) }).loose()).max(25),
});
