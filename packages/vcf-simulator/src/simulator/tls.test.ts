import { X509Certificate } from 'node:crypto';
import { httpsRequest } from '../__testUtils__/httpsRequest';
import { startVcfSimulator } from './startVcfSimulator';
import type { VcfSimulator } from './types';

describe('HTTPS', () => {
  let simulator: VcfSimulator;
  let url: string;

  beforeAll(async () => {
    simulator = await startVcfSimulator();
    url = `${simulator.environments[0].sddcManagerUrl}/v1/system/appliance-info`;
  });
  afterAll(() => simulator.stop());

  it('is verifiable by a client that trusts the certificate as its CA', async () => {
    const response = await httpsRequest(url, { ca: simulator.certificatePem });
    expect(response.status).toBe(401);
  });

  it('is reachable with verification turned off', async () => {
    const response = await httpsRequest(url, { verify: false });
    expect(response.status).toBe(401);
  });

  it('is refused by a client that trusts only the usual CAs', async () => {
    await expect(httpsRequest(url)).rejects.toThrow(
      /self[- ]signed certificate/,
    );
  });

  it('names the listen address in the certificate', () => {
    const certificate = new X509Certificate(simulator.certificatePem);
    expect(certificate.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(certificate.subjectAltName).toContain('DNS:localhost');
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });
});
