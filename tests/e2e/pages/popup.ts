import type { BrowserContext, Locator, Page } from '@playwright/test';

/** The toolbar popup, opened as a page pinned to one tab. */
export class PopupPage {
  readonly page: Page;
  private constructor(page: Page) {
    this.page = page;
  }

  static async open(context: BrowserContext, extensionId: string, tabId: number): Promise<PopupPage> {
    const page = await context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    return new PopupPage(page);
  }

  connection(): Locator {
    return this.page.getByTestId('connection');
  }

  found(): Locator {
    return this.page.getByTestId('found');
  }
}
