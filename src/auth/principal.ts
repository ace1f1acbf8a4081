/** The roles a token may carry. `admin` may do everything the others may. */
export const ROLES = ['agent', 'editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the anonymous public (portals), or a staff member identified by a token. */
export interface Principal {
  /** `public` for anonymous callers, else the token's subject. */
  readonly id: string;
  readonly roles: readonly Role[];
  readonly isPublic: boolean;
}

export const PUBLIC_PRINCIPAL: Principal = Object.freeze({ id: 'public', roles: [], isPublic: true });

/** A principal for an authenticated subject; duplicate and unknown roles are dropped. */
export function staffPrincipal(id: string, roles: readonly string[]): Principal {
  const known = ROLES.filter((role) => roles.includes(role));
  return Object.freeze({ id, roles: known, isPublic: false });
}

/** True when the principal holds `role`, or is an admin. */
export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.includes(role) || principal.roles.includes('admin');
}

/** True when the principal holds any role at all (agents, editors, reviewers, admins). */
export function isStaff(principal: Principal): boolean {
  return principal.roles.length > 0;
}
