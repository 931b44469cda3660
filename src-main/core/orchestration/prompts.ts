/**
 * The texts typed into the agents' terminals. The wording lives in
 * resources/prompts/*.md (edited without touching code); `{{name}}` holes are
 * filled here. A hole with no value is a bug in the caller, reported loudly.
 */
export interface PromptTemplates {
  main: string;
  monitor: string;
  worker: string;
  /** MainAI's cue once every task has ended. */
  integrate: string;
}

export function fillPrompt(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`bug: prompt placeholder {{${name}}} has no value`);
    return String(v);
  });
}
