import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import IconButton from '@material-ui/core/IconButton';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import MoreVertIcon from '@material-ui/icons/MoreVert';
import {
  vcfCredentialRotatePermission,
  type CredentialSummary,
  type CredentialTaskAccepted,
} from '@vcf-backstage/plugin-vcf-common';
import { useState } from 'react';
import { vcfApiRef } from '../../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { AutoRotatePolicyDialog } from './AutoRotatePolicyDialog';
import { PasswordDialog } from './PasswordDialog';

type OpenDialog = 'rotate' | 'update' | 'remediate' | 'policy';

/** Props of {@link CredentialActions}. */
export interface CredentialActionsProps {
  credential: CredentialSummary;
  /** Called with our task id once SDDC Manager accepted an operation. */
  onTaskStarted?(taskId: string): void;
}

/**
 * Rotate, update, remediate and the auto-rotate policy of one credential, as a row menu. Shown only for current
 * SDDC Manager credentials and only to users with `vcf.credential.rotate` on this credential (the backend checks
 * again). Every operation asks first; SDDC Manager's refusal is shown in the dialog.
 */
export function CredentialActions(props: CredentialActionsProps) {
  const { credential, onTaskStarted } = props;
  const api = useApi(vcfApiRef);
  const alertApi = useApi(alertApiRef);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [dialog, setDialog] = useState<OpenDialog>();
  const { allowed } = usePermission({
    permission: vcfCredentialRotatePermission,
    resourceRef: credential.id,
  });
  if (
    !allowed ||
    credential.source !== 'sddc-manager' ||
    credential.removedAt
  ) {
    return null;
  }
  const who = `${credential.username}@${credential.resourceName}`;
  const started = (what: string) => (accepted: CredentialTaskAccepted) => {
    alertApi.post({
      message: `${what} of ${who} started; follow it under Credential tasks.`,
      severity: 'success',
      display: 'transient',
    });
    onTaskStarted?.(accepted.taskId);
  };
  const open = (next: OpenDialog) => () => {
    setAnchor(null);
    setDialog(next);
  };
  const close = () => setDialog(undefined);

  return (
    <>
      <IconButton
        size="small"
        aria-label={`Password actions for ${who}`}
        onClick={event => setAnchor(event.currentTarget)}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      <Menu
        anchorEl={anchor}
        open={!!anchor}
        onClose={() => setAnchor(null)}
        keepMounted={false}
      >
        <MenuItem onClick={open('rotate')}>Rotate…</MenuItem>
        <MenuItem onClick={open('update')}>Update password…</MenuItem>
        <MenuItem onClick={open('remediate')}>Remediate…</MenuItem>
        <MenuItem onClick={open('policy')}>Auto-rotate policy…</MenuItem>
      </Menu>
      {dialog === 'rotate' && (
        <ConfirmDialog
          open
          title="Rotate password"
          confirmLabel="Rotate"
          onClose={close}
          onConfirm={async () =>
            started('Rotation')(await api.rotateCredential(credential.id))
          }
        >
          SDDC Manager will set a new random password for {who}. Whoever uses
          the current password will have to reveal the new one.
        </ConfirmDialog>
      )}
      {dialog === 'update' && (
        <PasswordDialog
          title="Update password"
          description={`SDDC Manager will set this password on ${credential.resourceName} for ${credential.username}.`}
          confirmLabel="Update"
          enforcePolicy
          onClose={close}
          onSubmit={async password =>
            started('Update')(
              await api.updateCredentialPassword(credential.id, password),
            )
          }
        />
      )}
      {dialog === 'remediate' && (
        <PasswordDialog
          title="Remediate password"
          description={`Enter the password ${credential.username} has on ${credential.resourceName} now; SDDC Manager will store it.`}
          confirmLabel="Remediate"
          enforcePolicy={false}
          onClose={close}
          onSubmit={async password =>
            started('Remediation')(
              await api.remediateCredentialPassword(credential.id, password),
            )
          }
        />
      )}
      {dialog === 'policy' && (
        <AutoRotatePolicyDialog
          onClose={close}
          onSubmit={async policy =>
            started('Policy change')(
              await api.setAutoRotatePolicy(credential.id, policy),
            )
          }
        />
      )}
    </>
  );
}
