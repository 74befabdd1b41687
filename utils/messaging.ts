import { z } from 'zod';
import { browser, type Browser } from 'wxt/browser';
import { SidecarError, toSidecarError, ERROR_IDS, type SerializedError } from './errors.ts';
import { detection } from './schemas/detection.ts';
import { lookupStatus, tabState } from './schemas/lookup.ts';
import {
  contactSearchRequest,
  contactSearchResponse,
  companySearchRequest,
  companySearchResponse,
} from './schemas/search-api.ts';
import {
  companySearchCriteria,
  companySearchResult,
  contactSearchCriteria,
  contactSearchResult,
  enrichedContact,
  intentSearchRequest,
  intentSearchResult,
  lookupField,
  usageEntry,
} from './schemas/enterprise-api.ts';
import { settingsSchema, settingsPatchSchema, authMethod, secretsSchema } from './schemas/settings.ts';
import { aiTool, audience, filterMetadata, folder, jobStatus, newColumn, rowPage, rowQuery } from './audiences/schemas.ts';
import { captureRow } from './audiences/capture.ts';
import { companyInsights } from './schemas/insights.ts';
import {
  actionId,
  actionTestResult,
  connectPreview,
  connectorId,
  connectorSection,
  connectorsOverview,
  connectorView,
  entityRef,
  retrieveTable,
  waterfallConfig,
} from './connectors/views.ts';

/**
 * The one message protocol (issue 2). Every message is declared here once, with the zod schemas of
 * its input and output; both ends import it. `access` says who may send it: `content` = any
 * context of this extension (content scripts included), `extension` = extension pages only
 * (side panel, popup, options) — settings, credentials and anything that spends credits.
 */

type Access = 'content' | 'extension';
interface MessageDef<I extends z.ZodType, O extends z.ZodType> {
  access: Access;
  input: I;
  output: O;
}
const message = <A extends Access, I extends z.ZodType, O extends z.ZodType>(access: A, input: I, output: O): MessageDef<I, O> & { access: A } => ({
  access,
  input,
  output,
});

const tabId = z.number().int().nonnegative();
const entityKey = z.string().min(3).max(2100);
const ok = z.object({ ok: z.literal(true) });

export const connectionStatus = z.object({
  configured: z.boolean(),
  provider: z.string(),
  baseUrl: z.string(),
  authMethod,
  creditsRemaining: z.number().nullable(),
  creditsUpdatedAt: z.number().nullable(),
  lastError: z.object({ id: z.string(), message: z.string() }).nullable(),
  capabilities: z.array(z.string()),
});
export type ConnectionStatus = z.infer<typeof connectionStatus>;

export const credentialsInput = z.object({
  authMethod,
  username: z.string().max(320).default(''),
  clientId: z.string().max(200).default(''),
  tokenUrl: z.string().max(2000).default(''),
  /** Only the secrets being set; an absent one keeps its stored value. */
  secrets: secretsSchema.default({}),
});
export type CredentialsInput = z.input<typeof credentialsInput>;

export const credentialSummary = z.object({
  authMethod,
  username: z.string(),
  clientId: z.string(),
  tokenUrl: z.string(),
  /** Which secrets are stored — never their values. */
  stored: z.array(z.enum(['password', 'privateKeyPem', 'clientSecret', 'apiKey', 'searchApiKey', 'gtmClientSecret'])),
});
export type CredentialSummary = z.infer<typeof credentialSummary>;

export { companyInsights, type CompanyInsights } from './schemas/insights.ts';

/** What a toolbar quick lookup or the context menu asks for. */
export const lookupQuery = z.object({
  kind: z.enum(['email', 'domain', 'company']),
  value: z.string().min(1).max(500),
});
export type LookupQuery = z.infer<typeof lookupQuery>;

const listId = z.string().min(1).max(200);
const listName = z.string().trim().min(1).max(255);

/** The Lists tab's first answer: what the token may do (null: no provider serves lists), folders and lists. */
export const listsOverview = z.object({
  access: z.enum(['read', 'manage']).nullable(),
  /** With access null: what the user must set up, in a sentence. */
  needs: z.string().nullable(),
  folders: z.array(folder),
  lists: z.array(audience),
});
export type ListsOverview = z.infer<typeof listsOverview>;

/** A capture or export running as a background job. */
export const listJob = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  error: z.object({ id: z.string(), message: z.string() }).nullable(),
});
export type ListJob = z.infer<typeof listJob>;

/**
 * What "Enrich list" will do and cost at most: rows not matched yet (or whose match failed and may
 * be retried) cost a credit each at most; matched rows whose formula or AI cells are still to be
 * computed cost nothing.
 */
