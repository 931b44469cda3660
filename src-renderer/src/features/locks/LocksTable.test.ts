import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ResourceLockState } from '../../../../src-preload/contract/locks';
import { LocksTable } from './LocksTable';

const NOW = 1_700_000_000_000;

const held: ResourceLockState = {
  resource: 'repo:/home/me/app',
  lease: { resource: 'repo:/home/me/app', owner: 's_builder1', token: 7, priority: 60, ttlMs: 30_000, acquiredAt: NOW - 5_000, expiresAt: NOW + 25_000 },
  waiters: [
    { id: 1, resource: 'repo:/home/me/app', owner: 's_tester01', priority: 80, enqueuedAt: NOW - 12_000, deadline: NOW + 60_000, effectivePriority: 81.2 },
    { id: 2, resource: 'repo:/home/me/app', owner: 'cli:alice', priority: 50, enqueuedAt: NOW - 3_000, deadline: NOW + 60_000, effectivePriority: 50.3 },
  ],
  nextToken: 8,
};
const otherHolder: ResourceLockState = {
  resource: 'port:5173',
  lease: { resource: 'port:5173', owner: 'cli:bob', token: 2, priority: 50, ttlMs: 10_000, acquiredAt: NOW - 9_000, expiresAt: NOW + 1_000 },
  waiters: [],
  nextToken: 3,
};
const names: Record<string, string> = { s_builder1: 'builder', s_tester01: 'tester' };

function render(locks: ResourceLockState[]): string {
  return renderToStaticMarkup(
    createElement(LocksTable, { locks, now: NOW, sessionName: (id) => names[id], onForceRelease: () => Promise.resolve(true) }),
  );
}

/** The markup of the row for `resource` (rows never nest). */
function row(html: string, resource: string): string {
  const start = html.indexOf(`data-resource="${resource}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start));
}

describe('LocksTable', () => {
  it('shows one row per resource with holder name, token, priority and time left', () => {
    const html = render([held, otherHolder]);
    expect(html.match(/data-testid="lock-row"/g)).toHaveLength(2);
    const r = row(html, 'repo:/home/me/app');
    expect(r).toContain('title="s_builder1" data-owner="s_builder1">builder</span>');
    expect(r).toContain('>#7</td>');
    expect(r).toContain('data-testid="lock-priority">60</td>');
    expect(r).toContain('data-tone="ok"');
    expect(r).toContain('>25s</span>');
    expect(r).toContain('data-testid="lock-force-release"');
  });

  it('lists waiters in serving order with priority and time waited', () => {
    const r = row(render([held]), 'repo:/home/me/app');
    expect(r).toContain('data-count="2"');
    expect(r).toContain('2 waiters');
    const tester = r.indexOf('data-owner="s_tester01"');
    const alice = r.indexOf('data-owner="cli:alice"');
    expect(tester).toBeGreaterThan(-1);
    expect(alice).toBeGreaterThan(tester);
    expect(r.slice(tester, alice)).toContain('>tester</span>');
    expect(r.slice(tester, alice)).toContain('priority 80');
    expect(r.slice(tester, alice)).toContain('waited 12s');
    expect(r.slice(alice)).toContain('waited 3s');
  });

  it('shows a non-session owner as is, and warns when the lease is about to lapse', () => {
    const r = row(render([otherHolder]), 'port:5173');
    expect(r).toContain('data-owner="cli:bob">cli:bob</span>');
    expect(r).toContain('data-tone="warn"');
    expect(r).toContain('>1s</span>');
    expect(r).toContain('>none</span>');
  });

  it('a resource with waiters but no holder has no force-release button', () => {
    const r = row(render([{ ...held, lease: null }]), 'repo:/home/me/app');
    expect(r).toContain('data-held="false"');
    expect(r).toContain('>free</span>');
    expect(r).not.toContain('lock-force-release');
  });

  it('an expired lease the core has not reclaimed yet says so', () => {
    const r = row(render([{ ...otherHolder, lease: { ...otherHolder.lease!, expiresAt: NOW - 1 } }]), 'port:5173');
    expect(r).toContain('data-tone="expired"');
    expect(r).toContain('>expired</span>');
  });
});
