import type { Result } from '../../../../src-preload/contract/result';
import { loadPolicy, type PolicyLoadError } from './load-policy';
import type { LoadedPolicy } from './policy-model';

/**
 * Holds the policy in force. A replacement that fails to load is refused
 * and the previous policy stays (a typo in the settings view must never
 * leave sessions without a policy, or with half of one).
 */

export interface PolicyStore {
  current(): LoadedPolicy;
  /** Loads text; on success it becomes current, on failure nothing changes. */
  tryReplace(text: string, fileName?: string): Result<LoadedPolicy, PolicyLoadError>;
  /** Called after each successful replacement; returns the unsubscribe function. */
  subscribe(listener: (policy: LoadedPolicy) => void): () => void;
}

/**
 * The policy used before any file loads: no rules, unknown → ask, manual
 * mode. Everything reaches the person; builtins are still flagged.
 */
export const EMPTY_POLICY_TEXT = 'version: 1\ndefaults:\n  mode: manual\n  unknown: ask\n';

export function createPolicyStore(initial?: LoadedPolicy): PolicyStore {
  let policy = initial ?? emptyPolicy();
  const listeners = new Set<(p: LoadedPolicy) => void>();
  return {
    current: () => policy,
    tryReplace(text, fileName = policy.file) {
      const loaded = loadPolicy(text, fileName);
      if (!loaded.ok) return loaded;
      policy = loaded.value;
      for (const l of [...listeners]) l(policy);
      return loaded;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function emptyPolicy(): LoadedPolicy {
  const loaded = loadPolicy(EMPTY_POLICY_TEXT, '(built-in empty policy)');
  if (!loaded.ok) throw new Error(`bug: the empty policy does not load: ${loaded.error.message}`);
  return loaded.value;
}
