/**
 * Request and response shapes of the Audiences API, after the published GTM Studio V1 OpenAPI
 * description (names and fields as published; readOnly fields are answered, never required of a
 * client). These schemas validate requests and generate the API's OpenAPI document.
 */
import { z } from '@hono/zod-openapi';

export const DATA_TYPES = [
  'TEXT', 'BOOLEAN', 'DATE', 'STRING_LIST', 'NUMBER_LIST', 'EMAIL_LIST', 'PHONE_LIST', 'PHONE', 'EMAIL', 'LARGE_TEXT',
  'INTEGER', 'DECIMAL', 'OBJECT', 'URL', 'URL_LIST', 'CHECKBOX', 'PERCENT', 'OPAQUE_IDENTIFIER', 'ORDINAL_IDENTIFIER',
  'REFERENCE', 'PICKLIST', 'MULTIPICKLIST', 'CURRENCY', 'ZI_CONTACT_ID', 'ZI_COMPANY_ID', 'MARKUP',
] as const;
export type DataType = (typeof DATA_TYPES)[number];
export const ColumnDataType = z.enum(DATA_TYPES).openapi('ColumnDataType');

export const COLUMN_TYPES = ['CUSTOM', 'ZOOMINFO_MATCH', 'FORMULA', 'AI'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const AI_TOOLS = ['AI_DATA_ANALYSIS', 'AI_WEB_RESEARCH', 'AI_CONVERSATION_INTELLIGENCE', 'AI_EMAILER'] as const;
export const AiTool = z.enum(AI_TOOLS).openapi('AiTool');

export const MATCH_FIELDS = [
  'COMPANY_WEBSITE', 'COMPANY_NAME', 'ZOOMINFO_COMPANY_ID', 'COMPANY_COUNTRY', 'COMPANY_STATE', 'COMPANY_CITY', 'COMPANY_ZIP_CODE',
  'COMPANY_PHONE', 'COMPANY_TICKER', 'COMPANY_LINKEDIN_ID', 'COMPANY_IP_ADDRESSES', 'COMPANY_METRO_AREA', 'COMPANY_LINKEDIN_URL',
  'COMPANY_FACEBOOK_URL', 'COMPANY_TWITTER_URL', 'COMPANY_GOOGLE_PLUS_URL', 'COMPANY_YOUTUBE_URL', 'COMPANY_LOCATION',
  'COMPANY_LOCATION_CODE', 'CONTACT_FIRST_NAME', 'CONTACT_LAST_NAME', 'CONTACT_EMAIL', 'JOB_TITLE', 'DIRECT_PHONE', 'MOBILE_PHONE',
  'CONTACT_STREET', 'CONTACT_CITY', 'CONTACT_STATE', 'CONTACT_COUNTRY', 'CONTACT_ZIP_CODE', 'ZOOMINFO_CONTACT_ID',
  'CONTACT_MIDDLE_NAME', 'CONTACT_LINKEDIN_URL', 'CONTACT_TWITTER_URL', 'CONTACT_LINKEDIN_COMPANY_ID',
  'CONTACT_ZOOMINFO_COMPANY_ID', 'CONTACT_PARENT_ID', 'CONTACT_HASHED_EMAILS', 'CONTACT_LINKEDIN_PRIVATE_IDS',
] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];
export const MatchFields = z.enum(MATCH_FIELDS).openapi('MatchFields');