export const enrichPreview = z.object({ rows: z.number().int(), unmatched: z.number().int(), retryable: z.number().int(), computing: z.number().int() });
export type EnrichPreview = z.infer<typeof enrichPreview>;

export const backgroundMessages = {
  /** Content script → what it found on its page. `replace`: a full scan (drop what is gone). */
  reportDetections: message(
    'content',
    z.object({ url: z.string().max(4000), detections: z.array(detection).max(5000), replace: z.boolean() }),
    z.object({ tracked: z.number().int() }),
  ),
  /** Content script → badge colours for its own tab: entity key → lookup status (the worker also pushes them: updateBadges). */
  getBadgeStates: message('content', z.object({}), z.record(z.string(), lookupStatus)),
  /** Badge click → open the side panel on that entity (runs inside the click's user gesture). */
  openSidePanel: message('content', z.object({ key: entityKey.optional() }), ok),

  getTabState: message('extension', z.object({ tabId }), tabState.nullable()),
  selectEntity: message('extension', z.object({ tabId, key: entityKey.nullable() }), ok),
  retryLookup: message('extension', z.object({ tabId, key: entityKey }), ok),
  /** A click on a preview (its card's reveal, a badge): enrich that entity, whatever the mode. */
  revealEntity: message('extension', z.object({ tabId, key: entityKey }), ok),
  /** "Enrich N more": the user accepts to spend on every preview a credit cap held back on this tab. */
  enrichHeld: message('extension', z.object({ tabId }), z.object({ enriching: z.number().int() })),
  /** Popup quick lookup: adds the entity to the tab, selects it and looks it up (a click: it may reveal). */
  lookup: message('extension', z.object({ tabId, query: lookupQuery }), z.object({ key: entityKey })),
  /** Spend a credit (unless already enriched) to reveal a contact's email and phones. */
  /** With the tab and entity it was revealed on, the reveal is kept there (a reopened card shows it). */
  revealContact: message('extension', z.object({ personId: z.number().int().positive(), tabId: tabId.optional(), key: z.string().min(1).max(600).optional() }), enrichedContact),
  /** MULTI_MATCH: the user picked one candidate for this identifier. */
  chooseCandidate: message('extension', z.object({ tabId, key: entityKey, personId: z.number().int() }), ok),
  /** "Not this person": drop the match for this identifier and remember it. */
  rejectMatch: message('extension', z.object({ tabId, key: entityKey }), ok),
  companyInsights: message('extension', z.object({ companyId: z.number().int() }), companyInsights),
  recommendedContacts: message('extension', contactSearchCriteria, contactSearchResult),
  searchContacts: message('extension', contactSearchRequest, contactSearchResponse),
  searchCompanies: message('extension', companySearchRequest, companySearchResponse),
  /** The enterprise API's own searches (free): the search tab without a search API key. */
  prospectContacts: message('extension', contactSearchCriteria, contactSearchResult),
  prospectCompanies: message('extension', companySearchCriteria, companySearchResult),
  intentSearch: message('extension', intentSearchRequest, intentSearchResult),
  /** Values the provider suggests for a filter (management levels, industries, intent topics…). */
  lookupValues: message('extension', z.object({ field: lookupField }), z.array(z.string())),
  /** Toolbar button / context menu on a page not enabled by default: scan it once (activeTab). */
  scanTab: message('extension', z.object({ tabId }), z.object({ tracked: z.number().int() })),

  getStatus: message('extension', z.object({}), connectionStatus),
  getSettings: message('extension', z.object({}), settingsSchema),
  saveSettings: message('extension', settingsPatchSchema, settingsSchema),
  getCredentials: message('extension', z.object({}), credentialSummary),
  saveCredentials: message('extension', credentialsInput, credentialSummary),
  testConnection: message(
    'extension',
    z.object({}),
    z.object({ who: z.string(), provider: z.string(), usage: z.array(usageEntry) }),
  ),
  clearCache: message('extension', z.object({}), z.object({ cleared: z.number().int() })),

  /** Lists (GTM Studio audiences): utils/background/list-handlers.ts. */
  listsOverview: message('extension', z.object({}), listsOverview),
  createFolder: message('extension', z.object({ name: listName }), folder),
  renameFolder: message('extension', z.object({ folderId: listId, name: listName }), folder),
  deleteFolder: message('extension', z.object({ folderId: listId }), ok),
  createList: message('extension', z.object({ name: listName, folderId: listId.optional() }), audience),
  /** Rename and/or move to another folder. */
  updateList: message('extension', z.object({ listId, name: listName.optional(), folderId: listId.optional() }), audience),
  deleteList: message('extension', z.object({ listId }), ok),
  getList: message('extension', z.object({ listId }), audience),
  listRows: message('extension', z.object({ listId, query: rowQuery.partial().default({}) }), rowPage),
  removeRows: message('extension', z.object({ listId, rowIds: z.array(z.string().min(1)).min(1).max(5000) }), ok),
  /** Every person, email and company the tab holds (or one of them, by entity key) into a list, as a job. */
  captureToList: message('extension', z.object({ listId, tabId, keys: z.array(entityKey).max(5000).optional() }), listJob),
  /** Rows the panel gathered (every result of a search) into a list, as a job like a page capture. */
  captureRowsToList: message('extension', z.object({ listId, rows: z.array(captureRow).min(1).max(10_000) }), listJob),
  captureStatus: message('extension', z.object({ jobId: z.string().min(1) }), listJob),
  enrichPreview: message('extension', z.object({ listId }), enrichPreview),
  /** Enrich the whole list (rows not yet answered, and retryable errors), or the rows given; jobId null: nothing needed it. */
  enrichList: message('extension', z.object({ listId, rowIds: z.array(z.string().min(1)).min(1).max(1000).optional() }), z.object({ jobId: z.string().nullable() })),
  enrichStatus: message('extension', z.object({ listId, jobId: z.string().min(1) }), z.object({ status: jobStatus, percentProgress: z.number() })),
  /** The operators each column of a list may be filtered with. */
  listFilterMetadata: message('extension', z.object({ listId }), filterMetadata),
  /** The AI tools the provider serves for a list's AI columns (none: no AI column offered). */
  listAiTools: message('extension', z.object({ listId }), z.array(aiTool)),
  addListColumn: message('extension', z.object({ listId, column: newColumn }), audience),

  /** Data connectors (issue 14): Options' list, with each one's connection state; policy problems. */
  connectorsOverview: message('extension', z.object({}), connectorsOverview),
  /** Save a definition (parsed in the worker); a client secret is set only when given. Its base URL's host permission is asked for by the page first. */
  saveConnector: message('extension', z.object({ connector: z.unknown(), clientSecret: z.string().max(4000).optional() }), connectorView),
  deleteConnector: message('extension', z.object({ connectorId }), ok),
  /** OAuth: runs the consent in the browser's auth window. API key: stores the key given. */
  connectConnector: message('extension', z.object({ connectorId, apiKey: z.string().min(1).max(4000).optional() }), connectorView),
  disconnectConnector: message('extension', z.object({ connectorId }), connectorView),
  /** "Test API": a draft definition (saved or not) with sample values; the saved credential is applied. */
  testConnectorAction: message('extension', z.object({ connector: z.unknown(), actionId, values: z.record(z.string(), z.string().max(2000)) }), actionTestResult),
  /** A card's connector sections: Enrich actions run (cached) for the entity, Connect actions as buttons. */
  connectorSections: message('extension', entityRef.extend({ refresh: z.boolean().default(false) }), z.array(connectorSection)),
  previewConnectAction: message('extension', entityRef.extend({ connectorId, actionId }), connectPreview),
  runConnectAction: message('extension', entityRef.extend({ connectorId, actionId }), z.object({ status: z.number().int(), durationMs: z.number() })),
  runRetrieveAction: message('extension', z.object({ connectorId, actionId, values: z.record(z.string(), z.string().max(2000)) }), retrieveTable),
  saveWaterfall: message('extension', z.object({ waterfall: waterfallConfig }), ok),
} as const;

