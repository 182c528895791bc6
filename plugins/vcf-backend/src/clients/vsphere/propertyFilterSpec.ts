import type { ManagedObjectReference } from './types';
import { xmlChildren, xmlElement, XmlFragment } from './vimXml';

/**
 * Properties to read from objects of one type (`PropertySpec`).
 * @internal
 */
export interface PropertySpecInput {
  /** Managed object type, e.g. `VirtualMachine`; a base type (`ManagedEntity`) matches its subtypes. */
  type: string;
  /** Property paths, e.g. `summary.quickStats.overallCpuUsage`. */
  pathSet: readonly string[];
}

/**
 * A step from an object to the objects a property refers to (`TraversalSpec`).
 * @internal
 */
export interface TraversalSpecInput {
  name?: string;
  type: string;
  path: string;
  skip?: boolean;
  selectSet?: readonly TraversalSpecInput[];
}

/**
 * A starting object of a retrieval and where to go from it (`ObjectSpec`).
 * @internal
 */
export interface ObjectSpecInput {
  obj: ManagedObjectReference;
  /** Leave the starting object itself out of the result (default false). */
  skip?: boolean;
  selectSet?: readonly TraversalSpecInput[];
}

/**
 * What to retrieve (`PropertyFilterSpec`).
 * @internal
 */
export interface PropertyFilterSpecInput {
  propSet: readonly PropertySpecInput[];
  objectSet: readonly ObjectSpecInput[];
}

/**
 * The traversal from a ContainerView to the objects it holds.
 * @internal
 */
export function containerViewTraversal(): TraversalSpecInput {
  return {
    name: 'traverseView',
    type: 'ContainerView',
    path: 'view',
    skip: false,
  };
}

function traversalSpecXml(spec: TraversalSpecInput): XmlFragment {
  return xmlChildren([
    ['name', spec.name],
    ['type', spec.type],
    ['path', spec.path],
    ['skip', spec.skip ?? false],
    ...(spec.selectSet ?? []).map(s =>
      xmlElement('selectSet', traversalSpecXml(s), 'TraversalSpec'),
    ),
  ]);
}

/**
 * The XML of a PropertyFilterSpec, elements in WSDL order.
 * @internal
 */
export function propertyFilterSpecXml(
  spec: PropertyFilterSpecInput,
): XmlFragment {
  const propSets = spec.propSet.map(p =>
    xmlElement(
      'propSet',
      xmlChildren([
        ['type', p.type],
        ['all', false],
        ['pathSet', [...p.pathSet]],
      ]),
    ),
  );
  const objectSets = spec.objectSet.map(o =>
    xmlElement(
      'objectSet',
      xmlChildren([
        ['obj', o.obj],
        ['skip', o.skip ?? false],
        ...(o.selectSet ?? []).map(s =>
          xmlElement('selectSet', traversalSpecXml(s), 'TraversalSpec'),
        ),
      ]),
    ),
  );
  return xmlChildren([...propSets, ...objectSets]);
}
