import { describe, expect, it } from 'vitest';
import { matchPatterns } from './patterns';

const kinds = (t: string): string[] => matchPatterns(t).map((h) => h.pattern.kind);

describe('error patterns', () => {
  it('recognise the agent error lines a person would act on', () => {
    expect(kinds('  ⎿  API Error: 429 {"type":"error","error":{"type":"rate_limit_error"}}')).toEqual(['rate_limited']);
    expect(kinds('  ⎿  Claude usage limit reached. Your limit will reset at 5pm (UTC).')).toEqual(['rate_limited']);
    expect(kinds('  ⎿  Invalid API key · Please run /login')).toEqual(['auth_failed']);
    expect(kinds('  ⎿  API Error: 529 {"type":"error","error":{"type":"overloaded_error"}}')).toEqual(['api_error']);
  });

  it('find a stack trace and report the error line', () => {
    const hits = matchPatterns('ok\nError: read ECONNRESET\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:216:20)\n');
    expect(hits.map((h) => h.pattern.kind)).toEqual(['crash_trace']);
    expect(hits[0]?.line).toBe('Error: read ECONNRESET');
  });

  it('stay quiet on ordinary output, including the word "error" in prose', () => {
    expect(kinds('✻ Working… (3s · esc to interrupt)\nI fixed the error handling in api.ts\n> ')).toEqual([]);
  });

  it('report one hit per kind even when several lines match', () => {
    expect(kinds('API Error: 429 rate_limit_error\nClaude usage limit reached.')).toEqual(['rate_limited']);
  });
});
