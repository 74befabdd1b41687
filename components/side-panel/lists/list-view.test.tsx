// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Audience, RowPage } from '../../../utils/audiences/schemas.ts';
import { fakeBackground, render, waitFor, type Rendered } from '../../../tests/unit/testing.tsx';
import { ListView } from './list-view.tsx';

const column = (id: string, name: string, columnType: 'CUSTOM' | 'ZOOMINFO_MATCH' = 'CUSTOM') => ({ id, attributes: { name, dataType: 'STRING', columnType } });
const known: Audience = {
  id: 'list-1',
  attributes: { name: 'Speakers', type: 'CONTACT', recordCount: 2, folderId: 'f', columns: [column('c-email', 'Email'), column('c-name', 'Name'), column('c-match', 'ZoomInfo Match', 'ZOOMINFO_MATCH')] },
};
const rows: RowPage = {
  data: ['ana@example.com', 'bo@example.com'].map((email, i) => ({ id: `r${i}`, attributes: { values: [{ columnId: 'c-email', value: email, state: 'BLANK' as const }] } })),
  meta: { page: { size: 100, number: 1 }, total: 2 },
};

let rendered: Rendered | undefined;
afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

describe('opening a list', () => {
  it('asks for its rows first and shows them before the list’s own answer and its filter-metadata come', async () => {
    const never = new Promise<never>(() => undefined);
    let answerRows: (page: RowPage) => void = () => undefined;
    const rowsAnswer = new Promise<RowPage>((resolve) => {
      answerRows = resolve;
    });
    const background = fakeBackground({ listRows: () => rowsAnswer, getList: () => never, listFilterMetadata: () => never });
    rendered = await render(<ListView listId="list-1" known={known} storedViews={{ value: {}, loaded: true }} canChange={false} onBack={() => undefined} />, background);
    // Asked together, the three would share the provider's time and the rows would come last.
    await waitFor(() => expect(background.calls.map((c) => c.name)).toEqual(['listRows']));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(background.calls.map((c) => c.name)).toEqual(['listRows']);
    answerRows(rows);
    // happy-dom lays nothing out, so the virtual table draws no body rows: its header and count say the rows came.
    await waitFor(() => expect(rendered?.container.querySelector('[data-testid="list-table"]')?.getAttribute('aria-rowcount')).toBe('3'));
    expect(rendered.container.querySelector('.list-view-head')?.textContent).toContain('Speakers2 rows');
    expect(background.calls.map((c) => c.name)).toEqual(['listRows', 'getList', 'listFilterMetadata']);
  });
});
