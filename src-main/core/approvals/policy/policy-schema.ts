import { z } from 'zod';
import { globProblem } from './glob';
import { APPROVAL_MODES } from './types';

/**
 * The policy file format (YAML; JSON is YAML too). docs/safety-policy.md
 * describes every field; resources/policies/default-policy.yaml is the
 * annotated default. Unknown fields are errors: a misspelt `decison` must not
 * silently turn a rule into something else.
 */

export const POLICY_VERSION = 1;
/** Bounds of judge.timeout_ms: under 100 ms no model answers; over 2 min the person is better asked. */
export const MIN_JUDGE_TIMEOUT_MS = 100;
export const MAX_JUDGE_TIMEOUT_MS = 120_000;
/** 10 s: a small local or hosted model answers a one-shot classification well within it. */
export const DEFAULT_JUDGE_TIMEOUT_MS = 10_000;
/** Regexes run on every command; long ones are a smell and a cost. */
export const MAX_REGEX_CHARS = 1_000;
export const MAX_REASON_CHARS = 500;

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
/** (a+)+, (a*)*, (a|a)+ … can take exponential time on a long command; the engine runs regexes synchronously. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d)/;

const nonEmpty = z.string().min(1, 'must not be empty');

const globString = nonEmpty.superRefine((g, ctx) => {
  const problem = globProblem(g);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

const regexString = nonEmpty.max(MAX_REGEX_CHARS, `regex longer than ${MAX_REGEX_CHARS} characters`).superRefine((r, ctx) => {
  try {
    new RegExp(r);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(e as Error).message}` });
    return;
  }
  if (NESTED_QUANTIFIER.test(r)) ctx.addIssue({ code: 'custom', message: 'nested quantifiers such as (a+)+ can take exponential time; rewrite the regex' });
});

export const CommandMatchSchema = z
  .strictObject({
    /** Program names (basename, case-insensitive, .exe ignored): ls, git, npm … */
    program: z.array(nonEmpty).min(1).optional(),
    /** JavaScript regex tested on "program arg1 arg2 …" of each simple command. */
    regex: regexString.optional(),
    /** Word prefix of "program arg1 arg2 …": "git status" matches "git status -s", not "git statusx". */
    prefix: nonEmpty.optional(),
  })
  .refine((c) => c.program !== undefined || c.regex !== undefined || c.prefix !== undefined, 'command needs at least one of program, regex, prefix');

export const PathMatchSchema = z
  .strictObject({
    inside_workspace: z.boolean().optional(),
    /** Globs; relative ones are relative to the workspace root, ~/ is the home folder. */
    glob: z.array(globString).min(1).optional(),
  })
  .refine((p) => p.inside_workspace !== undefined || p.glob !== undefined, 'paths needs inside_workspace or glob');

export const RuleSchema = z.strictObject({
  id: z
    .string()
    .regex(RULE_ID, 'rule ids are 1-64 letters, digits, _ . : - (starting with a letter or digit)')
    .refine((id) => !id.startsWith('builtin.'), 'ids starting with "builtin." are reserved for the built-in list'),
  decision: z.enum(['allow', 'ask', 'deny']),
  agents: z.array(nonEmpty).min(1).optional(),
  /** Tool names; * is a wildcard (mcp__github__*). */
  tools: z.array(nonEmpty).min(1).optional(),
  command: CommandMatchSchema.optional(),
  paths: PathMatchSchema.optional(),
  reason: nonEmpty.max(MAX_REASON_CHARS).optional(),
  /** For ask rules in judge mode: false keeps the model judge out (a person always answers). */
  use_judge: z.boolean().optional(),
});

export const PolicyFileSchema = z
  .strictObject({
    version: z.literal(POLICY_VERSION, `version must be ${POLICY_VERSION}`),
    defaults: z
      .strictObject({
        mode: z.enum(APPROVAL_MODES).default('manual'),
        /** What happens when no rule matches. 'allow' is not offered: unknown actions are never automatic. */
        unknown: z.enum(['ask', 'deny']).default('ask'),
      })
      .default({ mode: 'manual', unknown: 'ask' }),
    /** Added to the built-in list (main, master, release/*, production); never replaces it. */
    protected_branches: z.array(globString).default([]),
    rules: z.array(RuleSchema).default([]),
    judge: z
      .strictObject({
        command: z.array(nonEmpty).min(1, 'judge.command needs the program and its arguments'),
        timeout_ms: z.number().int().min(MIN_JUDGE_TIMEOUT_MS).max(MAX_JUDGE_TIMEOUT_MS).default(DEFAULT_JUDGE_TIMEOUT_MS),
      })
      .optional(),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
      seen.add(r.id);
    });
  });

export type PolicyFile = z.infer<typeof PolicyFileSchema>;
export type PolicyRuleInput = z.infer<typeof RuleSchema>;
