/** bench:detect's page bundle: the detection module as the content script uses it, and the fuzzing documents, on `window`. */
import { createDetector, detect } from '../../utils/scan/index.ts';
import { adversarialDocument, FUZZ_URLS, rng } from '../fixtures/adversarial.ts';

(window as unknown as { SidecarDetect: unknown }).SidecarDetect = { detect, createDetector, adversarialDocument, FUZZ_URLS, rng };
