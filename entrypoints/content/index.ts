import { defineContentScript } from 'wxt/utils/define-content-script';
import { DEMO_PAGE_MATCHES, SUPPORTED_SITE_MATCHES } from '../../utils/sites/matches.ts';

export default defineContentScript({
  matches: [...SUPPORTED_SITE_MATCHES, ...DEMO_PAGE_MATCHES],
  main() {},
});
