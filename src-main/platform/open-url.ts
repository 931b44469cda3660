import { spawn } from 'node:child_process';

/** Opens a URL in the person's default browser, per OS, without a shell. */
export function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true, windowsHide: true });
  child.on('error', () => undefined); // no browser launcher: the URL is printed anyway
  child.unref();
}
