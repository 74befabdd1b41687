import type { Provenance as ProvenanceData } from '../../utils/schemas/lookup.ts';
import { formatDate } from '../format.ts';

const MATCH_TEXT: Record<ProvenanceData['matchStatus'], string> = {
  FULL_MATCH: 'Full match',
  CONTACT_ONLY_MATCH: 'Contact-only match',
  COMPANY_ONLY_MATCH: 'Company only (no person matched)',
  MULTI_MATCH: 'Several possible matches',
  NO_MATCH: 'No match',
  BAD_DATA: 'Input could not identify anyone',
};

/** Where a card's data came from: provider, the input it matched on, match status, accuracy, date. */
export function Provenance({ provenance }: { provenance: ProvenanceData }) {
  return (
    <footer className="provenance" aria-label="Where this came from">
      <p>
        <span className="muted">From</span> {provenance.provider} · {MATCH_TEXT[provenance.matchStatus]}
      </p>
      <p className="break">
        <span className="muted">Matched on</span> {provenance.matchedOn}
      </p>
      {provenance.accuracy !== null || provenance.lastUpdated ? (
        <p>
          {provenance.accuracy !== null ? (
            <>
              <span className="muted">Accuracy</span> {provenance.accuracy}/100
            </>
          ) : null}
          {provenance.accuracy !== null && provenance.lastUpdated ? ' · ' : null}
          {provenance.lastUpdated ? (
            <>
              <span className="muted">Updated</span> {formatDate(provenance.lastUpdated)}
            </>
          ) : null}
        </p>
      ) : null}
    </footer>
  );
}
