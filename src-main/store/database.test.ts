import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { openSqliteStore } from './sqlite-store';

const tempFile = (): string => join(mkdtempSync(join(tmpdir(), 'dorch-db-')), 'orchestrator.sqlite');

describe('SQLite store', () => {
  it('opens in WAL mode with the schema up to date', () => {
    const file = tempFile();
    const r = openDatabase({ file });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(r.value.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(r.value.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    r.value.close();
  });

  it('refuses a data folder written by a newer schema and leaves it untouched', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE future (x)');
    db.pragma('user_version = 999');
    db.close();
    const before = readFileSync(file);
    const r = openDatabase({ file });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/newer version of Dual Orchestrator \(schema 999/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('appends events in batches and reads them back in order', () => {
    const opened = openSqliteStore({ file: tempFile() });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    for (let i = 0; i < 600; i++) store.events.append({ ts: i, type: 't', sender: 'test', sessionId: i % 2 ? 's_a' : null, correlationId: null, data: { i } });
    const all = store.events.query({ limit: 1_000 });
    expect(all).toHaveLength(600);
    expect(all.map((e) => (e.data as { i: number }).i)).toEqual([...Array(600).keys()]);
    expect(store.events.query({ sessionId: 's_a', limit: 1_000 })).toHaveLength(300);
    expect(store.events.query({ afterSeq: all[589]!.seq, limit: 5 })).toHaveLength(5);
    store.close();
  });

  it('keeps transcripts bounded per session, dropping the oldest output', () => {
    const opened = openSqliteStore({ file: tempFile() });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const chunk = 'x'.repeat(64 * 1024 - 1) + '\n';
    for (let i = 0; i < 100; i++) store.transcripts.append('s_t', `${String(i).padStart(3, '0')}` + chunk);
    const text = store.transcripts.read('s_t');
    expect(text.length).toBeLessThanOrEqual(4 * 1024 * 1024 + 64 * 1024);
    expect(text.startsWith('000')).toBe(false);
    expect(text).toContain('099');
    store.close();
  });
});
