import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  EndpointSummary,
  VcfEnvironment,
} from '@vcf-backstage/plugin-vcf-common';
import { Fragment, type ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    // Labels take the width of the longest one and never wrap; values wrap (long URLs) inside the rest.
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.75),
    margin: 0,
  },
  label: {
    whiteSpace: 'nowrap',
    color: theme.palette.text.secondary,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  value: {
    margin: 0,
    overflowWrap: 'anywhere',
  },
  section: {
    gridColumn: '1 / -1',
    marginTop: theme.spacing(1),
  },
}));

type Row = [label: string, value: ReactNode];

function endpointRows(endpoint: EndpointSummary): Row[] {
  return [
    ['URL', endpoint.baseUrl],
    ['Service account', endpoint.username],
    ['Schedule', endpoint.schedule],
    [
      'TLS',
      endpoint.tls.verify === false
        ? 'certificate not verified'
        : `verified${endpoint.tls.ca ? ' against the configured CA' : ''}`,
    ],
  ];
}

const validator = makeValidator();

/** Whether `ref` is a well-formed entity ref (`parseEntityRef` alone accepts almost any text). */
function isEntityRef(ref: string): boolean {
  try {
    const { kind, namespace, name } = parseEntityRef(ref, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return (
      validator.isValidKind(kind) &&
      validator.isValidNamespace(namespace) &&
      validator.isValidEntityName(name)
    );
  } catch {
    return false;
  }
}

/** The owner as a link to its catalog entity (a group unless the ref names a kind); text when not a ref. */
export function OwnerLink(props: { owner?: string }) {
  const { owner } = props;
  if (!owner) return <>–</>;
  if (!isEntityRef(owner)) return <>{owner}</>;
  return <EntityRefLink entityRef={owner} defaultKind="group" />;
}

/** The definition of an environment: owner, origin and endpoints (never a password). */
export function EnvironmentDetails(props: { environment: VcfEnvironment }) {
  const { environment } = props;
  const classes = useStyles();
  const sections: Array<{ title?: string; rows: Row[] }> = [
    {
      rows: [
        ['ID', environment.id],
        ['Owner', <OwnerLink owner={environment.owner} />],
        [
          'Defined in',
          environment.managedBy === 'config'
            ? 'app-config.yaml (read-only)'
            : 'the VCF plugin (API)',
        ],
        ['vCenter discovery', environment.discoverVcenters ? 'on' : 'off'],
      ],
    },
  ];
  if (environment.sddcManager)
    sections.push({
      title: 'SDDC Manager',
      rows: endpointRows(environment.sddcManager),
    });
  if (environment.installer)
    sections.push({
      title: 'VCF Installer',
      rows: endpointRows(environment.installer),
    });
  return (
    <dl className={classes.list}>
      {sections.map(section => (
        <Fragment key={section.title ?? 'environment'}>
          {section.title && (
            <Typography
              variant="subtitle2"
              component="div"
              className={classes.section}
            >
              {section.title}
            </Typography>
          )}
          {section.rows.map(([label, value]) => (
            <Fragment key={label}>
              <Typography
                variant="body2"
                component="dt"
                className={classes.label}
              >
                {label}
              </Typography>
              <Typography
                variant="body2"
                component="dd"
                className={classes.value}
              >
                {value}
              </Typography>
            </Fragment>
          ))}
        </Fragment>
      ))}
    </dl>
  );
}
