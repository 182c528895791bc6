/*
 * The "viewer" project: the backend signs guests in as user:default/viewer (VCF_GUEST_USER), a member of
 * `developers` only. The policy (packages/backend/src/VcfPermissionPolicy.ts) lets it read credential metadata
 * but not reveal or export passwords, and not read the audit trail.
 */
// exceljs is a root devDependency; packages/app does not declare it.
import ExcelJS from 'exceljs';
import {
  EAST,
  columnValues,
  credentialsPath,
  expect,
  paginationText,
  tableWithColumn,
  test,
} from '../fixtures';

test('the viewer is signed in as a developer, not a VCF admin or an owner of vcf-east', async ({
  identity,
}) => {
  expect(identity.userEntityRef).toBe('user:default/viewer');
  expect(identity.ownershipEntityRefs).toContain('group:default/developers');
  expect(identity.ownershipEntityRefs).not.toContain(
    'group:default/vcf-admins',
  );
  expect(identity.ownershipEntityRefs).not.toContain(
    'group:default/platform-east',
  );
});

test('a viewer sees the credential metadata but no control to reveal passwords', async ({
  page,
  vcfApi,
}) => {
  const response = await vcfApi.get(`environments/${EAST}/credentials?limit=1`);
  expect(response.status()).toBe(200);
  const total: number = (await response.json()).totalCount;
  expect(total).toBeGreaterThan(0);

  const decisions: number[] = [];
  page.on('response', r => {
    if (r.url().includes('/api/permission/authorize'))
      decisions.push(r.status());
  });
  await page.goto(credentialsPath(EAST));
  const table = tableWithColumn(page, 'Resource type');
  await expect(paginationText(page)).toHaveText(`1-25 of ${total}`);
  expect(await columnValues(table, 'Username')).toHaveLength(25);
  // The rows' password cells are there (with their history buttons) once the permission checks are answered.
  await expect(
    page.getByRole('button', { name: /^Password history for / }).first(),
  ).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(decisions.length).toBeGreaterThan(0);
  expect(decisions.every(status => status === 200)).toBe(true);

  await expect(
    page.getByRole('button', { name: /^Reveal password for / }),
  ).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Reveal/ })).toHaveCount(0);
  await expect(page.getByTestId('vcf-password')).toHaveCount(0);
  // The audit trail is for admins only, so its tab is not offered either.
  const sections = page.getByRole('tablist', { name: 'VCF sections' });
  await expect(sections.getByRole('tab', { name: 'Overview' })).toBeVisible();
  await expect(sections.getByRole('tab', { name: 'Audit' })).toHaveCount(0);

  // The password history lists the changes but offers no way to reveal old passwords.
  await page
    .getByRole('button', { name: /^Password history for / })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: /^Password history of / });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('progressbar')).toHaveCount(0);
  await expect(
    dialog.getByRole('button', { name: 'Reveal old passwords' }),
  ).toHaveCount(0);
});

test("a viewer's Excel export lists every credential but no password", async ({
  page,
  vcfApi,
}, testInfo) => {
  const response = await vcfApi.get(`environments/${EAST}/credentials?limit=1`);
  const total: number = (await response.json()).totalCount;

  await page.goto(credentialsPath(EAST));
  await expect(paginationText(page)).toHaveText(`1-25 of ${total}`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Excel' }).click();
  const download = await downloading;
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  expect(header).toEqual(expect.arrayContaining(['Resource', 'Username']));
  expect(sheet.actualRowCount - 1).toBe(total);
  // The backend may keep an (empty) Password column when the policy answers with a condition; no row has one.
  const passwordColumn = header.indexOf('Password') + 1;
  const passwords: string[] = [];
  if (passwordColumn > 0) {
    sheet.eachRow((row, number) => {
      const value = row.getCell(passwordColumn).value;
      if (number > 1 && value !== null && value !== undefined && value !== '') {
        passwords.push(String(value));
      }
    });
  }
  expect(passwords).toEqual([]);
});

/** Parses CSV (RFC 4180: quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

test('the backend refuses to reveal passwords or show the audit trail to a viewer (403)', async ({
  vcfApi,
}) => {
  for (const environmentId of [EAST, 'vcf-lab']) {
    const list = await vcfApi.get(
      `environments/${environmentId}/credentials?limit=1`,
    );
    expect(list.status()).toBe(200);
    const listed = await list.json();
    const [credential] = listed.items;
    expect(credential).toBeDefined();

    const reveal = await vcfApi.post(`credentials/${credential.id}/reveal`);
    expect(reveal.status(), await reveal.text()).toBe(403);
    expect(await reveal.text()).not.toContain('"password"');

    const history = await vcfApi.post(
      `credentials/${credential.id}/history/reveal`,
    );
    expect(history.status(), await history.text()).toBe(403);

    // Exports answer, with every credential but without a single password.
    const csv = await vcfApi.get(
      `environments/${environmentId}/export?format=csv`,
    );
    expect(csv.status()).toBe(200);
    const [header, ...rows] = parseCsv(
      (await csv.text()).replace(/^\uFEFF/, ''),
    );
    expect(header).toContain('Username');
    expect(rows).toHaveLength(listed.totalCount);
    const passwordColumn = header.indexOf('Password');
    if (passwordColumn >= 0) {
      expect(rows.filter(row => (row[passwordColumn] ?? '') !== '')).toEqual(
        [],
      );
    }
  }

  const audit = await vcfApi.get('audit');
  expect(audit.status(), await audit.text()).toBe(403);
});
