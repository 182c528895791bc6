import Router from 'express-promise-router';
import { NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  type PolicyDecision,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  vcfCredentialExportPermission,
  vcfCredentialReadPermission,
  vcfCredentialRevealPermission,
} from '@vcf-backstage/plugin-vcf-common';
import type { CredentialStore } from '../credentials/CredentialStore';
import type { VcfAuditAction } from '../audit/VcfAuditLog';
import type { CredentialResource } from '../permissions/resourceRefs';
import {
  narrowToEnvironment,
  type VcfQueryFilter,
} from '../permissions/VcfQueryFilter';
import {
  writeTableExport,
  type ExportColumn,
} from '../export/TableExportWriter';
import { RouteContext, type RouteServices } from './routeContext';
import {
  credentialListQuerySchema,
  emptyBodySchema,
  exportQuerySchema,
  parseInput,
} from './apiSchemas';
import { checkIdParam } from './apiSchemas';
import { readableCredentialFilter } from './credentialAccess';
import type { EnvironmentVisibilityOptions } from './environmentAccess';

type ExportRow = CredentialResource & { password?: string };

const EXPORT_COLUMNS: ExportColumn<ExportRow>[] = [
  { header: 'Resource', value: r => r.resourceName },
  { header: 'IP address', value: r => r.resourceIp },
  { header: 'Resource type', value: r => r.resourceType },
  { header: 'Domain', value: r => r.domainName },
  { header: 'Username', value: r => r.username },
  { header: 'Credential type', value: r => r.credentialType },
  { header: 'Account type', value: r => r.accountType },
  { header: 'Source', value: r => r.source },
  { header: 'Expiry status', value: r => r.expiryStatus },
  { header: 'Expiry date', value: r => r.expiryDate },
  { header: 'Last seen', value: r => r.lastSeenAt },
  { header: 'Removed upstream', value: r => r.removedAt },
];

const PASSWORD_COLUMN: ExportColumn<ExportRow> = {
  header: 'Password',
  value: r => r.password,
};

/**
 * Credential lists, reveal, history and export.
 * @internal
 */