export const FILTER_OPERATORS = [
  'EQUALS', 'NOT_EQUALS', 'CONTAINS', 'DOES_NOT_CONTAINS', 'CONTAINS_WORD', 'DOES_NOT_CONTAIN_WORD', 'EMPTY', 'NOT_EMPTY',
  'STARTS_WITH', 'DOES_NOT_START_WITH', 'GREATER_THAN', 'LESS_THAN', 'GREATER_THAN_OR_EQUAL', 'LESS_THAN_OR_EQUAL', 'IN_RANGE',
  'IS_TRUE', 'IS_FALSE', 'HAS_ONE_OF', 'HAS_NONE_OF', 'HAS_ALL_OF', 'IS_EXACT_DATE', 'BEFORE', 'AFTER', 'WITHIN', 'ROLLING_RANGE',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export const CELL_STATES = ['RESULT', 'BLANK', 'LOADING', 'ERROR', 'NO_RESULT'] as const;
export type CellState = (typeof CELL_STATES)[number];
export const RUN_STATUSES = ['SCHEDULED', 'RUNNING', 'SUCCEEDED', 'PARTIALLY_SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const name = z.string().trim().min(1).max(255);
const notes = z.string().max(10000);
const meta = z
  .object({
    createdAt: z.string(),
    createdById: z.number().int(),
    createdByName: z.string(),
    updatedAt: z.string(),
    updatedById: z.number().int(),
    updatedByName: z.string(),
  })
  .openapi('ResourceMeta');

export const ErrorResponse = z
  .object({
    errors: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        status: z.string(),
        title: z.string().optional(),
        detail: z.string(),
        source: z.object({ pointer: z.string().optional(), parameter: z.string().optional(), header: z.string().optional() }).optional(),
      }),
    ),
  })
  .openapi('ZoomInfo.Core.Foundations.ErrorResponseModel');

// ---- folders ----

const FolderAttributes = z.object({ name, notes: notes.optional(), starred: z.boolean().optional(), audiences: z.array(z.string()).optional() });
export const Folder = z.object({ id: z.string(), type: z.literal('Folder'), attributes: FolderAttributes, meta }).openapi('Folder');
export const FolderBody = z.object({ data: Folder }).openapi('FolderJsonApiModel');
export const FolderCreateBody = z
  .object({ data: z.object({ type: z.literal('Folder'), attributes: z.object({ name, notes: notes.optional(), starred: z.boolean().optional() }) }) })
  .openapi('FolderJsonApiModelCreate');
export const FolderUpdateBody = z
  .object({ data: z.object({ type: z.literal('Folder'), id: z.string().optional(), attributes: z.object({ name: name.optional(), notes: notes.optional(), starred: z.boolean().optional() }) }) })
  .openapi('UpdateFolderJsonApiModel');

const Pagination = z.object({ page: z.object({ size: z.number().int(), number: z.number().int() }), total: z.number().int() }).openapi('Pagination');
const Links = z.object({ first: z.string(), last: z.string(), prev: z.string().optional(), next: z.string().optional() }).openapi('PagingLinks');
export const FolderList = z.object({ data: z.array(Folder), meta: Pagination, links: Links }).openapi('FolderJsonApiList');

// ---- columns ----

export const ColumnContextInput = z.object({ id: z.string().min(1), type: z.enum(['COLUMN', 'KNOWLEDGE_BASE']) }).openapi('ColumnContextInput');
export const MatchCriteria = z.object({ columnId: z.string().min(1), mappedTo: MatchFields }).openapi('MatchCriteria');

export const ReadColumn = z
  .object({
    id: z.string(),
    type: z.literal('Column'),
    attributes: z.object({
      name: z.string(),
      dataType: ColumnDataType,
      isDeletable: z.boolean(),
      isEditable: z.boolean(),
      isExportable: z.boolean(),
      isFilterable: z.boolean(),
      isFrozen: z.boolean(),
      isHidden: z.boolean(),
      isSortable: z.boolean(),
      columnType: z.enum(COLUMN_TYPES),
      prompt: z.string().optional(),
      tool: AiTool.optional(),
      dataDependencies: z.array(ColumnContextInput).optional(),
      scriptConfiguration: z.object({ language: z.literal('JAVASCRIPT'), expression: z.string() }).optional(),
      matchCriteria: z.array(MatchCriteria).optional(),
    }),
    meta,
  })
  .openapi('ReadColumn');

const display = { isFrozen: z.boolean().optional(), isHidden: z.boolean().optional() };
export const ColumnAttributes = z
  .discriminatedUnion('columnType', [
    z.object({ columnType: z.literal('CUSTOM'), name, dataType: ColumnDataType, ...display }),
    z.object({ columnType: z.literal('ZOOMINFO_MATCH'), name, dataType: ColumnDataType, ...display }),
    z.object({ columnType: z.literal('FORMULA'), name, prompt: z.string().trim().min(1).max(4000), dataType: ColumnDataType.optional(), ...display }),
    z.object({
      columnType: z.literal('AI'),
      name,
      prompt: z.string().trim().min(1).max(4000),
      tool: AiTool.optional(),
      dataDependencies: z.array(ColumnContextInput).max(50).optional(),
      dataType: ColumnDataType.optional(),
      ...display,
    }),
  ])
  .openapi('ColumnAttributes');
