/**
 * Software rasterizers draw a terminal slower than xterm's DOM renderer (on
 * our build machines SwiftShader tripled typing latency under load), so
 * WebGL is used only on real GPUs.
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render/i;

export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_RENDERER.test(name);
}

/** Whether this page has hardware-accelerated WebGL2 (probed once with a throwaway context). */
export function hasHardwareWebgl2(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    // Give the context back at once: the page's context budget is small.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !isSoftwareRenderer(name);
  } catch {
    return false;
  }
}
