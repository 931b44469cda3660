/**
 * The per-agent screen classifier (DESIGN.md §4.2): rule files in resources/screen-rules/,
 * loaded once by the composition root, run on every screen change of a session.
 */
export { classifyScreen } from './classifier';
export { explainClassification } from './debug-view';
export { parseRuleSet, type RuleFileIssue } from './rule-schema';
export { loadScreenRuleSets, SCREEN_AGENTS, withFallback, type ScreenAgent, type ScreenRuleSets } from './rule-sets';
export type { Rule, RuleSet } from './rule-types';
export type { Classification, DetectedPrompt, OptionMeaning, PromptOption, ScreenSnapshot, ScreenState } from './types';
