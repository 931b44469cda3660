/**
 * What the screen classifier reads and what it answers (DESIGN.md §4.2). Pure data: the
 * classifier looks at the rendered headless screen, never at raw pty bytes.
 *
 * The classifier only knows what is on screen. The lifecycle states that need the process
 * (`starting`, `exited`, `crashed`) belong to the session runtime; a screen that no rule
 * recognises is `unknown`, and the runtime keeps its own state for it.
 */

export type ScreenState = 'busy' | 'idle' | 'awaiting_approval' | 'awaiting_input' | 'unknown';

/** The visible screen: right-trimmed lines (HeadlessScreen.visibleLines() / cursor()). */
export interface ScreenSnapshot {
  lines: string[];
  cursor: { x: number; y: number };
  cols: number;
  rows: number;
}

export type OptionMeaning = 'approve' | 'approve_always' | 'deny' | 'other';

export interface PromptOption {
  /** The exact keystroke(s) that choose it, e.g. "1", "y", "\x1b", "y\r". */
  key: string;
  label: string;
  meaning: OptionMeaning;
  /** Marked by the CLI's cursor (❯ › ● >). Absent when the CLI has no marker. */
  selected?: boolean;
}

export interface DetectedPrompt {
  /** `text` is a question no rule describes fully: it is never approvable. */
  kind: 'menu' | 'yes_no' | 'text';
  question: string;
  options: PromptOption[];
  /** "Bash", "Edit", "Write", "shell", … (the CLI's own tool name where it shows one). */
  tool: string | null;
  /** The command, or the file path. */
  detail: string | null;
  /** The prompt's lines as shown (diff etc.). */
  body: string[];
  /** Stable hash of agent + question + tool + detail + options; not of markers, spinners or the cursor. */
  fingerprint: string;
}

export interface Classification {
  state: ScreenState;
  /** The rule that decided, for the debug view; null when none matched. */
  ruleId: string | null;
  /** Version of the rule file the deciding rule came from (the agent's file when none matched). */
  rulesVersion: string;
  agent: string;
  prompt: DetectedPrompt | null;
  /** Screen rows (0-based) the rule's conditions and the prompt extraction used, for the debug view. */
  matchedLines: number[];
  /** Why an approval rule fell back to awaiting_input, or other debug notes. */
  reason?: string;
}
