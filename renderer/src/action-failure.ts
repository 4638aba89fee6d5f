// The one failure an action on a page shows at a time. Each failure gets a new id so the alert (keyed by it) is
// announced again when the same error repeats; a cancelled Confirm access is no failure.
import { useCallback, useState } from 'react';
import type { IpcError } from './bridge/contract.ts';
import { toIpcError } from './bridge/ipc-call.ts';
import { wasCancelled } from './security-actions.ts';

export interface ActionFailure {
  error: IpcError;
  id: number;
}

export function useActionFailure() {
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const fail = useCallback((error: unknown) => {
    if (wasCancelled(error)) return;
    setFailure((previous) => ({ error: toIpcError(error), id: (previous?.id ?? 0) + 1 }));
  }, []);
  const clear = useCallback(() => setFailure(null), []);
  return { failure, fail, clear };
}
