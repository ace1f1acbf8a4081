/**
 * The one authorization style: each module declares a policy (action -> who may, plus an optional
 * check against the resource) and its services call `policy.authorize(principal, action, resource)`
 * before doing anything. Resolvers do not decide.
 */
import { forbidden, unauthenticated } from '../errors.js';
import { hasRole } from './principal.js';
import type { Principal, Role } from './principal.js';

/** Who may take one action. Admins may do everything a role may. */
export interface Permission<Resource> {
  /** Any of these roles (or admin); `staff` = any role at all. */
  readonly roles: readonly Role[] | 'staff';
  /** What the action is, in words: "create articles" (used in refusals). */
  readonly describe: string;
  /** Who may, in words, for the refusal: "editors (or admins)". */
  readonly who: string;
  /** A further rule on the resource: the refusal's reason, or null when allowed. */
  readonly check?: (principal: Principal, resource: Resource) => string | null;
}

/** A module's policy: its actions and their permissions. */
export interface Policy<Action extends string, Resource> {
  readonly permissions: Readonly<Record<Action, Permission<Resource>>>;
  /**
   * Refuses an action the principal may not take.
   * @throws AppError UNAUTHENTICATED for the public, FORBIDDEN for a role without the right or a
   *   failed resource check.
   */
  authorize(principal: Principal, action: Action, resource?: Resource): void;
  /** Whether `authorize` would let the action through. */
  can(principal: Principal, action: Action, resource?: Resource): boolean;
}

function holdsRoles(principal: Principal, roles: readonly Role[] | 'staff'): boolean {
  if (roles === 'staff') return principal.roles.length > 0;
  return roles.some((role) => hasRole(principal, role));
}

/** Builds a module policy from its permission table. */
export function definePolicy<Action extends string, Resource = never>(
  permissions: Readonly<Record<Action, Permission<Resource>>>,
): Policy<Action, Resource> {
  const refusal = (principal: Principal, action: Action, resource?: Resource) => {
    const permission = permissions[action];
    if (principal.isPublic) return unauthenticated(`Authentication required to ${permission.describe}.`);
    if (!holdsRoles(principal, permission.roles)) {
      return forbidden(`Only ${permission.who} may ${permission.describe}.`);
    }
    const reason = resource !== undefined && permission.check ? permission.check(principal, resource) : null;
    return reason === null ? null : forbidden(reason);
  };
  return {
    permissions,
    authorize(principal, action, resource) {
      const error = refusal(principal, action, resource);
      if (error) throw error;
    },
    can: (principal, action, resource) => refusal(principal, action, resource) === null,
  };
}
