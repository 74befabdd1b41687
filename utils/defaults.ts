/** Where the reference server listens by default (api-contract.md §3: PORT 8787 on 127.0.0.1). */
export const DEFAULT_BASE_URL = 'http://localhost:8787';