/** Background → content script of one tab. */
export const tabMessages = {
  scanPage: message('extension', z.object({}), z.object({ detections: z.number().int() })),
  /** The tab's badge colours: entity key → lookup status, sent when its lookups change. */
  /** `sources`: entity key → what connectors filled for it ("mobile phone from App-Z"), for the badge's title. */
  updateBadges: message('extension', z.object({ states: z.record(z.string(), lookupStatus), sources: z.record(z.string(), z.string().max(300)).optional() }), ok),
} as const;

type Protocol = Record<string, MessageDef<z.ZodType, z.ZodType>>;
export type BackgroundMessages = typeof backgroundMessages;
export type TabMessages = typeof tabMessages;
export type MessageInput<P extends Protocol, N extends keyof P> = z.input<P[N]['input']>;
export type MessageOutput<P extends Protocol, N extends keyof P> = z.infer<P[N]['output']>;

/** Who sent a message, as far as the receiver can tell. */
export interface SenderContext {
  /** The sender's tab, for content scripts (and extension pages open in a tab). */
  tabId: number | undefined;
  url: string | undefined;
  isExtensionPage: boolean;
}

export type Handlers<P extends Protocol> = {
  [N in keyof P]: (input: z.infer<P[N]['input']>, sender: SenderContext) => Promise<z.input<P[N]['output']>> | z.input<P[N]['output']>;
};

