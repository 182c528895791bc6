import type { VcfApi } from '../api';
import { inventorySummary, page } from './fixtures';

/** A VcfApi whose methods are jest mocks answering with empty data ; tests set what they need. */
export function mockVcfApi(): jest.Mocked<VcfApi> {
  const api: jest.Mocked<VcfApi> = {
    listEnvironments: jest.fn(),
    getInventoryDetail: jest.fn(),
    listInventoryChanges: jest.fn(),
    exportInventoryWorkbook: jest.fn(),
    getEnvironment: jest.fn(),
    createEnvironment: jest.fn(),
    updateEnvironment: jest.fn(),
    deleteEnvironment: jest.fn(),
    testEnvironmentConnection: jest.fn(),
    syncEnvironment: jest.fn(),
    listSyncRuns: jest.fn(),
    listCredentials: jest.fn(),
    getCredentialFacets: jest.fn(),
    revealPassword: jest.fn(),
    getCredentialHistory: jest.fn(),
    exportCredentials: jest.fn(),
    listAuditEntries: jest.fn(),
    exportAuditEntries: jest.fn(),
    listVcenters: jest.fn(),
    createVcenter: jest.fn(),
    updateVcenter: jest.fn(),
    deleteVcenter: jest.fn(),
    syncVcenter: jest.fn(),
    testVcenterConnection: jest.fn(),
    testVcenterDefinition: jest.fn(),
    purgeVcenter: jest.fn(),
    getInventorySummary: jest.fn(),
    listInventory: jest.fn(),
    exportInventory: jest.fn(),
    getTopItems: jest.fn(),
    rotateCredential: jest.fn(),
    updateCredentialPassword: jest.fn(),
    remediateCredentialPassword: jest.fn(),
    setAutoRotatePolicy: jest.fn(),
    rotateCredentials: jest.fn(),
    checkCredentialExpiry: jest.fn(),
    listCredentialTasks: jest.fn(),
    getCredentialTask: jest.fn(),
    retryCredentialTask: jest.fn(),
    cancelCredentialTask: jest.fn(),
    listScheduledRotations: jest.fn(),
  };
  api.listCredentialTasks.mockResolvedValue(page([]));
  api.listScheduledRotations.mockResolvedValue([]);
  api.listEnvironments.mockResolvedValue([]);
  api.deleteEnvironment.mockResolvedValue();
  api.syncEnvironment.mockResolvedValue({ targets: [] });
  api.listSyncRuns.mockResolvedValue(page([]));
  api.listCredentials.mockResolvedValue(page([]));
  api.getCredentialFacets.mockResolvedValue({
    resourceType: [],
    credentialType: [],
    accountType: [],
    domain: [],
    source: [],
    expiryStatus: [],
  });
  api.getCredentialHistory.mockResolvedValue([]);
  api.listAuditEntries.mockResolvedValue(page([]));
  api.listVcenters.mockResolvedValue([]);
  api.deleteVcenter.mockResolvedValue();
  api.syncVcenter.mockResolvedValue();
  api.purgeVcenter.mockResolvedValue();
  api.listInventory.mockResolvedValue(page([]));
  api.getInventorySummary.mockResolvedValue(inventorySummary());
  api.getTopItems.mockResolvedValue([]);
  return api;
}
