import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'busy' | 'ok' | 'warn' | 'error' | 'accent';

export function Badge({ tone = 'neutral', children, title, testId }: { tone?: BadgeTone; children: ReactNode; title?: string; testId?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}

/** A small coloured dot (state at a glance in dense lists). */
export function Dot({ tone = 'neutral', label }: { tone?: BadgeTone; label: string }) {
  return <span className={`dot dot-${tone}`} role="img" aria-label={label} title={label} />;
}
