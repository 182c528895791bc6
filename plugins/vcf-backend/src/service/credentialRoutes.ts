import Router from 'express-promise-router';
import type { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
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
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import type { VcfAuditEvent, VcfAuditLog } from '../audit/VcfAuditLog';
import type { CredentialResource } from '../permissions/resourceRefs';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import { writeTableExport, type ExportColumn } from '../export/TableExportWriter';
import { RouteContext } from './routeContext';
import { readableCredentialFilter } from './credentialAccess';
import { credentialListQuerySchema, exportQuerySchema, parseInput } from './apiSchemas';

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

const PASSWORD_COLUMN: ExportColumn<ExportRow> = { header: 'Password', value: r => r.password };

/**
 * Credential lists, reveal, history and export.
 * @internal
 */
export function createCredentialRoutes(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  credentials: CredentialStore;
  environments: EnvironmentStore;
  audit: VcfAuditLog;
  environmentFilter: ConditionTransformer<VcfQueryFilter>;
  credentialFilter: ConditionTransformer<VcfQueryFilter>;
  isCredentialAllowed: (decision: PolicyDecision, credential: CredentialResource) => boolean;
  /** Called after a reveal (rotate-after-reveal); returns when the credential's scheduled rotation is due, if any. */
  onCredentialRevealed?: (credential: CredentialResource, actor: string) => Promise<Date | undefined>;
}) {
  const { httpAuth, permissions, credentials, audit } = options;
  const router = Router();
  const context = (req: Parameters<typeof RouteContext.from>[0]) =>
    RouteContext.from(req, httpAuth, permissions);

  const readableCredentials = (
    ctx: RouteContext,
    environmentId: string,
    beginDenialAudit?: () => Promise<VcfAuditEvent>,
    alsoDecide: ResourcePermission[] = [],
  ) => readableCredentialFilter(ctx, environmentId, options, beginDenialAudit, alsoDecide);

  async function findCredential(id: string) {
    const credential = await credentials.get(id);
    if (!credential) throw new NotFoundError(`No credential with the id "${id}"`);
    return credential;
  }

  router.get('/environments/:id/credentials', async (req, res) => {
    const ctx = await context(req);
    const { filter } = await readableCredentials(ctx, req.params.id);
    const query = parseInput(credentialListQuerySchema, req.query, 'query');
    res.json(await credentials.list({ environmentId: req.params.id, query, filter }));
  });

  router.get('/environments/:id/credentials/facets', async (req, res) => {
    const ctx = await context(req);
    const { filter } = await readableCredentials(ctx, req.params.id);
    res.json(await credentials.facets({ environmentId: req.params.id, filter }));
  });

  router.post('/credentials/:id/reveal', async (req, res) => {
    const ctx = await context(req);
    const credential = await findCredential(req.params.id);
    const begin = () =>
      audit.begin(
        'credential.reveal',
        {
          actor: ctx.actor,
          environmentId: credential.environmentId,
          credentialId: credential.id,
          details: { username: credential.username, resourceName: credential.resourceName },
        },
        req,
      );
    await ctx.require(vcfCredentialRevealPermission, credential.id, begin);
    const password = await credentials.revealPassword(credential.id);
    const rotatesAt = await options.onCredentialRevealed?.(credential, ctx.actor);
    await (await begin()).succeeded(rotatesAt ? { rotatesAt: rotatesAt.toISOString() } : undefined);
    res.setHeader('Cache-Control', 'no-store');
    res.json(rotatesAt ? { password, rotatesAt: rotatesAt.toISOString() } : { password });
  });

  router.get('/credentials/:id/history', async (req, res) => {
    const ctx = await context(req);
    const credential = await findCredential(req.params.id);
    if (!(await ctx.isAllowed(vcfCredentialReadPermission, credential.id))) {
      throw new NotFoundError(`No credential with the id "${req.params.id}"`);
    }
    const history = await credentials.listHistory(credential.id, { withPasswords: false });
    const event = await audit.begin(
      'credential.history',
      {
        actor: ctx.actor,
        environmentId: credential.environmentId,
        credentialId: credential.id,
        details: { passwords: false },
      },
      req,
    );
    await event.succeeded({ entries: history.length });
    res.json(history);
  });

  router.post('/credentials/:id/history/reveal', async (req, res) => {
    const ctx = await context(req);
    const credential = await findCredential(req.params.id);
    const begin = () =>
      audit.begin(
        'credential.history',
        { actor: ctx.actor, environmentId: credential.environmentId, credentialId: credential.id },
        req,
      );
    await ctx.require(vcfCredentialRevealPermission, credential.id, begin);
    const history = await credentials.listHistory(credential.id, { withPasswords: true });
    await (await begin()).succeeded({ entries: history.length });
    res.setHeader('Cache-Control', 'no-store');
    res.json(history);
  });

  router.get('/environments/:id/export', async (req, res) => {
    const ctx = await context(req);
    const environmentId = req.params.id;
    const { format, ...query } = parseInput(exportQuerySchema, req.query, 'query');
    const {
      filter,
      further: [exportDecision],
    } = await readableCredentials(
      ctx,
      environmentId,
      () => audit.begin('credential.export', { actor: ctx.actor, environmentId, details: { format } }, req),
      [vcfCredentialExportPermission],
    );
    let releases: 'all' | 'some' | 'none' = 'none';
    if (exportDecision.result === AuthorizeResult.ALLOW) releases = 'all';
    if (exportDecision.result === AuthorizeResult.CONDITIONAL) {
      // Ask SQL whether any row of this export meets the export conditions: when none does, the file has no
      // password column at all instead of an empty one.
      const exportFilter = options.credentialFilter(exportDecision.conditions);
      const releasable = await credentials.list({
        environmentId,
        query: { ...query, offset: 0, limit: 1 },
        filter: filter ? { allOf: [filter, exportFilter] } : exportFilter,
      });
      releases = releasable.totalCount > 0 ? 'some' : 'none';
    }
    let passwordRows = 0;
    const withPasswords =
      releases === 'some'
        ? (credential: CredentialResource) => {
            const allowed = options.isCredentialAllowed(exportDecision, credential);
            if (allowed) passwordRows++;
            return allowed;
          }
        : releases === 'all';
    const event = await audit.begin(
      'credential.export',
      { actor: ctx.actor, environmentId, details: { format, passwords: releases } },
      req,
    );
    try {
      const { rowCount } = await writeTableExport(res, {
        format,
        filename: `vcf-credentials-${environmentId}`,
        sheetName: 'Credentials',
        columns: releases === 'none' ? EXPORT_COLUMNS : [...EXPORT_COLUMNS, PASSWORD_COLUMN],
        rows: credentials.iterateForExport({ environmentId, query, filter, withPasswords }),
      });
      await event.succeeded({
        rows: rowCount,
        passwordRows: releases === 'all' ? rowCount : passwordRows,
      });
    } catch (error) {
      await event.failed(error as Error);
      if (!res.headersSent) throw error;
      res.destroy(error as Error);
    }
  });

  return router;
}
