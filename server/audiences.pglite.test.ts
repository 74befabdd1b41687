// @vitest-environment node
import { audienceSuite } from './testing/audience-suite.ts';

audienceSuite('pglite');
