import fs from 'fs';
import path from 'path';

// The dependency direction between the feature folders of src/ (credentials, inventory, sync, clients, …) must be
// one way: no folder imports a folder that imports it back, directly or through others. Tests and test utilities
// may wire folders together; plugin.ts and index.ts at the root wire everything and are not in a folder.

const SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__testUtils__' ? [] : sourceFiles(file);
    }
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [file]
      : [];
  });
}

function topFolder(file: string): string | undefined {
  const [first, ...rest] = path.relative(SRC, file).split(path.sep);
  return rest.length > 0 ? first : undefined;
}

/** Folder → the folders its files import (relative imports only). */
function folderGraph(files: string[]): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of files) {
    const from = topFolder(file);
    if (!from) continue;
    const text = fs.readFileSync(file, 'utf8');
    // Static imports and re-exports (`from '…'`) and dynamic imports (`import('…')`).
    const imports = [
      ...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)'(\.[^']*)'/g),
    ];
    for (const [, fileName] of imports) {
      if (!fileName.startsWith('.')) continue;
      const to = topFolder(path.resolve(path.dirname(file), fileName));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), path.relative(SRC, file)]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle of folders, each as the path that returns to its first folder, e.g. ['a', 'b', 'a']. */
function findCycles(graph: Map<string, Iterable<string>>): string[][] {
  const cycles = new Map<string, string[]>();
  const visit = (node: string, trail: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const start = trail.indexOf(next);
      if (start >= 0) {
        const cycle = trail.slice(start);
        // One entry per cycle, whichever folder it was entered from.
        const key = [...cycle].sort().join(' ');
        if (!cycles.has(key)) cycles.set(key, [...cycle, next]);
      } else {
        visit(next, [...trail, next]);
      }
    }
  };
  for (const node of graph.keys()) visit(node, [node]);
  return [...cycles.values()];
}

describe('feature folders of the backend', () => {
  it('import each other one way only', () => {
    const graph = folderGraph(sourceFiles(SRC));
    // The parser sees the imports at all: the routes use the stores of credentials and the sync engine.
    expect(graph.get('service')?.has('credentials')).toBe(true);
    expect(graph.get('credentials')?.has('sync')).toBe(true);
    const cycles = findCycles(
      new Map([...graph].map(([from, edges]) => [from, [...edges.keys()]])),
    ).map(cycle =>
      cycle
        .slice(1)
        .map(
          (to, i) =>
            `${cycle[i]} → ${to} (${graph.get(cycle[i])!.get(to)!.join(', ')})`,
        )
        .join('; '),
    );
    expect(cycles).toEqual([]);
  });

  it('finds a cycle through several folders', () => {
    const graph = new Map([
      ['service', ['vcenters']],
      ['vcenters', ['inventory', 'sync']],
      ['inventory', ['sync', 'vcenters']],
      ['sync', ['database']],
    ]);
    expect(findCycles(graph)).toEqual([['vcenters', 'inventory', 'vcenters']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toHaveLength(1);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
        ]),
      ),
    ).toEqual([]);
  });
});
