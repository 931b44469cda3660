import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../src-preload/contract/result';
import type { PromptTemplates } from '../core/orchestration/prompts';

const FILES: Record<keyof PromptTemplates, string> = { main: 'main-ai.md', monitor: 'monitor-ai.md', worker: 'worker.md', integrate: 'integrate.md' };

/** Reads resources/prompts/*.md (UTF-8) once at start; a missing file is refused loudly. */
export function loadPromptTemplates(dir: string): Result<PromptTemplates> {
  const out: Partial<PromptTemplates> = {};
  for (const [key, file] of Object.entries(FILES) as [keyof PromptTemplates, string][]) {
    try {
      out[key] = readFileSync(join(dir, file), 'utf8').trim();
    } catch (e) {
      return err('internal', `Cannot read ${file}: ${(e as Error).message}`);
    }
  }
  return ok(out as PromptTemplates);
}
