import type { PolicyText } from '../../../src-preload/contract/channels';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import { BUILTIN_ENTRIES, loadPolicy, type PolicyStore } from './policy';

/** What the settings view shows: the text in force, its warnings and the builtins no policy can weaken. */
export function policyText(store: PolicyStore, text: string): PolicyText {
  const p = store.current();
  return {
    text,
    file: p.file,
    warnings: p.warnings.map((w) => `line ${w.line}${w.ruleId ? ` (${w.ruleId})` : ''}: ${w.message}`),
    builtins: BUILTIN_ENTRIES.map((b) => ({ id: b.id, reason: b.reason })),
  };
}

/**
 * Replaces the policy in force with new text: a file with an error is refused
 * with its line and reason and the previous policy stays (issue 3, bad input).
 */
export function replacePolicy(store: PolicyStore, text: string, save: (text: string) => Result<unknown>): Result<PolicyText> {
  const checked = loadPolicy(text, store.current().file);
  if (!checked.ok) return err('bad_input', `The policy was not changed: ${checked.error.message}`, checked.error.issues);
  // On disk first: a policy in force that would vanish at the next start is worse than none applied.
  const saved = save(text);
  if (!saved.ok) return saved;
  const replaced = store.tryReplace(text);
  if (!replaced.ok) return err('bad_input', `The policy was not changed: ${replaced.error.message}`);
  return ok(policyText(store, text));
}
