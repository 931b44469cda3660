import type { OptionMeaning, ScreenState } from './types';

/**
 * A rule file after loading: every regex compiled and checked, every default filled in.
 * The format people write is described in resources/screen-rules/README.md and checked by
 * rule-schema.ts; this is what the classifier runs.
 */

/** Which screen rows a rule (or one of its conditions) looks at. */
export type Region =
  | { kind: 'screen' }
  /** The last `lines` non-empty rows. */
  | { kind: 'tail'; lines: number }
  /** The row the cursor is on. */
  | { kind: 'cursor_line' };

export type RuleState = Exclude<ScreenState, 'unknown'>;

export interface Condition {
  re: RegExp;
  /** Overrides the rule's region for this one condition. */
  region: Region | null;
}

export interface MeaningRule {
  meaning: OptionMeaning;
  label: RegExp;
}

/** Which named group of an option line gives its keystroke. */
export type KeySource = 'number' | 'shortcut';

export interface FixedOption {
  key: string;
  label: string;
  meaning: OptionMeaning;
  /** Offered only when the question line matches (e.g. Aider's "/(D)on't ask again"). */
  when: RegExp | null;
}

export interface DetailSpec {
  /** `next`: the first non-empty line after the anchor; `above`: the block of lines above it. */
  from: 'next' | 'above';
  /** Start after the first line matching this (searched from the anchor on). */
  skipTo: RegExp | null;
  /** Takes every line up to (not including) one matching this, joined by "\n". */
  until: RegExp | null;
  /** Filters the first line; its `detail` group, if any, is the value. */
  pattern: RegExp | null;
}

export interface Extractor {
  anchor: RegExp;
  /** A fixed tool name; otherwise the anchor's `tool` group. */
  tool: string | null;
  /** How to find the detail when the anchor has no `detail` group. */
  detail: DetailSpec | null;
}

export interface PromptSpec {
  kind: 'menu' | 'yes_no' | 'text';
  /** The block starts at the last line matching this above the question (default: the region's start). */
  start: RegExp | null;
  /** The last line matching this is the question; groups `question`, `tool`, `detail` are read. */
  question: RegExp | null;
  /** Menu option lines; groups `label` (required), `number`, `shortcut`, `marker`. */
  option: RegExp | null;
  keys: KeySource[];
  /** Options that are not lines on screen (yes/no prompts). */
  fixed: FixedOption[];
  meanings: MeaningRule[];
  extract: Extractor[];
  /** Approvable only with a detail (command or path): a policy cannot judge a prompt without it. */
  requireDetail: boolean;
}

export interface Rule {
  id: string;
  state: RuleState;
  description: string;
  region: Region;
  all: Condition[];
  any: Condition[];
  none: Condition[];
  prompt: PromptSpec | null;
  /** Where the rule was written, for errors and the debug view. */
  file: string;
  line: number;
  version: string;
}

export interface RuleSet {
  agent: string;
  version: string;
  cliVersions: string[];
  /** The files the rules came from, agent first. */
  files: string[];
  rules: Rule[];
}
