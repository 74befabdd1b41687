import type { Locator, Page } from '@playwright/test';

/** The side panel's search tab. */
export class SearchTab {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  mode(name: 'Contacts' | 'Companies' | 'Intent'): Locator {
    return this.page.getByRole('radio', { name });
  }

  filter(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async search(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Search (contacts|companies)|Find companies)$/ }).click();
  }

  rows(): Locator {
    return this.page.locator('table.results tbody tr');
  }

  summary(): Locator {
    return this.page.getByTestId('results-summary');
  }

  exportButton(): Locator {
    return this.page.getByRole('button', { name: /^Export all .* \(CSV\)$/ });
  }
}