export type ColumnInput = z.infer<typeof ColumnAttributes>;

export const ColumnCreateBody = z
  .object({ data: z.array(z.object({ type: z.literal('Column'), attributes: ColumnAttributes })).min(1).max(100) })
  .openapi('ColumnJsonApiModel');
export const ColumnList = z.object({ data: z.array(ReadColumn) }).openapi('ReadColumnListJsonApiModel');
export const ColumnBody = z.object({ data: ReadColumn }).openapi('ReadColumnJsonApiModel');
export const ColumnUpdateBody = z
  .object({
    data: z.object({
      type: z.literal('Column'),
      id: z.string().optional(),
      // dataType and columnType are fixed at creation: sent here, they are refused with a reason.
      // prompt (an AI or FORMULA column's) goes beyond the published attributes: changing it makes the column's cells BLANK.
      attributes: z.object({ name: name.optional(), ...display, prompt: z.string().trim().min(1).max(4000).optional(), dataType: ColumnDataType.optional(), columnType: z.string().optional() }),
    }),
  })
  .openapi('ColumnUpdateJsonApiModel');

export const DataDependencyList = z
  .object({
    data: z.object({
      type: z.literal('ColumnDataDependencyList'),
      attributes: z.array(z.object({ id: z.string(), name: z.string(), dataType: ColumnDataType, type: z.enum(['COLUMN', 'KNOWLEDGE_BASE']) })),
    }),
  })
  .openapi('ColumnDataDependencyListModel');

// ---- audiences ----

export const AudienceType = z.enum(['CONTACT', 'COMPANY']).openapi('AudienceType');

export const AudienceCreateBody = z
  .object({
    data: z.object({
      type: z.literal('Audience'),
      attributes: z.object({
        name,
        notes: notes.optional(),
        type: AudienceType,
        origin: z.literal('CUSTOM').optional(),
        folderId: z.string().optional(),
        columns: z
          .array(
            z.object({
              type: z.literal('Column'),
              attributes: z.object({ columnType: z.literal('CUSTOM').optional(), name, dataType: ColumnDataType, ...display }),
            }),
          )
          .max(100)
          .optional(),
      }),
    }),
  })
  .openapi('AudienceJsonApiModel');

export const Audience = z
  .object({
    id: z.string(),
    type: z.literal('Audience'),
    attributes: z.object({
      name: z.string(),
      notes: z.string().optional(),
      recordCount: z.number().int(),
      type: AudienceType,
      folderId: z.string(),
      origin: z.literal('CUSTOM'),
      folderName: z.string(),
      columns: z.array(ReadColumn),
    }),
    meta,
  })
  .openapi('ReadAudienceDetail');
export const AudienceBody = z.object({ data: Audience }).openapi('ReadAudienceDetailJsonApiModel');
export const AudienceList = z.object({ data: z.array(Audience), meta: Pagination, links: Links }).openapi('AudiencesJsonApiList');
export const AudienceUpdateBody = z
  .object({ data: z.object({ type: z.literal('Audience'), id: z.string().optional(), attributes: z.object({ name: name.optional(), notes: notes.optional(), folderId: z.string().optional() }) }) })
  .openapi('AudienceUpdateJsonApiModel');

export const FilterMetadataBody = z
  .object({
    data: z.object({
      id: z.string(),
      type: z.literal('AudienceFilterMetadata'),
      attributes: z.object({
        filterMetadata: z.array(
          z.object({
            columnId: z.string(),
            isFilterable: z.boolean(),
            filterOperators: z.array(
              z.object({ operator: z.enum(FILTER_OPERATORS), isMultipleSupported: z.boolean(), valueCountLimit: z.number().int().optional(), minCharLimit: z.number().int().optional() }),
            ),
          }),
        ),
      }),
    }),
  })
  .openapi('AudienceFilterMetadataJsonApiModel');

