import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  Page,
  VcfSearchKind,
  VcfSearchSource,
} from '@vcf-backstage/plugin-vcf-common';

/**
 * Options of the {@link VcfSearchSourceReader}.
 * @public
 */
export interface VcfSearchSourceReaderOptions {
  /** Finds the VCF backend's base URL. */
  discovery: DiscoveryService;
  /** Issues the service token the reader calls the VCF backend with. */
  auth: AuthService;
  /** Objects asked for per request (1–1000, default 500). */
  pageSize?: number;
}

/**
 * Reads the objects to index from the VCF backend's `GET /api/vcf/search-sources/:kind`, page by page, with a
 * service token of the calling plugin. It never reaches into the VCF plugin's database.
 * @public
 */
export class VcfSearchSourceReader {
  private readonly pageSize: number;

  constructor(private readonly options: VcfSearchSourceReaderOptions) {
    this.pageSize = options.pageSize ?? 500;
  }

  /**
   * Every object of one kind, one page in memory at a time: the page after one that gave a `nextCursor` is asked
   * for by that cursor (inventory kinds), any other by offset.
   */
  async *read(kind: VcfSearchKind): AsyncGenerator<VcfSearchSource> {
    const baseUrl = await this.options.discovery.getBaseUrl('vcf');
    let cursor: string | undefined;
    for (let offset = 0; ; offset += this.pageSize) {
      const { token } = await this.options.auth.getPluginRequestToken({
        onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
        targetPluginId: 'vcf',
      });
      const paging = cursor
        ? `cursor=${encodeURIComponent(cursor)}`
        : `offset=${offset}`;
      const url = `${baseUrl}/search-sources/${kind}?${paging}&limit=${this.pageSize}`;
      const response = await fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const page = (await response.json()) as Page<VcfSearchSource>;
      yield* page.items;
      if (page.nextCursor) {
        cursor = page.nextCursor;
        continue;
      }
      // A walk by cursor ends at the page without a next one; a walk by offset at a short page or the count.
      if (
        cursor !== undefined ||
        page.items.length < this.pageSize ||
        offset + page.items.length >= page.totalCount
      )
        return;
    }
  }
}
