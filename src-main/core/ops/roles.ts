import type { ServiceRole } from '../../../src-preload/contract/ops';

/** Each role includes the ones before it: an admin may do what an operator may, and so on. */
const RANK: Record<ServiceRole, number> = { viewer: 1, operator: 2, admin: 3 };

export function roleAllows(held: ServiceRole, needed: ServiceRole): boolean {
  return RANK[held] >= RANK[needed];
}

/** Who made an API call: a service account, or the browser UI holding the printed URL's token. */
export type Principal =
  | { kind: 'account'; accountId: string; name: string; role: ServiceRole }
  | { kind: 'ui'; role: 'admin' };

export const principalName = (p: Principal): string => (p.kind === 'ui' ? 'ui' : `${p.name} (${p.accountId})`);
