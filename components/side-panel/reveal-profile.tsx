import { useSend } from '../background.tsx';
import { useAction } from '../ui.tsx';

export const PROFILE_COST = '1 credit (free if your account enriched this company in the last 12 months)';

/** A company preview's one way to its full profile: a click that says what it costs. */
export function RevealProfile({ tabId, entityKey, name }: { tabId: number; entityKey: string; name: string }) {
  const send = useSend();
  const reveal = useAction(() => send('revealEntity', { tabId, key: entityKey }));
  return (
    <div className="reveal">
      <button type="button" className="button primary" disabled={reveal.pending} onClick={() => void reveal.start()}>
        {reveal.pending ? 'Revealing…' : `Reveal the full profile of ${name}`}
      </button>
      <p className="cost">Costs {PROFILE_COST}.</p>
      {reveal.error ? (
        <p className="inline-error" role="alert">
          {reveal.error.message}
        </p>
      ) : null}
    </div>
  );
}
