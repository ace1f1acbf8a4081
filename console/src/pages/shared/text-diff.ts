/**
 * A word-and-character diff for article text (Myers' O(ND) algorithm): Chinese has no spaces, so
 * each Han character (and each punctuation mark, space or line break) is a token of its own, while a
 * run of Latin letters and digits (`0x800CCC0E`, `router`) stays one token, so "691" to "678" reads
 * as one word replaced rather than a jumble of digits.
 */
export type DiffKind = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

/** The tokens a text is compared in: Latin words and numbers whole, everything else one code point at a time. */
export function tokenize(text: string): string[] {
  return text.match(/[A-Za-z0-9_]+|[\s\S]/gu) ?? [];
}

/** Beyond this many differences the middle is shown as replaced whole (keeps memory and time bounded). */
const MAX_EDITS = 2000;

type Op = { kind: DiffKind; token: string };

/** Myers' shortest edit script between two token lists, or null when it needs more than `maxEdits`. */
function shortestEdit(a: readonly string[], b: readonly string[], maxEdits: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds the furthest x on diagonals -d-1..d+1 before round d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxEdits); d += 1) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return null;
}

function backtrack(a: readonly string[], b: readonly string[], trace: Int32Array[], edits: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = edits; d >= 0; d -= 1) {
    const saved = trace[d]!;
    const at = (k: number) => saved[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: 'equal', token: a[x - 1]! });
      x -= 1;
      y -= 1;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: 'insert', token: b[prevY]! });
      else ops.push({ kind: 'delete', token: a[prevX]! });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

function merge(ops: readonly Op[]): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const op of ops) {
    const last = parts[parts.length - 1];
    if (last && last.kind === op.kind) last.text += op.token;
    else parts.push({ kind: op.kind, text: op.token });
  }
  return parts;
}

/**
 * The differences between `before` and `after` as runs of kept, deleted and inserted text, in
 * reading order (a deletion before the insertion that replaces it). Concatenating the kept and
 * deleted runs gives `before`; the kept and inserted ones give `after`.
 */
export function diffText(before: string, after: string, maxEdits = MAX_EDITS): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = shortestEdit(middleA, middleB, maxEdits) ?? [
    ...middleA.map((token): Op => ({ kind: 'delete', token })),
    ...middleB.map((token): Op => ({ kind: 'insert', token })),
  ];
  const kept = (tokens: readonly string[]): Op[] => tokens.map((token) => ({ kind: 'equal', token }));
  return alignEdits(merge([...kept(a.slice(0, start)), ...middle, ...kept(a.slice(endA))]));
}

const BOUNDARY = /^[\s。，、；：！？,.;:!?）)」』】]$/u;

/** How well an edit placed between `before` and `after` reads: starting and ending at a sentence or line boundary. */
function placementScore(before: readonly string[], edit: readonly string[]): number {
  const previous = before[before.length - 1];
  const last = edit[edit.length - 1];
  return (previous === undefined || BOUNDARY.test(previous) ? 2 : 0) + (last && BOUNDARY.test(last) ? 1 : 0);
}

/**
 * Slides each lone insertion or deletion (kept text on both sides) to where it reads best: an edit
 * whose ends repeat its neighbours can sit in several places (`第一步。第二步。` minus `第一步。`
 * is also `第` + `一步。第` removed + `二步。`); prefer the one that starts and ends at a boundary.
 */
function alignEdits(parts: DiffPart[]): DiffPart[] {
  for (let i = 1; i < parts.length - 1; i += 1) {
    const previous = parts[i - 1]!;
    const edit = parts[i]!;
    const next = parts[i + 1]!;
    if (edit.kind === 'equal' || previous.kind !== 'equal' || next.kind !== 'equal') continue;
    let p = tokenize(previous.text);
    let e = tokenize(edit.text);
    let n = tokenize(next.text);
    while (p.length > 0 && p[p.length - 1] === e[e.length - 1]) {
      n = [e[e.length - 1]!, ...n];
      e = [p[p.length - 1]!, ...e.slice(0, -1)];
      p = p.slice(0, -1);
    }
    let best = { score: placementScore(p, e), p, e, n };
    while (n.length > 0 && n[0] === e[0]) {
      p = [...p, e[0]!];
      e = [...e.slice(1), n[0]!];
      n = n.slice(1);
      const score = placementScore(p, e);
      if (score > best.score) best = { score, p, e, n };
    }
    previous.text = best.p.join('');
    edit.text = best.e.join('');
    next.text = best.n.join('');
  }
  return parts.filter((part) => part.text !== '');
}

/** The text on one side of a diff: `before` from kept and deleted runs, `after` from kept and inserted ones. */
export function sideOf(parts: readonly DiffPart[], side: 'before' | 'after'): string {
  const dropped: DiffKind = side === 'before' ? 'insert' : 'delete';
  return parts
    .filter((part) => part.kind !== dropped)
    .map((part) => part.text)
    .join('');
}

/** Whether a diff has any change at all. */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((part) => part.kind !== 'equal');
}
