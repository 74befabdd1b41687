// @vitest-environment node
// PostgreSQL: TEST_DATABASE_URL, or a throwaway cluster (server/testing/pg-cluster.ts).
import { audienceSuite } from './testing/audience-suite.ts';

audienceSuite('postgres');
