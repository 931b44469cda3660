/** "12 s ago", "3 min ago"…: a heartbeat age a person can read at a glance. */
export function ago(then: number | null, now: number): string {
  if (then === null) return 'never';
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} d ago`;
}

export function when(t: number | null): string {
  return t === null ? '—' : new Date(t).toLocaleString();
}
