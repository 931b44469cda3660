import { useSyncExternalStore } from 'react';
import type { HealthSettings, SessionHealth } from '../../../../src-preload/contract/health';
import { useServices } from '../../app/services';

export function useSessionHealth(sessionId: string): SessionHealth | undefined {
  const { health } = useServices();
  return useSyncExternalStore(health.subscribe, () => health.snapshot()[sessionId]);
}

export function useAllHealth(): Readonly<Record<string, SessionHealth>> {
  const { health } = useServices();
  return useSyncExternalStore(health.subscribe, health.snapshot);
}

export function useHealthSettings(): HealthSettings | null {
  const { health } = useServices();
  return useSyncExternalStore(health.subscribe, health.getSettings);
}
