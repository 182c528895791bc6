/*
 * The Backstage backend of the VCF for Backstage demo: catalog, auth (guest sign-in in development), the
 * permission framework with our own policy, and the VCF plugin with its catalog module.
 */

import { createBackend } from '@backstage/backend-defaults';
import { permissionModuleVcfPolicy } from './permissionPolicyModule';
import { rootHttpRouterWithoutStackTraces } from './rootHttpRouter';

const backend = createBackend();

backend.add(rootHttpRouterWithoutStackTraces);

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleVcfPolicy);

backend.add(import('@vcf-backstage/plugin-vcf-backend'));
backend.add(import('@vcf-backstage/plugin-catalog-backend-module-vcf'));

backend.start();
