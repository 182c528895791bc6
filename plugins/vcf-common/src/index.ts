/**
 * Permissions, annotations and API types shared by the VCF frontend and backend plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './annotations';
export * from './api';
export * from './ids';
export * from './credentialLifecycle';
export * from './search';
