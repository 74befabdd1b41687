/** Connector definitions the unit tests share: App-Z as an admin would define it. */
import type { ConnectorAction, ConnectorInput } from './connector.ts';

export const APPZ_BASE = 'https://appz.example.com/app-z';

export const competitorsAction: ConnectorAction = {
  id: 'competitors',
  name: 'Competitors',
  description: 'Competitors of a company with our win rate',
  category: 'Enrich',
  method: 'GET',
  endpoint: '/api/v1/companies/{domain}/competitors',
  parameters: [{ name: 'domain', description: '', sample: 'northwind.io', entityField: 'domain' }],
  body: null,
  headers: [],
  outputs: [
    { path: 'competitors[].name', label: 'Competitors' },
    { path: 'competitors[0].winRate', label: 'Win rate vs top rival' },
  ],
};

export const peopleAction: ConnectorAction = {
  id: 'person',
  name: 'Person',
  description: '',
  category: 'Enrich',
  method: 'GET',
  endpoint: '/api/v1/people?email={email}',
  parameters: [{ name: 'email', description: '', sample: 'priya.raman@northwind.io', entityField: 'email' }],
  body: null,
  headers: [],
  outputs: [{ path: 'mobilePhone', label: 'Mobile phone' }],
};

export const noteAction: ConnectorAction = {
  id: 'note',
  name: 'Send note',
  description: '',
  category: 'Connect',
  method: 'POST',
  endpoint: '/api/v1/notes',
  parameters: [
    { name: 'about', description: '', sample: 'northwind.io', entityField: 'domain' },
    { name: 'text', description: '', sample: 'Hello', entityField: null },
    { name: 'source', description: '', sample: 'sidecar', entityField: null },
  ],
  body: '{"about": "{about}", "text": "{text}"}',
  headers: [{ name: 'X-Source', value: '{source}' }],
  outputs: [{ path: 'id', label: 'Note id' }],
};

/** App-Z's accounts, a page at a time: a Retrieve action whose rows are companies. */
export const accountsAction: ConnectorAction = {
  id: 'accounts',
  name: 'Accounts',
  description: '',
  category: 'Retrieve',
  method: 'GET',
  endpoint: '/api/v1/accounts?page={page}',
  parameters: [{ name: 'page', description: 'Which page of accounts', sample: '1', entityField: null }],
  body: null,
  headers: [],
  outputs: [
    { path: 'data[].name', label: 'Account', entityField: 'companyName' },
    { path: 'data[].domain', label: 'Domain', entityField: 'domain' },
    { path: 'data[].owner', label: 'Owner' },
  ],
};

export function appZConnector(overrides: Partial<ConnectorInput> = {}): ConnectorInput {
  return {
    id: 'app-z',
    name: 'App-Z',
    description: 'App-Z is an internal dashboard of competitive data for sales prospecting',
    baseUrl: APPZ_BASE,
    logo: null,
    category: 'Sales',
    auth: { type: 'apiKey', displayName: 'App-Z key', keyName: 'api_key', placement: 'query' },
    actions: [competitorsAction, peopleAction, noteAction],
    ...overrides,
  };
}
