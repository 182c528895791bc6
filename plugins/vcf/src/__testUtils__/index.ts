export * from './fixtures';
export { mockVcfApi } from './mockVcfApi';
export { mockDownloads } from './downloads';
export { allow, allowOnly, deny } from './permissions';
export { renderVcfPage } from './renderVcfPage';
