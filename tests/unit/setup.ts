import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// The plugin installs the fake browser but never resets it (style.md, "WXT 0.21 facts").
beforeEach(() => {
  fakeBrowser.reset();
});
