// How many exports of one account's log may run at once. Each holds a database snapshot for as long as its client
// reads (SQLite cannot reset its write-ahead log meanwhile) and reads its rows on the server's event loop, so a
// client opening exports in a loop must not be able to hold dozens.
export const exportsPerAccount = 2;

export function createExportSlots(limit = exportsPerAccount) {
  const running = new Map<number, number>();
  return {
    /** A slot for an export of this account's log, with its release (idempotent), or null when all are taken. */
    take(accountId: number): (() => void) | null {
      const count = running.get(accountId) ?? 0;
      if (count >= limit) return null;
      running.set(accountId, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (running.get(accountId) ?? 1) - 1;
        if (left === 0) running.delete(accountId);
        else running.set(accountId, left);
      };
    },
  };
}
