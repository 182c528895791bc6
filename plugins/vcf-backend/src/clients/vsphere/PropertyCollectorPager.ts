import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  containerViewTraversal,
  propertyFilterSpecXml,
  type PropertyFilterSpecInput,
  type PropertySpecInput,
} from './propertyFilterSpec';
import type { ManagedObjectReference, ObjectContent, VimNode } from './types';
import { VimFaultError } from './VimFaultError';
import type { VimSoapClient, VimStreamedReply } from './VimSoapClient';
import { UpstreamError } from '../../http/UpstreamError';
import { asArray, child, readMoRef, readString, xsiType } from './vimValues';
import { xmlChildren, xmlElement } from './vimXml';

/**
 * Options of a {@link PropertyCollectorPager}.
 * @internal
 */
export interface PropertyCollectorPagerOptions {
  client: VimSoapClient;
  /** Objects per page (`RetrieveOptions.maxObjects`, default 500). */
  pageSize?: number;
  logger?: LoggerService;
}

/** Made with `new`, not as a literal: see the comment at the top of vimXmlParser.ts. */
class ReadObjectContent implements ObjectContent {
  constructor(
    readonly obj: ManagedObjectReference,
    readonly props: Map<string, VimNode>,
    readonly missing: Array<{ path: string; fault: string }>,
  ) {}
}

/** One `objects` element of a RetrieveResult; undefined when it names no object. */
function readObjectContent(o: VimNode): ObjectContent | undefined {
  const obj = readMoRef(child(o, 'obj'));
  if (!obj) return undefined;
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
  return new ReadObjectContent(obj, props, missing);
}

/**
 * What a paged retrieval does with what it reads: each object as soon as it is parsed, and the end of each page
 * (the server's next page is already requested by then).
 * @internal
 */
export interface PropertyCollectorPageHandlers {
  onObject(object: ObjectContent): void;
  /**
   * Awaited after each piece of a page is parsed, before the next is read: the place to write away what
   * `onObject` collected so far, so that memory holds a few objects rather than a page of them.
   */
  onChunkParsed?(): Promise<void>;
  onPageEnd?(): Promise<void>;
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
 * @internal
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
      onObject: o => objects.push(o),
      onRestart: async () => {
        objects = [];
      },
    });
    return objects;
  }

  /**
   * Like {@link PropertyCollectorPager.retrieveView}, but hands each object to `onObject` as soon as it is parsed
   * (each answer is read as a stream) and tells the end of each page to `onPageEnd`, instead of collecting them:
   * memory holds an object and what the handlers keep, never a page's text or tree. The next page is requested
   * as soon as the current page's token has arrived, so the server prepares it while this one is read. When the
   * retrieval starts over in a renewed session, `onRestart` is called first, to forget the objects handed so far.
   */
  async retrieveViewPages(
    propSet: readonly PropertySpecInput[],
    viewTypes: readonly string[],
    handlers: PropertyCollectorPageHandlers & {
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
            handlers,
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
      await this.pages(spec, { onObject: o => objects.push(o) });
      return objects;
    });
  }

  private async pages(
    spec: PropertyFilterSpecInput,
    handlers: PropertyCollectorPageHandlers,
  ): Promise<void> {
    const pc = this.client.serviceContent.propertyCollector;
    this.retrieveCalls++;
    let reply: VimStreamedReply | undefined = await this.client.requestStreamed(
      'RetrievePropertiesEx',
      pc,
      xmlChildren([
        xmlElement('specSet', propertyFilterSpecXml(spec)),
        xmlElement('options', xmlChildren([['maxObjects', this.pageSize]])),
      ]),
    );
    const loginsBefore = this.client.loginCount;
    // The request for the page after the one being read, and the last token seen (to cancel on failure).
    const ahead: { next?: Promise<VimStreamedReply>; lastToken?: string } = {};
    const onChild = (name: string, value: VimNode) => {
      if (name === 'objects') {
        const object = readObjectContent(value);
        if (object) handlers.onObject(object);
      } else if (name === 'token' && ahead.next === undefined) {
        const token = readString(value);
        // The WSDL puts the token first: the next page is asked for while this one is still arriving.
        if (token) {
          ahead.lastToken = token;
          ahead.next = this.continueWith(pc, token);
        }
      }
    };
    try {
      while (reply) {
        ahead.next = undefined;
        await reply.read(onChild, handlers.onChunkParsed);
        await handlers.onPageEnd?.();
        reply = ahead.next && (await ahead.next);
      }
    } catch (error) {
      await ahead.next?.then(
        unread => unread.discard(),
        () => undefined,
      );
      if (ahead.lastToken && this.client.loginCount === loginsBefore) {
        await this.cancel(ahead.lastToken);
      }
      throw error;
    }
  }

  private continueWith(
    pc: ManagedObjectReference,
    token: string,
  ): Promise<VimStreamedReply> {
    this.retrieveCalls++;
    const reply = this.client.requestStreamed(
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
