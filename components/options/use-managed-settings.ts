import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { readManagedSettings, type ManagedSettings } from '../../utils/stores/managed-settings.ts';

/** The provider settings the organisation's policy fixes; undefined until read. */
export function useManagedSettings(): ManagedSettings | undefined {
  const [managed, setManaged] = useState<ManagedSettings>();
  useEffect(() => {
    let live = true;
    const read = () => void readManagedSettings(browser.storage.managed).then((value) => live && setManaged(value));
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'managed') read();
    };
    read();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return managed;
}
