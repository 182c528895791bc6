import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { InputError } from '@backstage/errors';
import {
  INVENTORY_CHANGE_KINDS,
  INVENTORY_ROW_ID_PATTERN,
  type InventoryChangeKind,
  VCF_ID_HINT,
  VCF_ID_PATTERN,
} from '@vcf-backstage/plugin-vcf-common';

/**
 * The request schemas of every route, built from one set of strict helpers: objects refuse unknown fields, text
 * refuses NUL bytes, integers are plain digits, PEM bundles must parse. A route validates with {@link parseInput}.
 */

/** Parses with a zod schema; a failure becomes a 400 that says which field is wrong. */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues
      .map(issue => {
        const path = issue.path.map(String).join('.');
        if (issue.code === 'unrecognized_keys') {
          const where = path ? ` in ${path}` : '';
          return `unknown field${
            issue.keys.length > 1 ? 's' : ''
          }${where}: ${issue.keys.join(', ')}`;
        }
        return `${path || what}: ${issue.message}`;
      })
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}

/** Text of at most `max` characters without NUL bytes. */
export function text(max: number) {
  return z
    .string()
    .max(max)
    .refine(v => !v.includes('\0'), 'must not contain NUL bytes');
}

/**
 * A whole number in a query string: plain decimal digits only (`0x10`, `1e2`, `-1`, `1.0` and numbers of more
 * than 9 digits are refused), then checked against the bounds.
 */
export function queryInteger(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number written in decimal digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** A whole number in a JSON body (not a string, not a fraction). */
export function bodyInteger(min: number, max: number) {
  return z.number().int().min(min).max(max);
}

/** `true` / `false` in a query string. */
const queryBoolean = z
  .enum(['true', 'false'])
  .transform(v => v === 'true')
  .optional();

const PEM_BLOCK =
  /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** One or more PEM certificates, each of which must parse as X.509. */
export const pemCertificates = text(100_000).superRefine((value, ctx) => {
  const blocks = value.match(PEM_BLOCK) ?? [];
  if (!blocks.length) {
    ctx.addIssue({
      code: 'custom',
      message:
        'must hold one or more PEM certificates (-----BEGIN CERTIFICATE----- …)',
    });
    return;
  }
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block); // eslint-disable-line no-new
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `certificate ${index + 1} is not a valid X.509 certificate`,
      });
    }
  });
});

/** Ids of environments and vCenters. */
export const idSchema = text(100).regex(VCF_ID_PATTERN, VCF_ID_HINT);

const httpUrl = text(2000)
  .url()
  .refine(v => /^https?:\/\//.test(v), 'must be an http(s) URL');

const tlsSchema = z
  .object({ verify: z.boolean().optional(), ca: pemCertificates.optional() })
  .strict();

/** offset/limit/orderBy/order/q of every list. */
const listQueryFields = {
  offset: queryInteger(0, 1_000_000_000).default(0),
  limit: queryInteger(1, 500).default(25),
  orderBy: text(50).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  q: text(200).optional(),
};

/** `cursor` of a list that also pages by cursor: a page's nextCursor or prevCursor. */
export const cursorField = text(2000).optional();

/** offset/limit of a list without sorting or search. */
export const pageQuerySchema = z
  .object({ offset: listQueryFields.offset, limit: listQueryFields.limit })
  .strict();

const credentialFilterFields = {
  resourceName: text(255).optional(),
  resourceType: text(100).optional(),
  credentialType: text(50).optional(),
  accountType: text(50).optional(),
  domain: text(255).optional(),
  source: z.enum(['sddc-manager', 'installer']).optional(),
  expiryStatus: z.enum(['ACTIVE', 'EXPIRING', 'EXPIRED', 'UNKNOWN']).optional(),
  includeRemoved: queryBoolean,
};

/** `GET /environments/:id/credentials`. */
export const credentialListQuerySchema = z
  .object({
    ...listQueryFields,
    ...credentialFilterFields,
    cursor: cursorField,
  })
  .strict();

/**
 * Export formats: `csv` guards every field against formulas, `csv-raw` writes every value exactly (for scripts),
 * `xlsx` writes every value exactly as a string cell.
 */
const exportFormat = z.enum(['csv', 'csv-raw', 'xlsx']);

/** `GET /environments/:id/export`: the list's sort and filters, no paging. */
export const exportQuerySchema = z
  .object({
    orderBy: listQueryFields.orderBy,
    order: listQueryFields.order,
    q: listQueryFields.q,
    ...credentialFilterFields,
    format: exportFormat,
  })
  .strict();

const isoTimestamp = text(40).datetime({ offset: true });

const auditFilterFields = {
  action: text(60).optional(),
  environmentId: text(100).optional(),
  actor: text(255).optional(),
  result: z.enum(['succeeded', 'failed', 'denied']).optional(),
  from: isoTimestamp.optional(),
  to: isoTimestamp.optional(),
};

/** `from` before `to`, when both are given. */
function fromBeforeTo(q: { from?: string; to?: string }): boolean {
  return !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to);
}
const FROM_BEFORE_TO = {
  message: 'from must be before to',
  path: ['from'],
};

