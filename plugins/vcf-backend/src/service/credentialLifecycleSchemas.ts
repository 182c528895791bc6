import { z } from 'zod';
import { MAX_BULK_ROTATE_CREDENTIALS } from '@vcf-backstage/plugin-vcf-common';
import { queryInteger } from './apiSchemas';

/** Body of `POST /credentials/:id/rotate`: nothing (or an empty object). */
export const rotateBodySchema = z.object({}).strict();

/**
 * Body of `POST /credentials/:id/update` and `/remediate`. Zod messages name the field, never its value, so a
 * refused password is not echoed.
 */
export const passwordBodySchema = z
  .object({
    password: z.string().min(1, 'is required').max(200, 'is too long'),
  })
  .strict();

/** Body of `PUT /credentials/:id/auto-rotate-policy`. */
export const autoRotatePolicyBodySchema = z
  .object({
    enabled: z.boolean(),
    frequencyInDays: z.number().int().min(1).max(90).optional(),
  })
  .strict()
  .refine(v => !v.enabled || v.frequencyInDays !== undefined, {
    message: 'frequencyInDays is required when enabled',
    path: ['frequencyInDays'],
  });

/** Body of `POST /environments/:id/credentials/rotate`. */
export const bulkRotateBodySchema = z
  .object({
    credentialIds: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(MAX_BULK_ROTATE_CREDENTIALS)
      .refine(ids => new Set(ids).size === ids.length, 'must not repeat an id'),
  })
  .strict();

/** Query of `GET /credential-tasks`. */
export const credentialTaskListQuerySchema = z
  .object({
    environmentId: z.string().min(1).max(100),
    offset: queryInteger(0, 1_000_000).default(0),
    limit: queryInteger(1, 100).default(20),
  })
  .strict();
