import type { BrowserContext, Locator, Page } from '@playwright/test';

export class OptionsPage {
  readonly page: Page;
  private constructor(page: Page) {
    this.page = page;
  }

  static async open(context: BrowserContext, extensionId: string, width = 400): Promise<OptionsPage> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return new OptionsPage(page);
  }

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label);
  }

  async testConnection(): Promise<void> {
    await this.page.getByRole('button', { name: 'Test connection' }).click();
  }

  success(): Locator {
    return this.page.locator('.notice-success');
  }

  failure(): Locator {
    return this.page.getByTestId('test-error');
  }
}
