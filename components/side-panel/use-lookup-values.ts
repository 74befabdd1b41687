import { useEffect, useState } from 'react';
import type { LookupField } from '../../utils/schemas/enterprise-api.ts';
import { useCapability, useSend, type Send } from '../background.tsx';

/** One request per field and background while a page is open: lookups change rarely. */
const loaded = new WeakMap<Send, Map<LookupField, Promise<string[]>>>();

function load(send: Send, field: LookupField): Promise<string[]> {
  const fields = loaded.get(send) ?? new Map<LookupField, Promise<string[]>>();
  loaded.set(send, fields);
  const known = fields.get(field);
  if (known) return known;
  const request = send('lookupValues', { field });
  // A failed lookup is asked again next time rather than remembered.
  request.catch(() => fields.delete(field));
  fields.set(field, request);
  return request;
}

/**
 * The values the provider suggests for a filter (its `lookup` endpoints); `fallback` while they load,
 * when the provider has no lookups, or when the lookup fails — typing any value always works.
 */
export function useLookupValues(field: LookupField, fallback: readonly string[] = []): readonly string[] {
  const send = useSend();
  const available = useCapability('lookups');
  const [values, setValues] = useState<{ field: LookupField; values: string[] } | null>(null);
  useEffect(() => {
    if (!available) return;
    let live = true;
    load(send, field).then(
      (v) => {
        if (live && v.length > 0) setValues({ field, values: v });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [send, field, available]);
  return values?.field === field ? values.values : fallback;
}
