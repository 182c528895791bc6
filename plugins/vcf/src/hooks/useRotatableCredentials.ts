import { useApi } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  vcfCredentialRotatePermission,
  type CredentialSummary,
} from '@vcf-backstage/plugin-vcf-common';
import { useEffect, useState } from 'react';

/** Whether SDDC Manager can change the credential at all: a current SDDC Manager credential. */
export function isChangeable(credential: CredentialSummary): boolean {
  return credential.source === 'sddc-manager' && !credential.removedAt;
}

/**
 * The ids among `rows` the user may rotate (`vcf.credential.rotate` on each; the permission API batches
 * the requests): decides which rows get a selection checkbox and whether bulk rotation is offered at
 * all. The backend checks every credential again.
 */
export function useRotatableCredentials(
  rows: CredentialSummary[],
): ReadonlySet<string> {
  const permissionApi = useApi(permissionApiRef);
  const [allowed, setAllowed] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let current = true;
    const candidates = rows.filter(isChangeable);
    Promise.all(
      candidates.map(row =>
        permissionApi.authorize({
          permission: vcfCredentialRotatePermission,
          resourceRef: row.id,
        }),
      ),
    )
      .then(decisions => {
        if (!current) return;
        setAllowed(
          new Set(
            candidates
              .filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW)
              .map(row => row.id),
          ),
        );
      })
      .catch(() => {
        if (current) setAllowed(new Set());
      });
    return () => {
      current = false;
    };
  }, [permissionApi, rows]);
  return allowed;
}
