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

/**
 * `/search/intent`: one row per signal, every field required as published; `category` may be null
 * and `trend` absent (this data has neither: server/README.md, "Differences").
 */
export const searchIntent = z.object({
  ...page,
  data: z.array(
    z.object({
      id: z.string().min(1),
      category: z.string().nullable(),
      topic: z.string(),
      signalScore: z.number().int().min(0).max(100),
      audienceStrength: z.enum(['A', 'B', 'C', 'D', 'E']),
      newSignal: z.boolean(),
      signalDate: z.string(),
      trend: z.number().int().optional(),
      recommendedContacts: z.array(
        z.object({
          id: z.number().int(),
          firstName: z.string(),
          lastName: z.string(),
          jobTitle: z.string(),
          jobFunction: z.array(z.object({ name: z.string(), department: z.string() })),
        }),
      ),
      company: z.object({ id: z.number().int(), name: z.string(), website: z.string(), hasOtherTopicConsumption: z.boolean() }),
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

// ---- issue #16: org chart, corporate hierarchy, location, technologies, news and scoop enrich ----

/** OrgChartEnrich: `{ maxResults, totalResults, currentPage, data: [Data30] }`. */
export const enrichOrgChart = z.object({
  ...page,
  data: z.array(
    z.looseObject({
      id: z.number().int(),
      firstName: maybe(z.string()),
      middleName: maybe(z.string()),
      lastName: maybe(z.string()),
      lastUpdatedDate: maybe(z.string()),
      title: maybe(z.string()),
      hasEmail: z.boolean(),
      hasDirectPhone: z.boolean(),
      department: maybe(z.string()),
      jobFunction: maybe(z.string()),
      orgChartTier: z.number().int().min(1),
      orgChartSubTier: z.number().int().min(1),
      contactAccuracyScore: maybe(z.number().int()),
      company: z.object({ id: z.number().int(), name: z.string() }),
    }),
  ),
});

const subUnitTypeInfo = z.object({ typeId: z.number().int(), typeDescription: z.string() });
/** FamilyNode → FamilyNode1 → FamilyNode2: three levels below the tree's root, as published. */
const familyNode2 = z.object({ companyId: z.number().int(), name: z.string(), city: maybe(z.string()), state: maybe(z.string()), subUnitTypeInfo });
const familyNode1 = familyNode2.extend({ familyNodes: z.array(familyNode2).optional() });
const familyNode = familyNode2.extend({ familyNodes: z.array(familyNode1).optional() });

/** Enrichcorporatehierarchy-multiplecompanies: `{ success, data: { outputFields, result: [ { input, data: [Data32] } ] } }`. */
export const enrichCorporateHierarchy = z.object({
  success: z.boolean(),
  data: z.object({
    outputFields,
    result: z.array(
      z.object({
        input: z.record(z.string(), z.unknown()),
        data: z.array(
          z.object({
            companyId: z.number().int(),
            parentage: z
              .array(
                z.object({
                  companyId: z.string(),
                  companyName: z.string(),
                  city: maybe(z.string()),
                  state: maybe(z.string()),
                  subUnitType: maybe(z.string()),
                  subUnitDesc: maybe(z.string()),
                  acquiredByDate: maybe(z.string()),
                }),
              )
              .optional(),
            familyTree: z.array(z.object({ companyId: z.number().int(), name: z.string(), city: maybe(z.string()), state: maybe(z.string()), familyNodes: z.array(familyNode) })).optional(),
          }),
        ),
      }),
    ),
  }),
});

/** Enrichcompanylocation: `{ …, data: [Data35 { phone, fax, street, city, state, zipCode, country, company: Company20 }] }`. */
export const enrichLocation = z.object({
  ...page,
  data: z.array(
    z.object({
      phone: maybe(z.string()),
      fax: maybe(z.string()),
      street: maybe(z.string()),
      city: maybe(z.string()),
      state: maybe(z.string()),
      zipCode: maybe(z.string()),
      country: maybe(z.string()),
      company: z.object({ id: z.number().int(), addressStatus: maybe(z.string()), subUnitType: z.string(), locationName: z.string(), locationEmployeeCount: maybe(z.number().int()) }),
    }),
  ),
});

/** Enrichtechnologyforacompany: `{ …, data: [Data36] }`. */
export const enrichTech = z.object({
  ...page,
  data: z.array(
    z.object({
      tag: z.string(),
      categoryParent: maybe(z.string()),
      category: maybe(z.string()),
      vendor: maybe(z.string()),
      product: maybe(z.string()),
      attribute: maybe(z.string()),
      website: maybe(z.string()),
      logo: maybe(z.string()),
      domain: maybe(z.string()),
      createdTime: maybe(z.string()),
      modifiedTime: maybe(z.string()),
      description: maybe(z.string()),
    }),
  ),
});

/** NewsEnrich: `{ …, data: [Data39 { domain, title, url, imageUrl, pageDate, categories, description, company: [Company] }] }`. */
export const enrichNews = z.object({
  ...page,
  data: z.array(
    z.object({
      domain: maybe(z.string()),
      title: z.string(),
      url: maybe(z.string()),
      imageUrl: maybe(z.string()),
      pageDate: maybe(z.string()),
      categories: z.array(z.string()),
      description: maybe(z.string()),
      company: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
  ),
});

/** ScoopEnrich: `{ …, data: [Data40] }`. */
export const enrichScoop = z.object({
  ...page,
  data: z.array(
    z.object({
      id: z.number().int(),
      publishedDate: maybe(z.string()),
      originalPublishedDate: maybe(z.string()),
      linkText: maybe(z.string()),
      link: maybe(z.string()),
      description: z.string(),
      topics: z.array(z.string()),
      updateText: maybe(z.string()),
      types: z.array(z.object({ id: z.number().int(), type: z.string() })),
      contacts: z.array(z.string()),
      company: z.object({ id: z.number().int(), name: z.string() }),
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
