import type { ProfileId, Role } from '../../../../src-preload/contract/session';
import type { IconName } from '../../components/Icon';

export const PROFILE_ICON: Record<ProfileId, IconName> = {
  claude: 'sparkle',
  shell: 'terminal',
  demo: 'flask',
  custom: 'gear',
};

export const PROFILE_LABEL: Record<ProfileId, string> = {
  claude: 'Claude Code',
  shell: 'Shell',
  demo: 'Demo agent',
  custom: 'Custom',
};

export const ROLE_ICON: Record<Role, IconName | null> = {
  main: 'crown',
  monitor: 'eye',
  worker: 'wrench',
  none: null,
};

export const ROLE_LABEL: Record<Role, string> = {
  main: 'MainAI',
  monitor: 'MonitorAI',
  worker: 'Worker',
  none: 'no role',
};
