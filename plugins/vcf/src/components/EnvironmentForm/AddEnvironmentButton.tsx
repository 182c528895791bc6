import { usePermission } from '@backstage/plugin-permission-react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import AddIcon from '@material-ui/icons/Add';
import {
  type VcfEnvironment,
  vcfEnvironmentCreatePermission,
} from '@vcf-backstage/plugin-vcf-common';
import { useState } from 'react';
import { vcfApiRef } from '../../api';
import { useElementId } from '../../hooks/useElementId';
import { EnvironmentForm } from './EnvironmentForm';

/** "Add environment", for users allowed to create environments. */
export function AddEnvironmentButton(props: {
  onCreated(environment: VcfEnvironment): void;
}) {
  const api = useApi(vcfApiRef);
  const { allowed } = usePermission({
    permission: vcfEnvironmentCreatePermission,
  });
  const [open, setOpen] = useState(false);
  const titleId = useElementId('vcf-add-environment');
  if (!allowed) {
    return null;
  }
  return (
    <>
      <Button
        variant="contained"
        color="primary"
        startIcon={<AddIcon />}
        onClick={() => setOpen(true)}
      >
        Add environment
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        maxWidth="md"
        fullWidth
      >
        <DialogTitle id={titleId}>Add a VCF environment</DialogTitle>
        <DialogContent>
          <EnvironmentForm
            submitLabel="Create"
            onCancel={() => setOpen(false)}
            onSubmit={async input => {
              const created = await api.createEnvironment(input);
              setOpen(false);
              props.onCreated(created);
            }}
          />
        </DialogContent>
      </Dialog>
    </>
  );
}
