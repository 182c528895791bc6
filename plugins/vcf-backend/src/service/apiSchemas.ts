import { z } from 'zod';
import { InputError } from '@backstage/errors';
import {
  INVENTORY_CHANGE_KINDS,
  INVENTORY_ROW_ID_PATTERN,
  type InventoryChangeKind,
  VCF_ID_HINT,
  VCF_ID_PATTERN,
} from '@vcf-backstage/plugin-vcf-common';

/** Parses with a zod schema; a failure becomes a 400 that says which field is wrong. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues
      .map(issue => `${issue.path.join('.') || what}: ${issue.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}

const booleanFlag = z
  .enum(['true', 'false'])
  .transform(v => v === 'true')
  .optional();

/** offset/limit/orderBy/order/q of every list. */
export const listQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(25),
  orderBy: z.string().max(50).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  q: z.string().max(200).optional(),
});

export const credentialListQuerySchema = listQuerySchema.extend({
  resourceType: z.string().max(100).optional(),
  credentialType: z.string().max(50).optional(),
  accountType: z.string().max(50).optional(),
  domain: z.string().max(255).optional(),
  source: z.enum(['sddc-manager', 'installer']).optional(),
  expiryStatus: z.enum(['ACTIVE', 'EXPIRING', 'EXPIRED', 'UNKNOWN']).optional(),
  includeRemoved: booleanFlag,
});

export const exportQuerySchema = credentialListQuerySchema.extend({
  format: z.enum(['csv', 'xlsx']),
});

const isoTimestamp = z.string().datetime({ offset: true });

export const auditQuerySchema = listQuerySchema
  .extend({
    action: z.string().max(60).optional(),
    environmentId: z.string().max(100).optional(),
    actor: z.string().max(255).optional(),
    result: z.enum(['succeeded', 'failed', 'denied']).optional(),
    from: isoTimestamp.optional(),
    to: isoTimestamp.optional(),
  })
  .strict()
  .refine(q => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });

const idSchema = z.string().regex(VCF_ID_PATTERN, VCF_ID_HINT);

const httpsUrl = z
  .string()
  .url()
  .refine(v => /^https?:\/\//.test(v), 'must be an http(s) URL');

const endpointSchema = z.object({
  baseUrl: httpsUrl,
  username: z.string().min(1).max(255),
  password: z.string().max(1000).optional(),
  tls: z
    .object({ verify: z.boolean().optional(), ca: z.string().max(100_000).optional() })
    .optional(),
  intervalMinutes: z.number().int().min(1).max(10_080).optional(),
});

export const environmentInputSchema = z
  .object({
    id: idSchema,
    title: z.string().min(1).max(255),
    description: z.string().max(2000).optional(),
    owner: z.string().max(255).optional(),
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
  .refine(v => v.sddcManager || v.installer, {
    message: 'an environment needs an sddcManager or an installer endpoint',
  });

export type EnvironmentInputBody = z.infer<typeof environmentInputSchema>;

const inventoryScope = {
  environmentId: z.string().max(100).optional(),
  vcenterId: z.string().max(100).optional(),
};

/** `GET /inventory/summary`. */
export const inventoryScopeSchema = z.object(inventoryScope);

/** `GET /inventory/:kind`: paging, sorting, search, scope, and the alarm and VM filters. */
export const inventoryListQuerySchema = listQuerySchema.extend({
  ...inventoryScope,
  severity: z.enum(['red', 'yellow', 'green', 'gray']).optional(),
  powerState: z.string().max(30).optional(),
});

/** `GET /inventory/:kind/export`. */
export const inventoryExportQuerySchema = inventoryListQuerySchema.extend({
  format: z.enum(['csv', 'xlsx']),
});

/** `GET /inventory/top`. */
export const topItemsQuerySchema = z.object({
  ...inventoryScope,
  type: z.enum(['vm', 'host']),
  metric: z.enum(['cpu', 'memory']),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

/** Body of `POST /vcenters` and `PUT /vcenters/:id`. */
export const vcenterInputSchema = z.object({
  id: idSchema,
  title: z.string().min(1).max(255),
  baseUrl: httpsUrl,
  username: z.string().min(1).max(255),
  password: z.string().max(1000).optional(),
  environmentId: idSchema.optional(),
  owner: z.string().max(255).optional(),
  enabled: z.boolean().optional(),
  tls: z
    .object({ verify: z.boolean().optional(), ca: z.string().max(100_000).optional() })
    .optional(),
  intervalMinutes: z.number().int().min(1).max(10_080).optional(),
});

export type VcenterInputBody = z.infer<typeof vcenterInputSchema>;

/** A whole number written in decimal digits only (no `1e2`, `0x10`, `-0`), within bounds. */
const decimalInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'a whole number in decimal digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

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
    offset: decimalInteger(0, 1_000_000_000).default(0),
    limit: decimalInteger(1, 500).default(25),
  })
  .strict();

/** `GET /inventory/export`: the one workbook of every vCenter (or one scope). */
export const inventoryWorkbookQuerySchema = z
  .object({
    ...inventoryScope,
    format: z.literal('xlsx'),
  })
  .strict();