/** `GET /audit`. */
export const auditQuerySchema = z
  .object({ ...listQueryFields, ...auditFilterFields, cursor: cursorField })
  .strict()
  .refine(fromBeforeTo, FROM_BEFORE_TO);

/** `GET /audit/export`: the list's filters, no paging. */
export const auditExportQuerySchema = z
  .object({ ...auditFilterFields, format: exportFormat })
  .strict()
  .refine(fromBeforeTo, FROM_BEFORE_TO);

const endpointSchema = z
  .object({
    baseUrl: httpUrl,
    username: text(255).min(1),
    password: text(1000).optional(),
    tls: tlsSchema.optional(),
    intervalMinutes: bodyInteger(1, 10_080).optional(),
  })
  .strict();

/** Body of `POST /environments` and `PUT /environments/:id`. */
export const environmentInputSchema = z
  .object({
    id: idSchema,
    title: text(255).min(1),
    description: text(2000).optional(),
    owner: text(255).optional(),
    discoverVcenters: z.boolean().optional(),
    rotateAfterReveal: z
      .object({
        afterMinutes: z.number().int().min(1).max(10_080),
        resourceTypes: z.array(z.string().min(1).max(100)).min(1).max(50),
      })
      .strict()
      .optional(),
    sddcManager: endpointSchema.optional(),
    installer: endpointSchema.optional(),
  })
  .strict()
  .refine(v => v.sddcManager || v.installer, {
    message: 'an environment needs an sddcManager or an installer endpoint',
  });

export type EnvironmentInputBody = z.infer<typeof environmentInputSchema>;

/** A body that must be empty (actions such as sync or test-connection take no input). */
export const emptyBodySchema = z.object({}).strict();

const inventoryScope = {
  environmentId: text(100).optional(),
  vcenterId: text(100).optional(),
};

/** `GET /inventory/summary`. */
export const inventoryScopeSchema = z.object(inventoryScope).strict();

const inventoryFilterFields = {
  ...inventoryScope,
  severity: z.enum(['red', 'yellow', 'green', 'gray']).optional(),
  powerState: text(30).optional(),
};

/** `GET /inventory/:kind`: paging, sorting, search, scope, and the alarm and VM filters. */
export const inventoryListQuerySchema = z
  .object({
    ...listQueryFields,
    ...inventoryFilterFields,
    cursor: cursorField,
  })
  .strict();

/** `GET /inventory/:kind/export`: the list's sort and filters, no paging. */
export const inventoryExportQuerySchema = z
  .object({
    orderBy: listQueryFields.orderBy,
    order: listQueryFields.order,
    q: listQueryFields.q,
    ...inventoryFilterFields,
    format: exportFormat,
  })
  .strict();

/** `GET /inventory/top`. */
export const topItemsQuerySchema = z
  .object({
    ...inventoryScope,
    type: z.enum(['vm', 'host']),
    metric: z.enum(['cpu', 'memory']),
    limit: queryInteger(1, 100).default(10),
  })
  .strict();

/** `GET /catalog-snapshot`. */
export const catalogSnapshotQuerySchema = z
  .object({
    /** Glob (`*`, `?`) of the VM names to include; without it the snapshot has no VMs. */
    vmNamePattern: text(200).min(1).optional(),
  })
  .strict();

/** Body of `POST /vcenters` and `PUT /vcenters/:id`. */
export const vcenterInputSchema = z
  .object({
    id: idSchema,
    title: text(255).min(1),
    baseUrl: httpUrl,
    username: text(255).min(1),
    password: text(1000).optional(),
    environmentId: idSchema.optional(),
    owner: text(255).optional(),
    enabled: z.boolean().optional(),
    tls: tlsSchema.optional(),
    intervalMinutes: bodyInteger(1, 10_080).optional(),
  })
  .strict();

export type VcenterInputBody = z.infer<typeof vcenterInputSchema>;

/** `GET /inventory/changes`: the change feed's filters and page. */
export const inventoryChangeQuerySchema = z
  .object({
    ...inventoryScope,
    kind: z
      .enum(
        INVENTORY_CHANGE_KINDS as [
          InventoryChangeKind,
          ...InventoryChangeKind[],
        ],
      )
      .optional(),
    objectId: z
      .string()
      .regex(INVENTORY_ROW_ID_PATTERN, 'vcenterId:moref')
      .optional(),
    since: z.string().datetime({ offset: true }).optional(),
    until: z.string().datetime({ offset: true }).optional(),
    offset: queryInteger(0, 1_000_000_000).default(0),
    limit: queryInteger(1, 500).default(25),
    cursor: cursorField,
  })
  .strict();

/** `GET /inventory/export`: the one workbook of every vCenter (or one scope). */
export const inventoryWorkbookQuerySchema = z
  .object({
    ...inventoryScope,
    format: z.literal('xlsx'),
  })
  .strict();

/** An `:id` in a path: at most 100 characters (the width of every id column), no NUL bytes. */
const pathIdSchema = text(100).min(1);

/**
 * `router.param('id', checkIdParam)`: a malformed id is a 400 before any handler or database query sees it.
 * @internal
 */
export function checkIdParam(
  _req: unknown,
  _res: unknown,
  next: (error?: unknown) => void,
  value: string,
) {
  try {
    parseInput(pathIdSchema, value, 'id');
    next();
  } catch (error) {
    next(error);
  }
}
