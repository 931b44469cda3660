import { safeStorage } from 'electron';
import type { SecretSealer } from '../core/ops/ports';

/**
 * The desktop keeps its signing secrets sealed by the OS keychain (macOS
 * Keychain, Windows DPAPI, libsecret/kwallet on Linux) through Electron's
 * safeStorage. On Linux without a keyring safeStorage falls back to a
 * hard-coded key ("basic_text"): that is no protection, so we then report
 * unavailable and the private-file store is used instead, honestly.
 */
export const electronSealer: SecretSealer = {
  name: 'electron-safeStorage',
  isAvailable() {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  },
  seal: (plain) => safeStorage.encryptString(plain),
  unseal: (sealed) => safeStorage.decryptString(sealed),
};
