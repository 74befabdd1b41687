import { useCallback, useEffect, useState } from 'react';
import { connectionStatus, type ConnectionStatus } from '../utils/messaging.ts';
import { toSidecarError, type SidecarError } from '../utils/errors.ts';
import { useSend } from './background.tsx';
import { useCredits, useLastError, useSettings } from './use-tab-state.ts';
import { STATUS_CACHE_KEY } from '../utils/stores/storage.ts';

/** The last status this page saw (stale-while-revalidate: the panel renders before the worker answers). */
function cachedStatus(): ConnectionStatus | null {
  try {
    const raw = globalThis.localStorage?.getItem(STATUS_CACHE_KEY);
    if (!raw) return null;
    const parsed = connectionStatus.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function remember(status: ConnectionStatus): void {
  try {
    globalThis.localStorage?.setItem(STATUS_CACHE_KEY, JSON.stringify(status));
  } catch {
    // Storage full or unavailable: the cache is only an optimisation.
  }
}

/**
 * Connection status from the background (getStatus), asked again whenever what it depends on
 * changes in storage: settings, credits, the last provider error. Until the first answer the last
 * known status is shown.
 */
export function useStatus(): { status: ConnectionStatus | null; error: SidecarError | null; reload: () => void } {
  const send = useSend();
  const settings = useSettings();
  const credits = useCredits();
  const lastError = useLastError();
  const [status, setStatus] = useState<ConnectionStatus | null>(cachedStatus);
  const [error, setError] = useState<SidecarError | null>(null);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    send('getStatus', {}).then(
      (s) => {
        remember(s);
        if (!live) return;
        setStatus(s);
        setError(null);
      },
      (e: unknown) => live && setError(toSidecarError(e)),
    );
    return () => {
      live = false;
    };
  }, [send, settings, lastError, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  // Credits change often (every enrich): take them from storage rather than asking again.
  const merged = status && credits ? { ...status, creditsRemaining: credits.remaining, creditsUpdatedAt: credits.at } : status;
  return { status: merged, error, reload };
}

/**
 * The provider failure worth a banner: not "no provider is set up", which the onboarding and the
 * popup's "Not set up" already say.
 */
export function bannerError(status: ConnectionStatus | null): { id: string; message: string } | null {
  const error = status?.lastError ?? null;
  return error && error.id !== 'not_configured' ? error : null;
}
