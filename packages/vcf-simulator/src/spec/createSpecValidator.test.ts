import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithSpecs } from '../__testUtils__/describeWithSpecs';
import {
  createSpecValidator,
  SPEC_FILES,
  SpecFolderAbsentError,
  type SpecValidator,
} from './createSpecValidator';
import { locateSpecFolder, SPECS_DIR_ENV } from './locateSpecFolder';

const validCredential = {
  id: 'c1',
  credentialType: 'SSH',
  accountType: 'USER',
  username: 'root',
  password: 'secret',
  creationTimestamp: '2025-01-01T00:00:00.000Z',
  modificationTimestamp: '2025-01-01T00:00:00.000Z',
  resource: {
    resourceId: 'r1',
    resourceName: 'esxi-01.vcf01.example.test',
    resourceIp: '10.0.0.1',
    resourceType: 'ESXI',
    domainNames: ['vcf01-m01'],
  },
};

describe('locateSpecFolder', () => {
  it('reports the folder absent, saying where it looked, when VCF_SPECS_DIR points nowhere', () => {
    const location = locateSpecFolder({
      env: { [SPECS_DIR_ENV]: '/definitely/not/here' },
    });
    expect(location).toEqual({
      found: false,
      reason: expect.stringContaining(
        'spec folder absent: VCF_SPECS_DIR=/definitely/not/here',
      ),
    });
  });

  it('uses the folder VCF_SPECS_DIR names', () => {
    const folder = mkdtempSync(join(tmpdir(), 'specs-'));
    try {
      expect(locateSpecFolder({ env: { [SPECS_DIR_ENV]: folder } })).toEqual({
        found: true,
        dir: folder,
      });
    } finally {
      rmSync(folder, { recursive: true });
    }
  });

  it('makes createSpecValidator throw SpecFolderAbsentError when absent', () => {
    const previous = process.env[SPECS_DIR_ENV];
    process.env[SPECS_DIR_ENV] = '/definitely/not/here';
    try {
      expect(() => createSpecValidator(SPEC_FILES.sddcManager)).toThrow(
        SpecFolderAbsentError,
      );
    } finally {
      if (previous === undefined) delete process.env[SPECS_DIR_ENV];
      else process.env[SPECS_DIR_ENV] = previous;
    }
  });
});

describeWithSpecs('createSpecValidator', () => {
  let sddcManager: SpecValidator;
  let installer: SpecValidator;
  beforeAll(() => {
    sddcManager = createSpecValidator(SPEC_FILES.sddcManager);
    installer = createSpecValidator(SPEC_FILES.installer);
  });

  it('finds operations by concrete path, preferring literal segments over parameters', () => {
    expect(sddcManager.findOperation('GET', '/v1/credentials/abc?x=1')).toEqual(
      {
        method: 'get',
        pathTemplate: '/v1/credentials/{id}',
        params: { id: 'abc' },
      },
    );
    expect(
      installer.findOperation('get', '/v1/sddcs/validations')?.pathTemplate,
    ).toBe('/v1/sddcs/validations');
    expect(
      installer.findOperation('get', '/v1/sddcs/latest')?.pathTemplate,
    ).toBe('/v1/sddcs/latest');
    expect(
      sddcManager.findOperation('delete', '/v1/credentials/abc'),
    ).toBeUndefined();
  });

  it('accepts a well-formed credentials request and rejects hosts-style paging names', () => {
    expect(
      sddcManager.validateRequest('GET', '/v1/credentials', {
        query: { pageNumber: '0', pageSize: '100', resourceType: 'ESXI' },
      }),
    ).toEqual({ valid: true, errors: [] });
    const wrong = sddcManager.validateRequest(
      'GET',
      '/v1/credentials?page=0&size=100',
    );
    expect(wrong.valid).toBe(false);
    expect(wrong.errors).toEqual([
      'GET /v1/credentials?page=0&size=100: unknown query parameter "page"',
      'GET /v1/credentials?page=0&size=100: unknown query parameter "size"',
    ]);
  });

  it('checks query parameter types and request bodies', () => {
    expect(
      sddcManager.validateRequest('GET', '/v1/hosts', {
        query: { page: 'first' },
      }).errors,
    ).toEqual(['GET /v1/hosts query parameter "page": (root) must be integer']);
    expect(
      sddcManager.validateRequest('POST', '/v1/tokens', {
        body: { username: 'u', password: 42 },
      }).errors,
    ).toEqual(['POST /v1/tokens request body: /password must be string']);
    expect(sddcManager.validateRequest('POST', '/v1/tokens').errors).toEqual([
      'POST /v1/tokens: the request body is required',
    ]);
    expect(sddcManager.validateRequest('GET', '/v1/nothing-here').valid).toBe(
      false,
    );
  });

  it('validates response bodies through $ref into components/schemas', () => {
    const page = {
      elements: [validCredential],
      pageMetadata: {
        pageNumber: 0,
        pageSize: 1,
        totalElements: 1,
        totalPages: 1,
      },
    };
    expect(
      sddcManager.validateResponse('GET', '/v1/credentials', 200, page).errors,
    ).toEqual([]);

    const { username, ...withoutUsername } = validCredential;
    const broken = { ...page, elements: [withoutUsername] };
    expect(
      sddcManager.validateResponse('GET', '/v1/credentials', 200, broken)
        .errors,
    ).toEqual([
      "response 200 of GET /v1/credentials: /elements/0 must have required property 'username'",
    ]);
  });

  it('reports a status the operation does not document', () => {
    const result = sddcManager.validateResponse('GET', '/v1/vcenters', 401, {});
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(
      /status 401 is not documented \(documented: 200, 400, 500\)/,
    );
  });

  it('closes object schemas on request so misspelt fields are caught', () => {
    const strict = createSpecValidator(SPEC_FILES.sddcManager, {
      rejectUnknownProperties: true,
    });
    const withTypo = { ...validCredential, pasword: 'x' };
    expect(sddcManager.validateSchema('Credential', withTypo).valid).toBe(true);
    expect(strict.validateSchema('Credential', withTypo).errors).toEqual([
      'Credential: (root) must NOT have additional properties (pasword)',
    ]);
  });

  it('validates against named schemas, e.g. the 5.2.1 SddcSpec', () => {
    const vcf52 = createSpecValidator(SPEC_FILES.sddcManagerVcf52);
    expect(vcf52.validateSchema('SddcSpec', { sddcId: 'x' }).errors).toEqual(
      expect.arrayContaining([
        "SddcSpec: (root) must have required property 'hostSpecs'",
        'SddcSpec: /sddcId must NOT have fewer than 3 characters',
      ]),
    );
    expect(vcf52.validateSchema('NoSuchSchema', {}).errors).toEqual([
      expect.stringContaining('has no schema NoSuchSchema'),
    ]);
  });
});
