import { useState } from 'react';
import type { EnrichedContact } from '../../utils/schemas/enterprise-api.ts';
import { useSend } from '../background.tsx';
import { useAction } from '../ui.tsx';

export const REVEAL_COST = '1 credit (free if your account enriched this person in the last 12 months)';

/**
 * Contacts revealed while this page is open, so a card closed and opened again still shows what was
 * paid for. (Per page, not stored: the background's cache is the durable record.)
 */
const revealed = new Map<number, EnrichedContact>();

export function revealedContact(personId: number): EnrichedContact | undefined {
  return revealed.get(personId);
}

/**
 * Reveals a contact's email and phones (revealContact). It says what it costs before the click; in
 * preview mode (no automatic enrichment) it asks once more before spending anything.
 */
export function RevealButton({
  personId,
  name,
  lookupOnly,
  onRevealed,
  compact = false,
  keepOn,
}: {
  personId: number;
  /** The tab and entity the reveal belongs to: the background keeps it there. */
  keepOn?: { tabId: number; key: string };
  name: string;
  lookupOnly: boolean;
  onRevealed: (contact: EnrichedContact) => void;
  compact?: boolean;
}) {
  const send = useSend();
  const [confirming, setConfirming] = useState(false);
  const reveal = useAction(async () => {
    const contact = await send('revealContact', { personId, ...keepOn });
    revealed.set(personId, contact);
    onRevealed(contact);
  });
  const label = 'Reveal email and phones — 1 credit';
  return (
    <div className="reveal">
      {confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm reveal of ${name}`}>
          <p>
            Reveal the email and phones of {name}? This costs {REVEAL_COST}.
          </p>
          <div className="row-actions">
            <button
              type="button"
              className="button primary"
              disabled={reveal.pending}
              onClick={() => {
                setConfirming(false);
                void reveal.start();
              }}
            >
              Spend 1 credit
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className={`button ${compact ? 'small' : 'primary'}`}
          disabled={reveal.pending}
          aria-label={compact ? `Reveal email and phone of ${name} (${REVEAL_COST})` : undefined}
          onClick={() => (lookupOnly ? setConfirming(true) : void reveal.start())}
        >
          {reveal.pending ? 'Revealing…' : compact ? 'Reveal' : label}
        </button>
      )}
      {compact || confirming ? null : <p className="cost">Costs {REVEAL_COST}.</p>}
      {reveal.error ? (
        <p className="inline-error" role="alert">
          {reveal.error.message}
        </p>
      ) : null}
    </div>
  );
}
