/**
 * Can the desktop host start here, and if not, why not — decided from facts
 * gathered by the caller, so every branch is unit tested. The cheap facts
 * (flags, environment, display) are judged first: a machine without a
 * display never spends time fetching an Electron binary.
 */

const truthy = (v) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

/**
 * Before any probe: a reason to use browser mode, or null to go on probing.
 * facts: { browserFlag, env, platform, electronInstalled, binaryPresent }
 */
export function preflight({ browserFlag, env, platform, electronInstalled, binaryPresent }) {
  if (browserFlag) return { explicit: true, reason: '--browser' };
  if (truthy(env.DUAL_ORCH_BROWSER)) return { explicit: true, reason: 'DUAL_ORCH_BROWSER is set' };
  const reasons = [];
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) reasons.push('no display: DISPLAY and WAYLAND_DISPLAY are unset');
  if (!electronInstalled) reasons.push('the electron package is not installed');
  else if (!binaryPresent && truthy(env.ELECTRON_SKIP_BINARY_DOWNLOAD)) reasons.push('no Electron binary and ELECTRON_SKIP_BINARY_DOWNLOAD is set');
  else if (!binaryPresent && reasons.length > 0) reasons.push('no Electron binary either');
  return reasons.length > 0 ? { explicit: false, reason: reasons.join('; ') } : null;
}

/** The one line printed when the desktop host cannot start. */
export function fallbackLine(reason) {
  return `Electron cannot start here (${reason}) — serving the same UI in browser mode instead.`;
}

/**
 * Did Electron fail to start at all (rather than run and exit)? Missing
 * shared libraries (127) or an abort/trap within the first seconds mean the
 * desktop host is unusable here; our own exit codes (2 cannot start, 3
 * already running) were already explained to the person in a dialog.
 */
export function electronFailedToStart({ code, signal, error, elapsedMs, graceMs }) {
  if (error) return `Electron could not be launched: ${error.code ?? error.message}`;
  if (elapsedMs > graceMs) return null;
  if (code === 127) return 'Electron is missing system libraries (exit code 127)';
  if (signal === 'SIGABRT' || signal === 'SIGTRAP' || signal === 'SIGSEGV' || signal === 'SIGILL') return `Electron crashed at start-up (${signal})`;
  return null;
}
