import type { TabState } from '../../utils/schemas/lookup.ts';
import type { Settings } from '../../utils/schemas/settings.ts';
import { useSend } from '../background.tsx';
import { useSpentToday } from '../credit-spend.tsx';
import { Notice, useAction } from '../ui.tsx';

/**
 * Past a cap, automatic enrichment leaves previews and says so: "Enrich N more — up to N credits"
 * past the page's cap; past the daily cap, why nothing more is spent, with the same offer (a click).
 */
export function EnrichOffer({ tabId, state, settings }: { tabId: number; state: TabState | null; settings: Settings | undefined }) {
  const send = useSend();
  const spent = useSpentToday();
  const enrich = useAction(() => send('enrichHeld', { tabId }));
  const held = (state?.entities ?? []).flatMap((e) => (e.state.status === 'RESULT' && e.state.result.held ? [e.state.result.held] : []));
  if (held.length === 0 || !settings) return null;
  const n = held.length;
  const daily = held.includes('daily_cap');
  const button = (
    <button type="button" className="button primary" disabled={enrich.pending} onClick={() => void enrich.start()}>
      {enrich.pending ? 'Enriching…' : `Enrich ${n} more — up to ${n} ${n === 1 ? 'credit' : 'credits'}`}
    </button>
  );
  return (
    <div className="enrich-offer" data-testid="enrich-offer">
      {daily ? (
        <Notice tone="warning" title="Daily credit cap reached." action={button}>
          <p>
            {spent} of {settings.dailyCreditCap} credits spent today. Nothing more is spent automatically until tomorrow; {n} {n === 1 ? 'item shows' : 'items show'} a free
            preview.
          </p>
        </Notice>
      ) : (
        <Notice tone="info" title={`This page’s cap of ${settings.pageCreditCap} credits is reached.`} action={button}>
          <p>
            {n} more {n === 1 ? 'item shows' : 'items show'} a free preview. Records your account enriched in the last 12 months cost nothing.
          </p>
        </Notice>
      )}
      {enrich.error ? <p className="inline-error">{enrich.error.message}</p> : null}
    </div>
  );
}
