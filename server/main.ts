/** `npm run server`: starts the reference server from the environment (api-contract.md §3). */
import { ExposureRefused, startServer, type RunningServer } from './app.ts';
import { startupLines } from './lib/exposure.ts';

const started = performance.now();
let server: RunningServer;
try {
  server = await startServer();
} catch (error) {
  if (!(error instanceof ExposureRefused)) throw error;
  console.error(error.message);
  process.exit(1);
}
const { config } = server;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const database = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}/pglite`;
const demoDefaults = config.demoUser === 'demo@example.com' && config.demoPassword === 'demo-password';
const lines = [
  `Sidecar reference server on ${server.url} (ready in ${seconds} s)`,
  `  database: ${database}; ${server.seed.companies} companies, ${server.seed.contacts} contacts${server.seed.generated ? ` (seeded in ${(server.seed.ms / 1000).toFixed(1)} s)` : ''}`,
  `  API reference: ${server.url}/docs${server.exposure.testTools ? ` · demo pages: ${server.url}/demo/` : ''} · signing keys: ${server.url}/.well-known/jwks.json`,
  // Only the documented demo defaults are ever printed; configured secrets never are.
  demoDefaults ? '  enterprise API login: demo@example.com / demo-password' : '  enterprise API login: DEMO_USER / DEMO_PASSWORD (as configured)',
  config.apiKeys.length === 1 && config.apiKeys[0] === 'demo-key' ? '  search API key: demo-key' : '  search API keys: API_KEYS (as configured)',
  config.pkiClientsFile ? `  PKI clients: ${config.pkiClientsFile}` : `  demo PKI client: ${config.dataDir}/demo-client.json + demo-client-private-key.pem`,
  config.faults && server.exposure.testTools ? `  FAULTS active: ${process.env.FAULTS ?? ''}` : '',
].filter((l) => l.length > 0);
console.log(startupLines(server.exposure, lines).join('\n'));

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
