/**
 * Request and response shapes of the bulk endpoints, written from the published Bulk API
 * description: submit → { jobId }, POST /bulk/job/status and /bulk/job/results with the job id in
 * the body. Requests are strict, as everywhere on this server.
 */
import { z } from 'zod';
import { companyInput, companySearchCriteria, contactSearchCriteria, personInput } from '../../../utils/schemas/enterprise-api.ts';

/** The guide's limits (Enterprise API guide, "Bulk"; published Bulk API description). */
export const BULK_LIMITS = {
  enrichInputs: 10_000,
  searchResults: 200_000,
  pageSize: 500,
  activeJobs: 5,
  jobsPerSecond: 1,
  expiryHours: 24,
} as const;

const outputFields = z.array(z.string().min(1).max(200)).min(1).max(500);

/** Search criteria without paging or sorting: the published bulk search does not take sortBy/sortOrder. */
const unpaged = { page: true, rpp: true, sortBy: true, sortOrder: true } as const;
export const bulkContactQuery = contactSearchCriteria.omit(unpaged);
export const bulkCompanyQuery = companySearchCriteria.omit(unpaged);

const jobType = z.enum(['preview', 'redeem']).default('preview');

export const bulkContactSearchRequest = z.strictObject({ jobType, query: bulkContactQuery, outputFields: outputFields.optional() });
export const bulkCompanySearchRequest = z.strictObject({ jobType, query: bulkCompanyQuery, outputFields: outputFields.optional() });
export type BulkSearchRequest = z.output<typeof bulkContactSearchRequest> | z.output<typeof bulkCompanySearchRequest>;

// The inputs' length is checked by the handler (a 400 naming the limit), not here.
export const bulkContactEnrichRequest = z.strictObject({ matchPersonInput: z.array(personInput).min(1, { error: 'matchPersonInput must not be empty' }), outputFields: outputFields.optional() });
export const bulkCompanyEnrichRequest = z.strictObject({ matchCompanyInput: z.array(companyInput).min(1, { error: 'matchCompanyInput must not be empty' }), outputFields: outputFields.optional() });

export const bulkJobId = z.string().regex(/^[0-9a-f]{40}$/, { error: 'jobId is the 40-character id a bulk submit answered' });
export const bulkJobStatusRequest = z.strictObject({ jobId: bulkJobId });
export const bulkJobResultsRequest = z.strictObject({ jobId: bulkJobId, page: z.number().int().min(1).max(1_000_000).default(1) });

export const bulkJobCreated = z.object({ jobId: z.string() });

export const BULK_STATUSES = ['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED'] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];
export type BulkJobType = 'preview' | 'redeem' | 'enrich';
export type BulkEntity = 'contact' | 'company';

export const bulkJobStatus = z.object({
  status: z.enum(BULK_STATUSES),
  jobType: z.enum(['preview', 'redeem', 'enrich']),
  entityType: z.enum(['CONTACT', 'COMPANY']),
  totalRecords: z.number().int(),
  totalPages: z.number().int(),
  successfulPagesCount: z.number().int(),
  successfulPages: z.array(z.number().int()),
  processedRecords: z.number().int(),
  expiresAt: z.string(),
});
export type BulkJobStatusT = z.infer<typeof bulkJobStatus>;

export const bulkResultItem = z.object({
  input: z.record(z.string(), z.unknown()),
  matchStatus: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  /** Why a matched record came back without data (credits ran out mid-job). */
  error: z.object({ id: z.string(), details: z.string() }).optional(),
});
export type BulkResultItem = z.infer<typeof bulkResultItem>;

export const bulkJobResults = z.object({
  jobType: z.enum(['preview', 'redeem', 'enrich']),
  entityType: z.enum(['contact', 'company']),
  totalRecords: z.number().int(),
  totalPages: z.number().int(),
  currentPage: z.number().int(),
  currentResults: z.number().int(),
  result: z.array(bulkResultItem),
});
export type BulkJobResultsT = z.infer<typeof bulkJobResults>;

export const bulkCost = z.object({
  jobType: z.enum(['preview', 'redeem', 'enrich']),
  entityType: z.enum(['contact', 'company']),
  totalRecords: z.number().int(),
  /** Records the job would reveal (a definite match). */
  matchedRecords: z.number().int(),
  /** Of those, records this account paid for in the last 12 months: free again. */
  underManagement: z.number().int(),
  /** What the job would charge now. */
  credits: z.number().int(),
  creditsRemaining: z.number().int(),
});
export type BulkCostT = z.infer<typeof bulkCost>;
