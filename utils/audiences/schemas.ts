import { z } from 'zod';

/**
 * What Sidecar reads from the Audiences API (api-contract.md §4, GTM Studio V1): JSON:API
 * documents of folders, audiences, columns, rows and jobs. Only the fields the Lists tab uses are
 * required; the rest pass through unread, so a provider adding fields breaks nothing.
 */

export const JSON_API = 'application/vnd.api+json';

export const cellState = z.enum(['BLANK', 'LOADING', 'RESULT', 'NO_RESULT', 'ERROR']);
export type CellState = z.infer<typeof cellState>;
export const columnType = z.enum(['CUSTOM', 'ZOOMINFO_MATCH', 'FORMULA', 'AI']);
export const audienceType = z.enum(['CONTACT', 'COMPANY']);
export type AudienceType = z.infer<typeof audienceType>;
export const jobStatus = z.enum(['SCHEDULED', 'RUNNING', 'SUCCEEDED', 'PARTIALLY_SUCCEEDED', 'FAILED', 'CANCELLED']);
export type JobStatus = z.infer<typeof jobStatus>;

export const listColumn = z.object({
  id: z.string(),
  attributes: z.object({
    name: z.string(),
    dataType: z.string(),
    columnType,
    isHidden: z.boolean().optional(),
    isSortable: z.boolean().optional(),
    isFilterable: z.boolean().optional(),
  }),
});
export type ListColumn = z.infer<typeof listColumn>;

export const folder = z.object({ id: z.string(), attributes: z.object({ name: z.string() }) });
export type Folder = z.infer<typeof folder>;

export const audience = z.object({
  id: z.string(),
  attributes: z.object({
    name: z.string(),
    type: audienceType,
    recordCount: z.number().int(),
    folderId: z.string(),
    folderName: z.string().optional(),
    columns: z.array(listColumn),
  }),
});
export type Audience = z.infer<typeof audience>;

export const cellValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.array(z.number()), z.null()]);
export type CellValue = z.infer<typeof cellValue>;
export const cell = z.object({
  columnId: z.string(),
  value: cellValue,
  state: cellState,
  errorDetails: z.object({ summary: z.string(), description: z.string(), retryable: z.boolean() }).optional(),
});
export type Cell = z.infer<typeof cell>;
export const row = z.object({ id: z.string(), attributes: z.object({ values: z.array(cell) }) });
export type Row = z.infer<typeof row>;

const pagination = z.object({ page: z.object({ size: z.number().int(), number: z.number().int() }), total: z.number().int() });

export const folderList = z.object({ data: z.array(folder), meta: pagination });
export const folderBody = z.object({ data: folder });
export const audienceList = z.object({ data: z.array(audience), meta: pagination });
export const audienceBody = z.object({ data: audience });
export const rowPage = z.object({ data: z.array(row), meta: pagination });
export type RowPage = z.infer<typeof rowPage>;
export const rowList = z.object({ data: z.array(row) });
export const columnList = z.object({ data: z.array(listColumn) });
export const idBody = z.object({ data: z.object({ id: z.string() }) });
export const jobBody = z.object({ data: z.object({ id: z.string(), attributes: z.object({ status: jobStatus, percentProgress: z.number() }) }) });
export type JobState = z.infer<typeof jobBody>['data']['attributes'];
/** A 204: the request was done and there is nothing to answer. */
export const noContent = z.undefined();

export const filterOperator = z.enum([
  'EQUALS', 'NOT_EQUALS', 'CONTAINS', 'DOES_NOT_CONTAINS', 'CONTAINS_WORD', 'DOES_NOT_CONTAIN_WORD', 'EMPTY', 'NOT_EMPTY',
  'STARTS_WITH', 'DOES_NOT_START_WITH', 'GREATER_THAN', 'LESS_THAN', 'GREATER_THAN_OR_EQUAL', 'LESS_THAN_OR_EQUAL', 'IN_RANGE',
  'IS_TRUE', 'IS_FALSE', 'HAS_ONE_OF', 'HAS_NONE_OF', 'HAS_ALL_OF', 'IS_EXACT_DATE', 'BEFORE', 'AFTER', 'WITHIN', 'ROLLING_RANGE',
]);
export const rowFilter = z.object({ columnId: z.string().min(1), filterOperator, values: z.array(z.string()).max(500).optional() });
export type RowFilter = z.infer<typeof rowFilter>;
export const rowQuery = z.object({
  page: z.number().int().min(1).default(1),
  size: z.number().int().min(1).max(500).default(50),
  /** A column id, or -id for descending. */
  sort: z.string().max(200).optional(),
  filters: z.array(rowFilter).max(50).default([]),
  match: z.enum(['AND', 'OR']).default('AND'),
});
export type RowQuery = z.input<typeof rowQuery>;
export type FilterOperator = z.infer<typeof filterOperator>;

/** What filter-metadata says of one operator on a column: how many values it takes. */
export const operatorMeta = z.object({
  operator: filterOperator,
  isMultipleSupported: z.boolean(),
  valueCountLimit: z.number().int().optional(),
  minCharLimit: z.number().int().optional(),
});
export type OperatorMeta = z.infer<typeof operatorMeta>;
export const filterMetadata = z.array(z.object({ columnId: z.string(), isFilterable: z.boolean(), filterOperators: z.array(operatorMeta) }));
export type FilterMetadata = z.infer<typeof filterMetadata>;
export const filterMetadataBody = z.object({ data: z.object({ attributes: z.object({ filterMetadata }) }) });

/** The AI tools GTM Studio names (its data-dependencies path takes one); a provider may serve fewer. */
export const AI_TOOLS = ['AI_DATA_ANALYSIS', 'AI_WEB_RESEARCH', 'AI_CONVERSATION_INTELLIGENCE', 'AI_EMAILER'] as const;
export const aiTool = z.enum(AI_TOOLS);
export type AiTool = z.infer<typeof aiTool>;
export const dataDependencies = z.object({ data: z.object({ attributes: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })) }) });

/** The data types offered for a column the user fills in themselves. */
export const CUSTOM_DATA_TYPES = ['TEXT', 'INTEGER', 'DECIMAL', 'DATE', 'BOOLEAN', 'EMAIL', 'PHONE', 'URL'] as const;

/** A column the user adds to a list: their own values, a formula over the row, or an AI prompt. */
export const newColumn = z.discriminatedUnion('columnType', [
  z.object({ columnType: z.literal('CUSTOM'), name: z.string().trim().min(1).max(255), dataType: z.enum(CUSTOM_DATA_TYPES) }),
  z.object({ columnType: z.literal('FORMULA'), name: z.string().trim().min(1).max(255), prompt: z.string().trim().min(1).max(4000) }),
  z.object({ columnType: z.literal('AI'), name: z.string().trim().min(1).max(255), prompt: z.string().trim().min(1).max(4000), tool: aiTool }),
]);
export type NewColumn = z.infer<typeof newColumn>;
