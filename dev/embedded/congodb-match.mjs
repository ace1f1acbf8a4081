// The compiled matcher of congodb-accel.mjs: MongoDB filters made only of $and/$or, equality, $ne,
// $in, $nin, $gt/$gte/$lt/$lte, $exists and $all over strings, numbers, booleans, null, dates and
// ObjectIds become a plain predicate that answers true, false or "unsure"; mingo (the emulator's
// own matcher) decides every other filter, and every document the predicate is unsure of (a path
// through an array, a value of another type). tests/unit/congodb-match.test.ts checks it against mingo.

const TRUE = 1;
const FALSE = 0;
const UNSURE = 2;

export const isPlainObject = (value) =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** Builds `compileFilter` for the emulator's ObjectId class. */
export function filterCompiler(ObjectId) {
  const isScalar = (x) =>
    x === null ||
    typeof x === 'string' ||
    typeof x === 'boolean' ||
    (typeof x === 'number' && !Number.isNaN(x)) ||
    (x instanceof Date && !Number.isNaN(x.getTime())) ||
    x instanceof ObjectId;
  const isOrderable = (x) =>
    typeof x === 'string' ||
    (typeof x === 'number' && !Number.isNaN(x)) ||
    (x instanceof Date && !Number.isNaN(x.getTime()));
  const isPrimitive = (x) =>
    typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && !Number.isNaN(x));

  /** The value at `parts`, undefined when missing, or UNSURE_PATH when the path crosses anything but plain objects. */
  const UNSURE_PATH = Symbol('unsure');
  function resolve(doc, parts) {
    let current = doc;
    for (const part of parts) {
      if (current === null || current === undefined) return undefined;
      if (!isPlainObject(current)) return UNSURE_PATH;
      current = Object.hasOwn(current, part) ? current[part] : undefined;
    }
    return current;
  }

  /** One stored value: missing, scalar, an array of primitives, a subdocument, or something else. */
  function kind(value) {
    if (value === undefined) return 'missing';
    if (isScalar(value)) return 'scalar';
    if (Array.isArray(value)) return value.every(isPrimitive) ? 'array' : 'other';
    if (isPlainObject(value)) return 'object';
    return 'other';
  }

  function equalsScalar(value, x) {
    if (x === null) return value === null || value === undefined;
    if (value === null || value === undefined) return false;
    if (x instanceof Date) return value instanceof Date && value.getTime() === x.getTime();
    if (x instanceof ObjectId) return value instanceof ObjectId && value.equals(x);
    return value === x;
  }

  function eq(value, x) {
    switch (kind(value)) {
      case 'missing':
      case 'scalar':
        return equalsScalar(value, x) ? TRUE : FALSE;
      case 'object':
        return FALSE;
      case 'array':
        if (x === null || !isPrimitive(x)) return UNSURE;
        return value.includes(x) ? TRUE : FALSE;
      default:
        return UNSURE;
    }
  }

  function compare(value, x, test) {
    const k = kind(value);
    if (k === 'missing' || value === null) return FALSE;
    const one = (v) => {
      if (x instanceof Date) return v instanceof Date && test(v.getTime() - x.getTime());
      if (typeof x === 'number') return typeof v === 'number' && test(v - x);
      return typeof v === 'string' && test(v < x ? -1 : v > x ? 1 : 0);
    };
    return k === 'scalar' ? (one(value) ? TRUE : FALSE) : UNSURE;
  }

  const not = (r) => (r === UNSURE ? UNSURE : r === TRUE ? FALSE : TRUE);
  /** TRUE if any of `tests` holds for `value`, UNSURE if none does but one is unsure, else FALSE. */
  function any(tests, value) {
    let unsure = false;
    for (let i = 0; i < tests.length; i += 1) {
      const r = tests[i](value);
      if (r === TRUE) return TRUE;
      if (r === UNSURE) unsure = true;
    }
    return unsure ? UNSURE : FALSE;
  }

  const RANGES = { $gt: (c) => c > 0, $gte: (c) => c >= 0, $lt: (c) => c < 0, $lte: (c) => c <= 0 };

  /** A test of the value at a path, or null when the operator or its argument is not supported. */
  function operator(op, arg) {
    if (op === '$eq') return isScalar(arg) ? (v) => eq(v, arg) : null;
    if (op === '$ne') return isScalar(arg) ? (v) => not(eq(v, arg)) : null;
    if (op === '$in' || op === '$nin') {
      if (!Array.isArray(arg) || !arg.every(isScalar)) return null;
      const each = arg.map((x) => (v) => eq(v, x));
      const test = (v) => any(each, v);
      return op === '$in' ? test : (v) => not(test(v));
    }
    if (op in RANGES) {
      if (!isOrderable(arg)) return null;
      const test = RANGES[op];
      return (v) => compare(v, arg, test);
    }
    if (op === '$exists') {
      if (typeof arg !== 'boolean') return null;
      return (v) => ((v !== undefined) === arg ? TRUE : FALSE);
    }
    if (op === '$all') {
      if (!Array.isArray(arg) || arg.length === 0 || !arg.every(isPrimitive)) return null;
      return (v) => {
        const k = kind(v);
        if (k === 'missing' || v === null) return FALSE;
        if (k !== 'array') return UNSURE;
        return arg.every((x) => v.includes(x)) ? TRUE : FALSE;
      };
    }
    return null;
  }

  function field(path, condition) {
    const parts = path.split('.');
    if (parts.some((part) => part === '' || /^\d+$/.test(part) || part.startsWith('$'))) return null;
    let tests;
    if (
      isPlainObject(condition) &&
      Object.keys(condition).length > 0 &&
      Object.keys(condition).every((key) => key.startsWith('$'))
    ) {
      tests = Object.entries(condition).map(([op, arg]) => operator(op, arg));
    } else if (isScalar(condition)) {
      tests = [(v) => eq(v, condition)];
    } else {
      return null;
    }
    if (tests.some((test) => test === null)) return null;
    return (doc) => {
      const value = resolve(doc, parts);
      if (value === UNSURE_PATH) return UNSURE;
      return all(tests, value);
    };
  }

  /** FALSE if any of `tests` fails for `value`, UNSURE if none fails but one is unsure, else TRUE. */
  function all(tests, value) {
    let unsure = false;
    for (let i = 0; i < tests.length; i += 1) {
      const r = tests[i](value);
      if (r === FALSE) return FALSE;
      if (r === UNSURE) unsure = true;
    }
    return unsure ? UNSURE : TRUE;
  }

  /** A predicate doc -> TRUE | FALSE | UNSURE, or null when the filter uses anything unsupported. */
  function compile(filter) {
    if (!isPlainObject(filter)) return null;
    const parts = [];
    for (const [key, value] of Object.entries(filter)) {
      if (key === '$and' || key === '$or') {
        if (!Array.isArray(value) || value.length === 0) return null;
        const children = value.map(compile);
        if (children.some((child) => child === null)) return null;
        parts.push(key === '$and' ? (doc) => all(children, doc) : (doc) => any(children, doc));
      } else if (key.startsWith('$')) {
        return null;
      } else {
        const test = field(key, value);
        if (test === null) return null;
        parts.push(test);
      }
    }
    return parts.length === 1 ? parts[0] : (doc) => all(parts, doc);
  }

  return compile;
}

/**
 * A matcher for `filter`: the compiled predicate, with mingo deciding the documents it is unsure of;
 * or mingo alone when the filter does not compile. Also returns whether the fast predicate is used.
 */
export function matcherFor(filter, { compile, Query }) {
  if (!filter || Object.keys(filter).length === 0) return { match: () => true, compiled: true };
  let query;
  const slow = (doc) => (query ??= new Query(filter)).test(doc);
  const fast = compile(filter);
  if (fast === null) return { match: slow, compiled: false };
  return {
    match: (doc) => {
      const result = fast(doc);
      return result === UNSURE ? slow(doc) : result === TRUE;
    },
    compiled: true,
  };
}
