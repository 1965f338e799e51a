/**
 * Who is logged in to the console: a staff member from the gemeente's identity provider (OpenID
 * Connect, with a role from a claim), or the shared password of a small setup. Kept in the staff
 * session's `subject` as JSON; a session without one is the shared login.
 */

export const STAFF_ROLES = ['medewerker', 'teamleider'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = { medewerker: 'Medewerker', teamleider: 'Teamleider' };

export interface StaffIdentity {
  via: 'oidc' | 'password';
  /** The identity provider's subject (`sub`); absent for the shared login. */
  sub?: string;
  name: string;
  role: StaffRole;
  /**
   * The gemeenten this person works for (a werkorganisatie runs several in one gateway), from the
   * gemeenten claim; absent: every gemeente of the gateway (the shared login, a single gemeente).
   */
  gemeenten?: string[];
}

/** The shared password login: one account for the whole (small) team, so it may see everything. */
export const SHARED_LOGIN: StaffIdentity = { via: 'password', name: 'Gedeelde login', role: 'teamleider' };

/** The identity in a session's subject; the shared login when there is none or it does not parse. */
export function identityFromSubject(subject: string | null | undefined): StaffIdentity {
  if (!subject) return SHARED_LOGIN;
  try {
    const value = JSON.parse(subject) as Partial<StaffIdentity>;
    if (
      value.via === 'oidc' &&
      typeof value.sub === 'string' &&
      typeof value.name === 'string' &&
      STAFF_ROLES.includes(value.role as StaffRole)
    ) {
      const gemeenten = Array.isArray(value.gemeenten)
        ? value.gemeenten.filter((g): g is string => typeof g === 'string')
        : undefined;
      return {
        via: 'oidc',
        sub: value.sub,
        name: value.name,
        role: value.role as StaffRole,
        ...(gemeenten ? { gemeenten } : {}),
      };
    }
  } catch {
    // fall through
  }
  // A subject that is not ours gets the least access, never the shared login's.
  return { via: 'oidc', name: 'Onbekend', role: 'medewerker', gemeenten: [] };
}

/**
 * The console role from the roles claim (a list or one string, values compared without case):
 * `teamleider` wins over `medewerker`; undefined for anything else (the login is refused).
 */
export function roleFromClaim(value: unknown): StaffRole | undefined {
  const values = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim().toLowerCase());
  if (values.includes('teamleider')) return 'teamleider';
  if (values.includes('medewerker')) return 'medewerker';
  return undefined;
}

/**
 * The gemeenten from the gemeenten claim (a list or one string of ids separated by spaces or
 * commas, compared in lower case) that this gateway knows; an empty list when none.
 */
export function gemeentenFromClaim(value: unknown, known: readonly string[]): string[] {
  const values = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim().toLowerCase());
  return known.filter((id) => values.includes(id));
}
