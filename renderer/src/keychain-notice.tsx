// Tells the user their session is not persisted: no keychain, so it lives in memory for this run only. It is an
// alert, as the other failures are, because it changes what the user should expect after quitting Vigil.
import { WarningIcon } from './icons.tsx';

export const keychainNoticeText =
  'No system keychain is available. Your session is kept in memory and ends when Vigil closes.';

export function KeychainNotice() {
  return (
    <div className="notice notice--warning" role="alert">
      <WarningIcon />
      <p>{keychainNoticeText}</p>
    </div>
  );
}
