import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** The side panel, opened as a 400 px wide page pinned to one tab (`?tabId=`). */
export class SidePanelPage {
  readonly page: Page;
  readonly tabId: number;

  private constructor(page: Page, tabId: number) {
    this.page = page;
    this.tabId = tabId;
  }

  static async open(context: BrowserContext, extensionId: string, tabId: number, height = 900): Promise<SidePanelPage> {
    const page = await context.newPage();
    await page.setViewportSize({ width: 400, height });
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
    return new SidePanelPage(page, tabId);
  }

  get credits(): Locator {
    return this.page.getByTestId('credits');
  }

  tab(name: 'This page' | 'Search'): Locator {
    return this.page.getByRole('tab', { name });
  }

  entity(text: string | RegExp): Locator {
    return this.page.locator('.entity-button', { hasText: text });
  }

  cardTitle(): Locator {
    return this.page.locator('.card-title').first();
  }

  back(): Locator {
    return this.page.getByRole('button', { name: /All on this page/ });
  }

  /** Navigation milestones and the app's own `sidecar:ready` mark, in ms since navigation start. */
  async timings(): Promise<{ ready: number; domContentLoaded: number; scriptsStart: number }> {
    await this.readyTime();
    return this.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return {
        ready: performance.getEntriesByName('sidecar:ready')[0]?.startTime ?? -1,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? -1,
        scriptsStart: nav?.responseEnd ?? -1,
      };
    });
  }

  async readyTime(): Promise<number> {
    await expect.poll(() => this.page.evaluate(() => performance.getEntriesByName('sidecar:ready').length)).toBeGreaterThan(0);
    return this.page.evaluate(() => performance.getEntriesByName('sidecar:ready')[0]?.startTime ?? -1);
  }
}
