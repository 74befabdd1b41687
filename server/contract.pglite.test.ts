// @vitest-environment node
import { contractSuite } from './testing/contract-suite.ts';

contractSuite('pglite');
