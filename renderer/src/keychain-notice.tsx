// Tells the user their session is not persisted: no keychain, so it lives in memory for this run only.
import { WarningIcon } from './icons.tsx';

export const keychainNoticeText =
  'No system keychain is available. Your session is kept in memory and ends when Vigil closes.';

export function KeychainNotice() {
  return (
    <div className="notice notice--warning" role="status">
      <WarningIcon />
      <p>{keychainNoticeText}</p>
    </div>
  );
}