const envelope = z.object({ protocol: z.literal('sidecar/1'), name: z.string(), input: z.unknown() });
const reply = z.union([
  z.object({ ok: z.literal(true), output: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ id: z.enum(ERROR_IDS), message: z.string(), retryable: z.boolean() }),
  }),
]);
type Reply = z.infer<typeof reply>;

export function describeSender(sender: Browser.runtime.MessageSender, extensionOrigin: string): SenderContext {
  const url = sender.url;
  return {
    tabId: sender.tab?.id,
    url,
    isExtensionPage: url !== undefined && url.startsWith(extensionOrigin),
  };
}

/**
 * Checks, parses and dispatches one raw message. Pure apart from the handlers: unit tests call it
 * with fake senders.
 */
export async function dispatch<P extends Protocol>(
  protocol: P,
  handlers: Handlers<P>,
  raw: unknown,
  sender: Browser.runtime.MessageSender,
  self: { id: string; origin: string },
): Promise<Reply | undefined> {
  const parsed = envelope.safeParse(raw);
  if (!parsed.success) return undefined;
  const fail = (error: SidecarError): Reply => ({ ok: false, error: error.toJSON() });
  if (sender.id !== self.id) {
    return fail(new SidecarError('refused', 'Messages from other extensions or pages are refused.'));
  }
  const name = parsed.data.name;
  const def = Object.hasOwn(protocol, name) ? protocol[name] : undefined;
  if (!def) return fail(new SidecarError('invalid_input', `Unknown message "${name}".`));
  const context = describeSender(sender, self.origin);
  if (def.access === 'extension' && !context.isExtensionPage) {
    return fail(new SidecarError('refused', `"${name}" is only accepted from Sidecar's own pages.`));
  }
  const input = def.input.safeParse(parsed.data.input);
  if (!input.success) {
    return fail(new SidecarError('invalid_input', `"${name}" was sent invalid input: ${z.prettifyError(input.error)}`));
  }
  try {
    const handler = handlers[name as keyof P] as (input: unknown, sender: SenderContext) => unknown;
    const output = await handler(input.data, context);
    return { ok: true, output: def.output.parse(output) };
  } catch (error) {
    return fail(toSidecarError(error));
  }
}

function listen<P extends Protocol>(protocol: P, handlers: Handlers<P>): void {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender, sendResponse: (r: unknown) => void) => {
    if (!envelope.safeParse(raw).success) return false;
    void dispatch(protocol, handlers, raw, sender, self).then(sendResponse);
    return true;
  });
}

function unwrap<P extends Protocol, N extends keyof P & string>(protocol: P, name: N, raw: unknown): MessageOutput<P, N> {
  const parsed = reply.safeParse(raw);
  if (!parsed.success) {
    throw new SidecarError('internal', `Sidecar's background did not answer "${name}". Reload the extension and try again.`, {
      retryable: true,
    });
  }
  if (!parsed.data.ok) {
    const e: SerializedError = parsed.data.error;
    throw new SidecarError(e.id, e.message, { retryable: e.retryable });
  }
  const def: MessageDef<z.ZodType, z.ZodType> | undefined = protocol[name];
  if (!def) throw new SidecarError('internal', `Unknown message "${name}".`);
  return def.output.parse(parsed.data.output) as MessageOutput<P, N>;
}

/**
 * Registers the background's handlers. Call synchronously at the top of the worker's main(): a
 * listener added after an `await` misses the message that woke the worker.
 */
export function onBackgroundMessage(handlers: Handlers<BackgroundMessages>): void {
  listen(backgroundMessages, handlers);
}

export function onTabMessage(handlers: Handlers<TabMessages>): void {
  listen(tabMessages, handlers);
}

export async function sendToBackground<N extends keyof BackgroundMessages & string>(
  name: N,
  input: MessageInput<BackgroundMessages, N>,
): Promise<MessageOutput<BackgroundMessages, N>> {
  const raw: unknown = await browser.runtime.sendMessage({ protocol: 'sidecar/1', name, input });
  return unwrap(backgroundMessages, name, raw);
}

export async function sendToTab<N extends keyof TabMessages & string>(
  tab: number,
  name: N,
  input: MessageInput<TabMessages, N>,
): Promise<MessageOutput<TabMessages, N>> {
  const raw: unknown = await browser.tabs.sendMessage(tab, { protocol: 'sidecar/1', name, input });
  return unwrap(tabMessages, name, raw);
}
