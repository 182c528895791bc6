/*
 * The Backstage backend of the VCF for Backstage demo: catalog, auth (guest sign-in in development), the
 * permission framework with our own policy, the VCF plugin with its catalog and search modules, and the portal
 * channels the VCF plugin uses: notifications with live signals, search, user settings and MCP actions.
 */

import { createBackend } from '@backstage/backend-defaults';
import { permissionModuleVcfPolicy } from './permissionPolicyModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleVcfPolicy);

// Notifications (sync failures, expiring credentials) pushed live to the browser through signals.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Search: Lunr in memory by default; the PostgreSQL engine takes over when the database is PostgreSQL.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@vcf-backstage/plugin-search-backend-module-vcf'));

backend.add(import('@backstage/plugin-user-settings-backend'));

// Serves the actions of the plugins listed in `backend.actions.pluginSources` to MCP clients.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@vcf-backstage/plugin-vcf-backend'));
backend.add(import('@vcf-backstage/plugin-catalog-backend-module-vcf'));

backend.start();
