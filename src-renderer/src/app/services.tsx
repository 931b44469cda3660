import { createContext, useContext, type ReactNode } from 'react';
import type { ApprovalNotifier } from '../features/approvals/notifier';
import type { RendererApi } from '../ipc/renderer-api';
import type { TerminalManager } from '../terminals/terminal-manager';
import type { Actions } from './actions';
import type { HealthHub } from '../features/health/health-hub';

/** Everything non-React the features use, built once in main.tsx. */
export interface Services {
  readonly api: RendererApi;
  readonly terminals: TerminalManager;
  readonly actions: Actions;
  readonly notifier: ApprovalNotifier;
  /** Health samples and per-session health (graphs read it directly, outside React). */
  readonly health: HealthHub;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside ServicesProvider'); // a wiring bug
  return s;
}
