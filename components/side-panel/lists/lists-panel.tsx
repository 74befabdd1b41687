import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import type { Audience } from '../../../utils/audiences/schemas.ts';
import type { ListsOverview } from '../../../utils/messaging.ts';
import { useSend } from '../../background.tsx';
import { Notice, Skeleton, useAction } from '../../ui.tsx';
import { listViewsItem } from '../../../utils/stores/storage.ts';
import { useStored } from '../../use-tab-state.ts';
import { ListView } from './list-view.tsx';

type Editing =
  | { kind: 'rename-list' | 'rename-folder'; id: string; name: string }
  | { kind: 'delete-list' | 'delete-folder'; id: string; name: string }
  | { kind: 'move-list'; id: string; name: string; folderId: string }
  | null;

/**
 * The Lists tab: the provider's folders and lists (GTM Studio audiences). Changes are offered only
 * with a token that may make them; without a provider serving lists, it says what to set up.
 */
export function ListsPanel() {
  const send = useSend();
  const [overview, setOverview] = useState<ListsOverview | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [newList, setNewList] = useState('');
  const [folderId, setFolderId] = useState('');
  const [newFolder, setNewFolder] = useState('');
  // Read while the overview loads: a list opened from here knows its view at once.
  const storedViews = useStored(listViewsItem);

  const load = useAction(useCallback(async () => setOverview(await send('listsOverview', {})), [send]));
  const reload = load.start;
  useEffect(() => {
    void reload();
  }, [reload]);

  const change = useAction(async (run: () => Promise<unknown>) => {
    await run();
    setEditing(null);
    await reload();
  });

  if (!overview) return load.error ? <Notice tone="error" title="Could not load your lists.">{load.error.message}</Notice> : <Skeleton lines={4} label="Loading lists" />;
  if (overview.access === null) {
    return (
      <Notice
        tone="info"
        title="Lists need a GTM Studio connection."
        action={
          <button type="button" className="button small" onClick={() => void browser.runtime.openOptionsPage()}>
            Open options
          </button>
        }
      >
        {overview.needs} Without it you can still export this page’s list as CSV from the Search tab.
      </Notice>
    );
  }
  const canChange = overview.access === 'manage';
  if (open) return <ListView listId={open} known={overview.lists.find((l) => l.id === open)} storedViews={storedViews} canChange={canChange} onBack={() => (setOpen(null), void reload())} />;

  const submitList = (e: FormEvent) => {
    e.preventDefault();
    const name = newList.trim();
    if (!name) return;
    void change.start(async () => {
      const list = await send('createList', { name, folderId: folderId || undefined });
      setNewList('');
      setOpen(list.id);
    });
  };
  const submitFolder = (e: FormEvent) => {
    e.preventDefault();
    const name = newFolder.trim();
    if (!name) return;
    void change.start(async () => {
      await send('createFolder', { name });
      setNewFolder('');
    });
  };
  const byFolder = overview.folders.map((f) => ({ folder: f, lists: overview.lists.filter((l) => l.attributes.folderId === f.id) }));
  const loose = overview.lists.filter((l) => !overview.folders.some((f) => f.id === l.attributes.folderId));

  const listRow = (list: Audience) => (
    <li key={list.id} className="lists-item">
      <button
        type="button"
        className="lists-open"
        onClick={() => {
          // Measured by bench:ui (BENCHMARKS.md): from this click to the list's first rows on screen.
          performance.mark('sidecar:list-open');
          setOpen(list.id);
        }}
      >
        <span className="lists-name">{list.attributes.name}</span>
        <span className="muted nowrap">{list.attributes.recordCount} rows</span>
      </button>
      {canChange ? (
        <span className="lists-tools">
          <button type="button" className="link-button" aria-label={`Rename ${list.attributes.name}`} onClick={() => setEditing({ kind: 'rename-list', id: list.id, name: list.attributes.name })}>
            Rename
          </button>
          {overview.folders.length > 1 ? (
            <button type="button" className="link-button" aria-label={`Move ${list.attributes.name}`} onClick={() => setEditing({ kind: 'move-list', id: list.id, name: list.attributes.name, folderId: list.attributes.folderId })}>
              Move
            </button>
          ) : null}
          <button type="button" className="link-button danger" aria-label={`Delete ${list.attributes.name}`} onClick={() => setEditing({ kind: 'delete-list', id: list.id, name: list.attributes.name })}>
            Delete
          </button>
        </span>
      ) : null}
    </li>
  );

  return (
    <section className="lists-panel" aria-label="Lists">
      {!canChange ? (
        <Notice tone="info" title="Read-only access.">
          This GTM Studio client may read lists but not change them (it lacks the api:audience:manage scope). Ask your admin for a client that may manage audiences.
        </Notice>
      ) : null}
      {editing ? (
        <EditPrompt
          editing={editing}
          folders={overview.folders}
          pending={change.pending}
          onCancel={() => setEditing(null)}
          onConfirm={(name) =>
            void change.start(() => {
              switch (editing.kind) {
                case 'rename-list':
                  return send('updateList', { listId: editing.id, name });
                case 'move-list':
                  return send('updateList', { listId: editing.id, folderId: name });
                case 'rename-folder':
                  return send('renameFolder', { folderId: editing.id, name });
                case 'delete-list':
                  return send('deleteList', { listId: editing.id });
                case 'delete-folder':
                  return send('deleteFolder', { folderId: editing.id });
              }
            })
          }
        />
      ) : null}
      {change.error ? <Notice tone="error" title="That did not work.">{change.error.message}</Notice> : null}
      {byFolder.map(({ folder, lists }) => (
        <div key={folder.id} className="lists-folder">
          <h3 className="lists-folder-name">
            <span>{folder.attributes.name}</span>
            {canChange ? (
              <span className="lists-tools">
                <button type="button" className="link-button" aria-label={`Rename folder ${folder.attributes.name}`} onClick={() => setEditing({ kind: 'rename-folder', id: folder.id, name: folder.attributes.name })}>
                  Rename
                </button>
                <button type="button" className="link-button danger" aria-label={`Delete folder ${folder.attributes.name}`} onClick={() => setEditing({ kind: 'delete-folder', id: folder.id, name: folder.attributes.name })}>
                  Delete
                </button>
              </span>
            ) : null}
          </h3>
          {lists.length > 0 ? <ul className="lists-items">{lists.map(listRow)}</ul> : <p className="muted small-pad">No lists in this folder.</p>}
        </div>
      ))}
      {loose.length > 0 ? <ul className="lists-items">{loose.map(listRow)}</ul> : null}
      {canChange ? (
        <div className="lists-create">
          <form className="inline-form" onSubmit={submitList}>
            <input type="text" aria-label="New list name" placeholder="New list name" value={newList} maxLength={255} onChange={(e) => setNewList(e.target.value)} />
            <select aria-label="In folder" value={folderId} onChange={(e) => setFolderId(e.target.value)}>
              <option value="">Its own folder</option>
              {overview.folders.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.attributes.name}
                </option>
              ))}
            </select>
            <button type="submit" className="button small primary" disabled={change.pending || !newList.trim()}>
              Create list
            </button>
          </form>
          <form className="inline-form" onSubmit={submitFolder}>
            <input type="text" aria-label="New folder name" placeholder="New folder name" value={newFolder} maxLength={255} onChange={(e) => setNewFolder(e.target.value)} />
            <button type="submit" className="button small" disabled={change.pending || !newFolder.trim()}>
              Create folder
            </button>
          </form>
        </div>
      ) : null}
    </section>
  );
}

