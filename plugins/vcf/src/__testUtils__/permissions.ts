// Decisions for `mockApis.permission({ authorize })`. AuthorizeResult's values are these
// string literals, so the tests need no direct dependency on permission-common.

export const allow = () => 'ALLOW' as const;

export const deny = () => 'DENY' as const;

/** Allows the named permissions (e.g. `vcf.credential.reveal`) and denies the rest. */
export function allowOnly(...names: string[]) {
  return (request: { permission: { name: string } }) =>
    names.includes(request.permission.name)
      ? ('ALLOW' as const)
      : ('DENY' as const);
}
