/**
 * No import cycles in src/: a cycle between modules (or inside one) makes load order matter and
 * hides a layer that is not one. Type-only imports are erased at run time and do not count.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const IMPORT = /^(?:import|export)\s+(?!type\b)([^;]*?)\s*from\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gms;

/** Every relative import or re-export, type-only ones included. */
const ANY_IMPORT = /^(?:import|export)\b[^;]*?from\s+'(\.[^']+)'/gms;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The files each file imports at run time (relative imports that are not type-only). */
function runtimeImports(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const deps: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const clause = (match[1] ?? '').trim();
      const names = clause.startsWith('{') ? clause.replace(/[{}]/g, '').split(',') : [];
      if (names.length > 0 && names.every((name) => name.trim() === '' || name.trim().startsWith('type ')))
        continue;
      const specifier = match[2] ?? match[3] ?? '';
      const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts');
      if (existsSync(target)) deps.push(target);
    }
    graph.set(file, deps);
  }
  return graph;
}

function cyclesOf(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const visit = (file: string, stack: string[]): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next, stack);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
  return cycles;
}

describe('imports', () => {
  it('form no cycle in src/', () => {
    const root = path.resolve('src');
    const graph = runtimeImports(sourceFiles(root));
    expect(graph.size).toBeGreaterThan(50);
    const cycles = cyclesOf(graph).map((cycle) =>
      cycle.map((file) => path.relative(root, file)).join(' -> '),
    );
    expect(cycles).toEqual([]);
  });

  it('form no cycle between modules, type imports included (modules are layered)', () => {
    const modules = path.resolve('src', 'modules');
    const moduleOf = (file: string) => path.relative(modules, file).split(path.sep)[0] ?? '';
    const graph = new Map<string, string[]>();
    for (const file of sourceFiles(modules)) {
      const own = moduleOf(file);
      const deps = graph.get(own) ?? [];
      for (const match of readFileSync(file, 'utf8').matchAll(ANY_IMPORT)) {
        const target = path.resolve(path.dirname(file), match[1] ?? '');
        const other = target.startsWith(modules + path.sep) ? moduleOf(target) : own;
        if (other !== own && !deps.includes(other)) deps.push(other);
      }
      graph.set(own, deps);
    }
    expect(graph.size).toBeGreaterThan(10);
    expect(graph.get('halls')).toContain('channels');
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('would notice one (the check itself works)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(cyclesOf(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
