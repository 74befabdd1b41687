import { useEffect, useState } from 'react';
import type { Audience } from '../../../utils/audiences/schemas.ts';
import { SidecarError } from '../../../utils/errors.ts';
import type { ListJob } from '../../../utils/messaging.ts';
import { useCapability, useSend } from '../../background.tsx';
import { Notice, useAction } from '../../ui.tsx';

const NEW = '__new__';
const POLL_MS = 500;

/**
 * "Add all to list" (the page list, search results) and "Add to list" (a card): pick a list or name
 * a new one; `capture` hands the rows to the worker, which writes them as a job, so closing the
 * panel does not stop it.
 */
export function AddToList({ label, capture }: { label: string; capture: (listId: string) => Promise<ListJob> }) {
  const send = useSend();
  const offered = useCapability('audiences');
  const [lists, setLists] = useState<Audience[] | null>(null);
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [job, setJob] = useState<(ListJob & { listName: string }) | null>(null);

  const open = useAction(async () => {
    const overview = await send('listsOverview', {});
    if (overview.access !== 'manage') throw new SidecarError(overview.access === null ? 'not_configured' : 'forbidden', overview.needs ?? 'This GTM Studio client may only read lists, not add to them.');
    setLists(overview.lists);
    setChoice(overview.lists[0]?.id ?? NEW);
  });
  const add = useAction(async () => {
    const list = choice === NEW ? await send('createList', { name: name.trim() }) : lists?.find((l) => l.id === choice);
    if (!list) return;
    const started = await capture(list.id);
    setLists(null);
    setJob({ ...started, listName: list.attributes.name });
  });

  useEffect(() => {
    if (job?.state !== 'running') return;
    const timer = setInterval(() => {
      void send('captureStatus', { jobId: job.jobId }).then((s) => setJob({ ...s, listName: job.listName }));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [job, send]);

  if (!offered) return null;
  const error = open.error ?? add.error;
  return (
    <div className="add-to-list">
      {lists ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add.start();
          }}
        >
          <select aria-label="List" value={choice} onChange={(e) => setChoice(e.target.value)}>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.attributes.name}
              </option>
            ))}
            <option value={NEW}>New list…</option>
          </select>
          {choice === NEW ? <input type="text" aria-label="New list name" placeholder="List name" value={name} maxLength={255} onChange={(e) => setName(e.target.value)} /> : null}
          <button type="submit" className="button small primary" disabled={add.pending || (choice === NEW && !name.trim())}>
            Add
          </button>
          <button type="button" className="button small" onClick={() => setLists(null)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="button small" disabled={open.pending || job?.state === 'running'} onClick={() => void open.start()}>
          {label}
        </button>
      )}
      {job ? (
        <p className="muted add-status" role="status">
          {job.state === 'running'
            ? `Adding to ${job.listName}… ${job.done} of ${job.total}`
            : job.state === 'done'
              ? `Added to ${job.listName} (${job.total} checked; people already in it were not added again).`
              : `Adding to ${job.listName} failed: ${job.error?.message ?? 'unknown error'}`}
        </p>
      ) : null}
      {error ? <Notice tone="error" title="Could not add to a list.">{error.message}</Notice> : null}
    </div>
  );
}
