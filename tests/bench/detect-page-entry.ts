/** bench:detect's page bundle: the detection module as the content script uses it, on `window`. */
import { createDetector, detect } from '../../utils/detect/index.ts';

(window as unknown as { SidecarDetect: unknown }).SidecarDetect = { detect, createDetector };
