import { useEffect, useState } from 'react';
import { useSend } from '../../background.tsx';
import { RetrievePanel, retrieveChoices, type RetrieveChoice } from '../retrieve/retrieve-panel.tsx';
import { SearchPanel } from './search-panel.tsx';

type Where = 'provider' | 'connectors';

/**
 * The Search tab: the provider's search, and — once the organisation has connectors with Retrieve
 * actions — a switch to run those instead.
 */
export function SearchTab() {
  const send = useSend();
  const [choices, setChoices] = useState<RetrieveChoice[]>([]);
  const [where, setWhere] = useState<Where>('provider');
  useEffect(() => {
    let live = true;
    // No connectors answer (or none with Retrieve actions): the tab is the provider's search alone.
    send('connectorsOverview', {}).then(
      (overview) => live && setChoices(retrieveChoices(overview.connectors)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [send]);

  const options: { id: Where; label: string }[] = [
    { id: 'provider', label: 'Provider' },
    { id: 'connectors', label: 'Your connectors' },
  ];
  return (
    // One shape whether or not the switch shows: the search form keeps what was typed when the answer comes.
    <div className="search">
      {choices.length > 0 ? (
        <div className="segmented" role="radiogroup" aria-label="Search in">
          {options.map((o) => (
            <label key={o.id} className={`segment${where === o.id ? ' selected' : ''}`}>
              <input type="radio" name="search-in" value={o.id} checked={where === o.id} onChange={() => setWhere(o.id)} />
              {o.label}
            </label>
          ))}
        </div>
      ) : null}
      {where === 'connectors' && choices.length > 0 ? <RetrievePanel choices={choices} /> : <SearchPanel />}
    </div>
  );
}