export function createCredentialRoutes(
  options: RouteServices &
    EnvironmentVisibilityOptions & {
      credentials: CredentialStore;
      credentialFilter: ConditionTransformer<VcfQueryFilter>;
      isCredentialAllowed: (
        decision: PolicyDecision,
        credential: CredentialResource,
      ) => boolean;
      /** Called after a reveal (rotate-after-reveal); returns when the credential's scheduled rotation is due. */
      onCredentialRevealed?: (
        credential: CredentialResource,
        actor: string,
      ) => Promise<Date | undefined>;
    },
) {
  const { credentials } = options;
  const router = Router();
  router.param('id', checkIdParam);
  const context = (req: Parameters<typeof RouteContext.from>[0]) =>
    RouteContext.from(req, options);

  const readableCredentials = (
    ctx: RouteContext,
    environmentId: string,
    action: VcfAuditAction,
    alsoDecide: ResourcePermission[] = [],
  ) =>
    readableCredentialFilter(ctx, environmentId, options, action, alsoDecide);

  async function findCredential(id: string) {
    const credential = await credentials.get(id);
    if (!credential)
      throw new NotFoundError(`No credential with the id "${id}"`);
    return credential;
  }

  const credentialSubject = (credential: CredentialResource) => ({
    environmentId: credential.environmentId,
    credentialId: credential.id,
  });

  router.get('/environments/:id/credentials', async (req, res) => {
    const ctx = await context(req);
    const query = parseInput(credentialListQuerySchema, req.query, 'query');
    const { filter } = await readableCredentials(
      ctx,
      req.params.id,
      'credential.list',
    );
    res.json(
      await credentials.list({ environmentId: req.params.id, query, filter }),
    );
  });

  router.get('/environments/:id/credentials/facets', async (req, res) => {
    const ctx = await context(req);
    parseInput(emptyBodySchema, req.query, 'query');
    const { filter } = await readableCredentials(
      ctx,
      req.params.id,
      'credential.list',
    );
    res.json(
      await credentials.facets({ environmentId: req.params.id, filter }),
    );
  });

  router.post('/credentials/:id/reveal', async (req, res) => {
    const ctx = await context(req);
    parseInput(emptyBodySchema, req.body ?? {}, 'body');
    const credential = await findCredential(req.params.id);
    const { password, rotatesAt } = await ctx.audited(
      'credential.reveal',
      {
        ...credentialSubject(credential),
        details: {
          username: credential.username,
          resourceName: credential.resourceName,
        },
      },
      async outcome => {
        const revealed = await credentials.revealPassword(credential.id);
        const rotation = await options.onCredentialRevealed?.(
          credential,
          ctx.actor,
        );
        if (rotation) outcome.addDetails({ rotatesAt: rotation.toISOString() });
        return { password: revealed, rotatesAt: rotation?.toISOString() };
      },
      { permission: vcfCredentialRevealPermission, resourceRef: credential.id },
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json(rotatesAt ? { password, rotatesAt } : { password });
  });

  router.get('/credentials/:id/history', async (req, res) => {
    const ctx = await context(req);
    parseInput(emptyBodySchema, req.query, 'query');
    const credential = await findCredential(req.params.id);
    const subject = {
      ...credentialSubject(credential),
      details: { passwords: false },
    };
    await ctx.require(vcfCredentialReadPermission, {
      action: 'credential.history',
      subject,
      resourceRef: credential.id,
      hiddenAs: new NotFoundError(
        `No credential with the id "${req.params.id}"`,
      ),
    });
    const history = await ctx.audited(
      'credential.history',
      subject,
      async outcome => {
        const entries = await credentials.listHistory(credential.id, {
          withPasswords: false,
        });
        outcome.addDetails({ entries: entries.length });
        return entries;
      },
    );
    res.json(history);
  });

  router.post('/credentials/:id/history/reveal', async (req, res) => {
    const ctx = await context(req);
    parseInput(emptyBodySchema, req.body ?? {}, 'body');
    const credential = await findCredential(req.params.id);
    const history = await ctx.audited(
      'credential.history',
      { ...credentialSubject(credential), details: { passwords: true } },
      async outcome => {
        const entries = await credentials.listHistory(credential.id, {
          withPasswords: true,
        });
        outcome.addDetails({ entries: entries.length });
        return entries;
      },
      { permission: vcfCredentialRevealPermission, resourceRef: credential.id },
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json(history);
  });

  router.get('/environments/:id/export', async (req, res) => {
    const ctx = await context(req);
    const environmentId = req.params.id;
    const { format, ...query } = parseInput(
      exportQuerySchema,
      req.query,
      'query',
    );
    const {
      filter,
      environment,
      further: [exportDecision],
    } = await readableCredentials(ctx, environmentId, 'credential.export', [
      vcfCredentialExportPermission,
    ]);
    let releases: 'all' | 'some' | 'none' = 'none';
    if (exportDecision.result === AuthorizeResult.ALLOW) releases = 'all';
    if (exportDecision.result === AuthorizeResult.CONDITIONAL) {
      // Conditions on the environment itself are decided for it: they release every row or none. What is left is
      // asked of SQL: when no row of this export meets it, the file has no password column at all instead of an
      // empty one. (This also checks the sort and filters before the export is audited.)
      const exportFilter = narrowToEnvironment(
        options.credentialFilter(exportDecision.conditions),
        environment,
      );
      if (exportFilter === undefined) releases = 'all';
      else if (exportFilter !== false) {
        const releasable = await credentials.list({
          environmentId,
          query: { ...query, offset: 0, limit: 1 },
          filter: filter ? { allOf: [filter, exportFilter] } : exportFilter,
        });
        releases = releasable.totalCount > 0 ? 'some' : 'none';
      }
    }
    let passwordRows = 0;
    const withPasswords =
      releases === 'some'
        ? (credential: CredentialResource) => {
            const allowed = options.isCredentialAllowed(
              exportDecision,
              credential,
            );
            if (allowed) passwordRows++;
            return allowed;
          }
        : releases === 'all';
    await ctx.audited(
      'credential.export',
      { environmentId, details: { format, passwords: releases } },
      async outcome => {
        const { rowCount } = await writeTableExport(res, {
          format,
          filename: `vcf-credentials-${environmentId}`,
          sheetName: 'Credentials',
          columns:
            releases === 'none'
              ? EXPORT_COLUMNS
              : [...EXPORT_COLUMNS, PASSWORD_COLUMN],
          rows: credentials.iterateForExport({
            environmentId,
            query,
            filter,
            withPasswords,
          }),
        });
        outcome.addDetails({
          rows: rowCount,
          passwordRows: releases === 'all' ? rowCount : passwordRows,
        });
      },
    );
  });

  return router;
}
