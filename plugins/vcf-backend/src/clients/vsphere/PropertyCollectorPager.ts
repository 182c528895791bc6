import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  containerViewTraversal,
  propertyFilterSpecXml,
  type PropertyFilterSpecInput,
  type PropertySpecInput,
} from './propertyFilterSpec';
import type { ManagedObjectReference, ObjectContent, VimNode } from './types';
import { VimFaultError } from './VimFaultError';
import type { VimReply, VimSoapClient } from './VimSoapClient';
import { UpstreamError } from '../../http/UpstreamError';
import { decodeXmlText } from './vimXmlParser';
import { asArray, child, readMoRef, readString, xsiType } from './vimValues';
import { xmlChildren, xmlElement } from './vimXml';

/**
 * Options of a {@link PropertyCollectorPager}.
 * @public
 */
export interface PropertyCollectorPagerOptions {
  client: VimSoapClient;
  /** Objects per page (`RetrieveOptions.maxObjects`, default 500). */
  pageSize?: number;
  logger?: LoggerService;
}

const RETURNVAL_START = /<(?:[\w.-]+:)?returnval\b[^>]*>/;
const TOKEN_AT = /\s*<(?:[\w.-]+:)?token>([^<]*)<\/(?:[\w.-]+:)?token>/y;

/**
 * The continuation token of a RetrieveResult, read from the raw response without parsing it. The WSDL puts
 * `token` before `objects`, right at the start of the `returnval`; undefined when there is none.
 * @internal
 */
export function peekToken(text: string): string | undefined {
  const start = RETURNVAL_START.exec(text);
  if (!start) return undefined;
  TOKEN_AT.lastIndex = start.index + start[0].length;
  const token = TOKEN_AT.exec(text);
  return token ? decodeXmlText(token[1]) || undefined : undefined;
}

/** Reads one RetrieveResult: its objects and the continuation token. */
function parseRetrieveResult(node: unknown): {
  objects: ObjectContent[];
  token?: string;
} {
  const objects: ObjectContent[] = [];
  for (const o of asArray(child(node, 'objects'))) {
    const obj = readMoRef(child(o, 'obj'));
    if (!obj) continue;
    const props = new Map<string, VimNode>();
    for (const p of asArray(child(o, 'propSet'))) {
      const name = readString(child(p, 'name'));
      const val = child(p, 'val');
      if (name !== undefined && val !== undefined) props.set(name, val);
    }
    const missing = asArray(child(o, 'missingSet')).map(m => ({
      path: readString(child(m, 'path')) ?? '',
      fault: xsiType(child(m, 'fault.fault')) ?? 'UnknownFault',
    }));
    objects.push({ obj, props, missing });
  }
  const token = readString(child(node, 'token')) || undefined;
  return { objects, token };
}

/**
 * Reads properties of many objects with the PropertyCollector, one page at a time: `RetrievePropertiesEx` with
 * `options.maxObjects`, then `ContinueRetrievePropertiesEx` until the server returns no token. Round trips grow
 * with ⌈objects / page size⌉, never with one call per object; {@link PropertyCollectorPager.roundTrips} counts
 * them.
 *
 * {@link PropertyCollectorPager.retrieveView} reads every object of a type below the root folder through a
 * recursive ContainerView, destroyed afterwards (also on error). If the session ends mid-way (views and tokens die
 * with it) and the client logs in again, the retrieval starts over once in the new session.
 * @public
 */
export class PropertyCollectorPager {
  readonly pageSize: number;
  private readonly client: VimSoapClient;
  private readonly logger?: LoggerService;
  private retrieveCalls = 0;
  private restartCount = 0;

  static create(
    options: PropertyCollectorPagerOptions,
  ): PropertyCollectorPager {
    return new PropertyCollectorPager(options);
  }

