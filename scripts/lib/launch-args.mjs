/** Flags that belong to the launch scripts; everything else goes to the app unchanged. */
export const SCRIPT_FLAGS = ['--browser', '--no-build'];

/**
 * Splits argv into the scripts' own flags and the app's arguments.
 * `--` ends script flags (npm passes it through on some platforms).
 */
export function splitLaunchArgs(argv) {
  const flags = { browser: false, noBuild: false };
  const appArgs = [];
  let passthrough = false;
  for (const arg of argv) {
    if (passthrough) appArgs.push(arg);
    else if (arg === '--') passthrough = true;
    else if (arg === '--browser') flags.browser = true;
    else if (arg === '--no-build') flags.noBuild = true;
    else appArgs.push(arg);
  }
  return { flags, appArgs };
}
