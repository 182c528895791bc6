/**
 * jsdom can neither create object URLs nor follow download links: stub both and record the
 * file names of the downloads, so tests can assert what was saved.
 */
export function mockDownloads() {
  const saved: string[] = [];
  Object.assign(URL, {
    createObjectURL: jest.fn(() => 'blob:vcf-test'),
    revokeObjectURL: jest.fn(),
  });
  jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function record(this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  return { savedFilenames: () => [...saved] };
}