  private constructor(options: PropertyCollectorPagerOptions) {
    const pageSize = options.pageSize ?? 500;
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new Error(`Page size must be a positive integer, got ${pageSize}`);
    }
    this.pageSize = pageSize;
    this.client = options.client;
    this.logger = options.logger;
  }

  /** RetrievePropertiesEx and ContinueRetrievePropertiesEx calls made so far. */
  get roundTrips(): number {
    return this.retrieveCalls;
  }

  /** Retrievals started over because the session was renewed mid-way. */
  get restarts(): number {
    return this.restartCount;
  }

  /**
   * Reads `propSet` of every object of the given types below the root folder (recursively), through a
   * ContainerView. `viewTypes` defaults to the type of the first property spec.
   */
  async retrieveView(
    propSet: readonly PropertySpecInput[],
    viewTypes: readonly string[] = [propSet[0].type],
  ): Promise<ObjectContent[]> {
    let objects: ObjectContent[] = [];
    await this.retrieveViewPages(propSet, viewTypes, {
      onPage: async page => {
        for (const o of page) objects.push(o);
      },
      onRestart: async () => {
        objects = [];
      },
    });
    return objects;
  }

  /**
   * Like {@link PropertyCollectorPager.retrieveView}, but hands each page to `onPage` as it arrives (the next
   * page is already requested meanwhile) instead of collecting them: memory stays at a page or two. When the
   * retrieval starts over in a renewed session, `onRestart` is called first, to forget the pages handed so far.
   */
  async retrieveViewPages(
    propSet: readonly PropertySpecInput[],
    viewTypes: readonly string[],
    handlers: {
      onPage: (objects: ObjectContent[]) => Promise<void>;
      onRestart: () => Promise<void>;
    },
  ): Promise<void> {
    await this.withOneRestart(
      viewTypes.join(','),
      async () => {
        const content = this.client.serviceContent;
        const view = readMoRef(
          await this.client.invoke(
            'CreateContainerView',
            content.viewManager,
            xmlChildren([
              ['container', content.rootFolder],
              ['type', [...viewTypes]],
              ['recursive', true],
            ]),
          ),
        );
        if (!view) {
          throw new UpstreamError(
            `${this.client.upstreamName} answered CreateContainerView without a view`,
            { kind: 'parse', upstreamName: this.client.upstreamName },
          );
        }
        try {
          await this.pages(
            {
              propSet,
              objectSet: [
                {
                  obj: view,
                  skip: true,
                  selectSet: [containerViewTraversal()],
                },
              ],
            },
            handlers.onPage,
          );
        } finally {
          await this.destroyView(view);
        }
      },
      handlers.onRestart,
    );
  }

  /** Reads properties of the given objects (or of what `spec` traverses to). */
  async retrieve(spec: PropertyFilterSpecInput): Promise<ObjectContent[]> {
    if (spec.objectSet.length === 0) return [];
    return this.withOneRestart('objects', async () => {
      const objects: ObjectContent[] = [];
      await this.pages(spec, async page => {
        for (const o of page) objects.push(o);
      });
      return objects;
    });
  }

  private async pages(
    spec: PropertyFilterSpecInput,
    onPage: (objects: ObjectContent[]) => Promise<void>,
  ): Promise<void> {
    const pc = this.client.serviceContent.propertyCollector;
    this.retrieveCalls++;
    let reply = await this.client.request(
      'RetrievePropertiesEx',
      pc,
      xmlChildren([
        xmlElement('specSet', propertyFilterSpecXml(spec)),
        xmlElement('options', xmlChildren([['maxObjects', this.pageSize]])),
      ]),
    );
    const loginsBefore = this.client.loginCount;
    let lastToken: string | undefined;
    try {
      for (;;) {
        // Ask for the next page before parsing this one: the server prepares it while we parse.
        const peeked = peekToken(reply.text);
        const next =
          peeked === undefined ? undefined : this.continueWith(pc, peeked);
        lastToken = peeked ?? lastToken;
        let result: { objects: ObjectContent[]; token?: string };
        try {
          result = parseRetrieveResult(reply.returnval());
        } catch (error) {
          await next?.catch(() => undefined);
          throw error;
        }
        if (peeked !== undefined && result.token !== peeked) {
          await next?.catch(() => undefined);
          throw new UpstreamError(
            `${this.client.upstreamName} sent an inconsistent continuation token`,
            { kind: 'parse', upstreamName: this.client.upstreamName },
          );
        }
        try {
          await onPage(result.objects);
        } catch (error) {
          await next?.catch(() => undefined);
          throw error;
        }
        if (!result.token) break;
        // A token the quick look did not find (unusual element order) is followed without the head start.
        lastToken = result.token;
        reply = await (next ?? this.continueWith(pc, result.token));
      }
    } catch (error) {
      if (lastToken && this.client.loginCount === loginsBefore) {
        await this.cancel(lastToken);
      }
      throw error;
    }
  }

  private continueWith(
    pc: ManagedObjectReference,
    token: string,
  ): Promise<VimReply> {
    this.retrieveCalls++;
    const reply = this.client.request(
      'ContinueRetrievePropertiesEx',
      pc,
      xmlChildren([['token', token]]),
    );
    reply.catch(() => undefined); // handled where it is awaited; this only avoids an unhandled rejection meanwhile
    return reply;
  }

  private async cancel(token: string): Promise<void> {
    try {
      await this.client.invoke(
        'CancelRetrievePropertiesEx',
        this.client.serviceContent.propertyCollector,
        xmlChildren([['token', token]]),
      );
    } catch {
      // Best effort: the server drops abandoned tokens by itself.
    }
  }

  private async destroyView(view: ManagedObjectReference): Promise<void> {
    try {
      await this.client.invoke('DestroyView', view);
    } catch (error) {
      // A view of an ended session is gone already; nothing to clean up.
      this.logger?.debug('Could not destroy a container view', {
        upstream: this.client.upstreamName,
        reason: (error as Error).message,
      });
    }
  }

  private async withOneRestart<T>(
    what: string,
    run: () => Promise<T>,
    beforeRestart?: () => Promise<void>,
  ): Promise<T> {
    const loginsBefore = this.client.loginCount;
    try {
      return await run();
    } catch (error) {
      if (
        !(error instanceof VimFaultError) ||
        this.client.loginCount === loginsBefore
      )
        throw error;
      // The session was renewed mid-way: the old session's views and tokens are gone, so start over once.
      this.restartCount++;
      this.logger?.info(
        'Restarting a vCenter retrieval in the renewed session',
        {
          upstream: this.client.upstreamName,
          what,
          reason: error.message,
        },
      );
      await beforeRestart?.();
      return run();
    }
  }
}