/** Rename (the new name), move (the folder's id) or delete (a confirmation) a list or folder. */
function EditPrompt({
  editing,
  folders,
  pending,
  onCancel,
  onConfirm,
}: {
  editing: NonNullable<Editing>;
  folders: ListsOverview['folders'];
  pending: boolean;
  onCancel: () => void;
  onConfirm: (value: string) => void;
}) {
  const [name, setName] = useState(editing.kind === 'move-list' ? editing.folderId : editing.name);
  const deleting = editing.kind === 'delete-list' || editing.kind === 'delete-folder';
  if (editing.kind === 'move-list') {
    return (
      <form
        className="cost-prompt"
        role="dialog"
        aria-label="Move list"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(name);
        }}
      >
        <p>
          Move <strong>{editing.name}</strong> to
        </p>
        <select aria-label="Folder" value={name} onChange={(e) => setName(e.target.value)}>
          {folders.map((f) => (
            <option key={f.id} value={f.id}>
              {f.attributes.name}
            </option>
          ))}
        </select>
        <div className="row-actions">
          <button type="submit" className="button small primary" disabled={pending || name === editing.folderId}>
            Move
          </button>
          <button type="button" className="button small" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  return (
    <form
      className="cost-prompt"
      role="dialog"
      aria-label={deleting ? 'Confirm delete' : 'Rename'}
      onSubmit={(e) => {
        e.preventDefault();
        if (deleting || name.trim()) onConfirm(name.trim());
      }}
    >
      {deleting ? (
        <p>
          Delete <strong>{editing.name}</strong>
          {editing.kind === 'delete-list' ? ' and every row in it' : ' (it must be empty)'}? This cannot be undone.
        </p>
      ) : (
        <input type="text" aria-label="New name" value={name} maxLength={255} autoFocus onChange={(e) => setName(e.target.value)} />
      )}
      <div className="row-actions">
        <button type="submit" className={`button small ${deleting ? 'danger' : 'primary'}`} disabled={pending}>
          {deleting ? 'Delete' : 'Save'}
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
