import { ConnectionSection } from '../../components/options/connection-section.tsx';
import { ConnectorsSection } from '../../components/options/connectors/connectors-section.tsx';
import { useManagedSettings } from '../../components/options/use-managed-settings.ts';
import { BehaviourSection, CacheSection, ShortcutSection, SitesSection } from '../../components/options/preferences.tsx';
import { Credits, Notice, Skeleton } from '../../components/ui.tsx';
import { bannerError, useStatus } from '../../components/use-status.ts';
import { useSettings } from '../../components/use-tab-state.ts';

export function App() {
  const settings = useSettings();
  const managed = useManagedSettings();
  const { status } = useStatus();
  return (
    <main className="options">
      <h1>
        <span className="brand-mark" aria-hidden="true">
          S
        </span>
        Sidecar options
        <span style={{ marginLeft: 'auto' }}>
          <Credits remaining={status?.creditsRemaining} />
        </span>
      </h1>
      {bannerError(status) ? (
        <Notice tone="warning" title="The provider refused the last request.">
          {bannerError(status)?.message}
        </Notice>
      ) : null}
      {settings && managed ? (
        <>
          {/* The form starts from the policy's values: a changed policy starts it again. */}
          <ConnectionSection key={JSON.stringify(managed.settings)} settings={settings} managed={managed} />
          <ConnectorsSection />
          <BehaviourSection settings={settings} />
          <SitesSection settings={settings} />
          <CacheSection key={`${settings.cacheTtlHours}/${settings.negativeCacheTtlHours}`} settings={settings} />
          <ShortcutSection />
        </>
      ) : (
        <Skeleton lines={6} label="Loading settings" />
      )}
    </main>
  );
}
