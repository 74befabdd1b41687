import type { Settings, SettingsInput } from '../../utils/schemas/settings.ts';
import { useSend } from '../background.tsx';
import { useAction } from '../ui.tsx';

/**
 * Saves run one after another, each computed from the settings as they are by then: two quick
 * toggles must not each write a patch based on the same old value (the second would undo the
 * first). Module state is fine here: one options page, one queue.
 */
let saving: Promise<unknown> = Promise.resolve();

type Patch = Partial<SettingsInput> | ((current: Settings) => Partial<SettingsInput>);

/**
 * Settings change through the background (saveSettings), which validates and applies the patch.
 * Saves are queued so quick toggles land in order; a function patch sees the settings as saved.
 */
export function useSave() {
  const send = useSend();
  return useAction((patch: Patch) => {
    const run = saving.then(async () => {
      return send('saveSettings', typeof patch === 'function' ? patch(await send('getSettings', {})) : patch);
    });
    saving = run.catch(() => undefined);
    return run;
  });
}
