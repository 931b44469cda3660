import { containsWorkspace, flavor, isStrictlyInside, samePath, whereIs, type Workspace } from './paths';

/**
 * Places no agent should change without a person: file-system and drive
 * roots, the home folder itself, system folders, and where credentials live.
 * Checks are lexical (see paths.ts) and case-insensitive where the platform's
 * file system is.
 */

/** POSIX system folders (Linux and macOS). /var and /opt are left out: agents use /var/tmp and /opt tools legitimately. */
const POSIX_SYSTEM_FOLDERS = [
  '/etc', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/boot', '/sys', '/proc', '/dev', '/root', '/snap',
  '/var/lib', '/var/db', '/var/root', '/var/spool/cron',
  '/System', '/Library', '/Applications', '/private/etc', '/private/var/db', '/private/var/root', '/Volumes',
];

/** Windows system folders, on any drive. */
const WINDOWS_SYSTEM_FOLDERS = ['Windows', 'Program Files', 'Program Files (x86)', 'ProgramData', 'System Volume Information', '$Recycle.Bin', 'Recovery', 'Boot'];

/** Credential stores below the home folder ('/'-separated; converted per platform). */
export const HOME_CREDENTIAL_PATHS = [
  '.ssh', '.aws', '.config/gcloud', '.azure', '.kube/config', '.netrc', '_netrc', '.npmrc', '.pypirc', '.yarnrc', '.yarnrc.yml',
  '.gem/credentials', '.cargo/credentials', '.cargo/credentials.toml', '.docker/config.json', '.gnupg', '.git-credentials',
  '.config/git/credentials', '.config/gh/hosts.yml', '.password-store', '.vault-token', '.terraform.d/credentials.tfrc.json',
  '.claude/.credentials.json', '.codex/auth.json', '.gemini/oauth_creds.json',
  'Library/Keychains',
  'AppData/Roaming/Microsoft/Credentials', 'AppData/Local/Microsoft/Credentials', 'AppData/Roaming/Microsoft/Protect',
  'AppData/Roaming/Microsoft/Crypto', 'AppData/Roaming/gcloud',
];

/** File names that hold secrets wherever they are; outside the workspace they are never written automatically. */
const SECRET_FILE_NAME = /^(?:\.env(?:\..+)?|.+\.(?:pem|key|p12|pfx|keystore|jks)|id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?)$/i;

/** Writes that go nowhere: never a reason to stop. */
const HARMLESS_SINK = /^(?:\/dev\/(?:null|zero|full|stdout|stderr|tty|fd\/\d+)|nul:?|\$null|con:?)$/i;

export function isHarmlessSink(text: string): boolean {
  return HARMLESS_SINK.test(text);
}

/** "/", "C:\", "\\server\share\". */
export function isFileSystemRoot(ws: Workspace, abs: string): boolean {
  if (ws.platform !== 'win32') return abs === '/';
  return /^[A-Za-z]:\\$/.test(abs) || /^\\\\[^\\]+\\[^\\]+\\?$/.test(abs);
}

export function isHomeFolder(ws: Workspace, abs: string): boolean {
  return ws.home !== null && samePath(ws.platform, abs, ws.home);
}

/** The system folder abs is (or lies in), or null. */
export function systemFolderOf(ws: Workspace, abs: string): string | null {
  // macOS: /etc is /private/etc; Linux has no /System etc., so listing them costs nothing.
  let roots = POSIX_SYSTEM_FOLDERS;
  if (ws.platform === 'win32') {
    const drive = /^[A-Za-z]:\\/.exec(abs)?.[0];
    roots = drive === undefined ? [] : WINDOWS_SYSTEM_FOLDERS.map((f) => drive + f);
  }
  for (const folder of roots) {
    if (samePath(ws.platform, abs, folder) || isStrictlyInside(ws.platform, abs, folder)) return folder;
  }
  return null;
}

/** Why abs is a credential file or folder, or null. */
export function credentialOf(ws: Workspace, abs: string): string | null {
  const f = flavor(ws.platform);
  if (ws.home !== null) {
    for (const rel of HOME_CREDENTIAL_PATHS) {
      const cred = f.join(ws.home, ...rel.split('/'));
      if (samePath(ws.platform, abs, cred) || isStrictlyInside(ws.platform, abs, cred)) return `~/${rel}`;
    }
  }
  const name = f.basename(abs);
  if (SECRET_FILE_NAME.test(name) && whereIs(ws, abs) === 'outside') return `${name} outside the workspace`;
  return null;
}

/** A delete target that takes far more than one project with it: /, a drive, home, a system folder. */
export function criticalFolderOf(ws: Workspace, abs: string): string | null {
  if (isFileSystemRoot(ws, abs)) return 'the file-system root';
  if (isHomeFolder(ws, abs)) return 'the home folder';
  // An ancestor of home (e.g. /home, /Users, C:\Users) holds every user's files.
  if (ws.home !== null && isStrictlyInside(ws.platform, ws.home, abs)) return 'a folder holding the home folder';
  const sys = systemFolderOf(ws, abs);
  if (sys !== null) return `the system folder ${sys}`;
  return null;
}

/** Deleting abs deletes the whole workspace (its root or an ancestor of it). */
export function deletesWorkspace(ws: Workspace, abs: string): boolean {
  return containsWorkspace(ws, abs);
}
