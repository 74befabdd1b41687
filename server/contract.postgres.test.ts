// @vitest-environment node
// PostgreSQL: TEST_DATABASE_URL, or a throwaway cluster started from the installed binaries
// (server/testing/pg-cluster.ts). Fails, never skips, when PostgreSQL is not installed.
import { contractSuite } from './testing/contract-suite.ts';

contractSuite('postgres');