export const MatchCriteriaBody = z
  .object({ data: z.object({ type: z.literal('UpsertMatchCriteria'), attributes: z.object({ matchCriteria: z.array(MatchCriteria).max(50).optional() }) }) })
  .openapi('UpsertMatchCriteriaRequestJsonApiModel');

export const EnrichBody = z
  .object({
    data: z.object({
      type: z.literal('AudienceEnrichment'),
      attributes: z.object({ scope: z.enum(['AUDIENCE', 'ROW']), rows: z.array(z.string()).max(1000).optional(), rowIds: z.array(z.string()).max(1000).optional(), columns: z.array(z.string()).optional() }),
    }),
  })
  .openapi('AudienceEnrichmentJsonApiModel');
export const EnrichJobBody = z.object({ data: z.object({ id: z.string(), type: z.literal('EnrichJob') }) }).openapi('EnrichJobJsonApiModel');
export const JobStatusBody = z
  .object({ data: z.object({ id: z.string(), type: z.literal('JobStatus'), attributes: z.object({ status: z.enum(RUN_STATUSES), percentProgress: z.number().int().min(0).max(100) }) }) })
  .openapi('JobStatusResponseJsonApiModel');

// ---- rows ----

export const CellValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.array(z.number()), z.null()]);
export type CellValueT = z.infer<typeof CellValue>;
export const CellErrorDetails = z.object({ summary: z.string(), description: z.string(), retryable: z.boolean() }).openapi('CellErrorDetails');
export type CellError = z.infer<typeof CellErrorDetails>;
export const Cell = z
  .object({ columnId: z.string(), value: CellValue, state: z.enum(CELL_STATES), errorDetails: CellErrorDetails.optional() })
  .openapi('CellDetails');
export const Row = z.object({ id: z.string(), type: z.literal('Row'), attributes: z.object({ values: z.array(Cell) }) }).openapi('Row');
export const RowBody = z.object({ data: Row }).openapi('RowJsonApiModel');
export const RowList = z.object({ data: z.array(Row) }).openapi('UpsertRowsJsonApiModel');
export const RowPage = z.object({ data: z.array(Row), meta: Pagination, links: Links }).openapi('GetRowsJsonApiModel');

const UpsertRow = z
  .object({
    id: z.string().optional(),
    type: z.literal('Row'),
    attributes: z.object({ values: z.array(z.object({ columnId: z.string().min(1), value: CellValue })).max(500) }),
  })
  .openapi('UpsertRow');
export const MAX_UPSERT = 50;
export const MAX_BULK_UPSERT = 500;
export const MAX_BULK_DELETE = 1000;
export const RowUpsertBody = z.object({ data: z.array(UpsertRow).min(1).max(MAX_UPSERT) }).openapi('RowUpsertListApiModel');
export const RowBulkUpsertBody = z.object({ data: z.array(UpsertRow).min(1).max(MAX_BULK_UPSERT) }).openapi('BulkRowUpsertListApiModel');
export type UpsertRowInput = z.infer<typeof UpsertRow>;

export const Filter = z
  .object({ type: z.literal('Filter').optional(), columnId: z.string().min(1), filterOperator: z.enum(FILTER_OPERATORS), values: z.union([z.array(z.string()), z.array(z.number())]).optional() })
  .openapi('GenericFilterFieldForAudience');
export type FilterInput = z.infer<typeof Filter>;
export const RowSearchBody = z
  .object({
    data: z.object({
      type: z.literal('RowSearch'),
      attributes: z.object({ filter: z.object({ operator: z.enum(['AND', 'OR']), filters: z.array(Filter).max(50).optional() }).optional(), ids: z.array(z.string()).max(500).optional() }),
    }),
  })
  .openapi('RowSearchJsonApiModel');
export const RowDeleteBody = z
  .object({ data: z.array(z.object({ id: z.string().min(1), type: z.literal('Row') })).min(1).max(MAX_BULK_DELETE) })
  .openapi('DeleteRowJsonApiModel');
export const RowJobBody = z.object({ data: z.object({ id: z.string(), type: z.literal('RowAsyncJob') }) }).openapi('RowAsyncJobJsonApiModel');

export const TokenResponse = z
  .object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int(), scope: z.string() })
  .openapi('GtmTokenResponse');
