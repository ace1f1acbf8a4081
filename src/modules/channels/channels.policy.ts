import { hasRole } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import { forbidden, unauthenticated } from '../../errors.js';

/**
 * The channel directory is public to read; only admins change it.
 * @throws AppError UNAUTHENTICATED for the public, FORBIDDEN for staff who are not admins.
 */
export function authorizeDirectoryChange(principal: Principal, what: string): void {
  if (principal.isPublic) throw unauthenticated(`Authentication required to ${what}.`);
  if (!hasRole(principal, 'admin')) throw forbidden(`Only admins may ${what}.`);
}
