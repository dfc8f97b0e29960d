// A tiny assertion library that runs in Node and in browsers (the shared JS cases use it).
export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = "AssertionError";
  }
}

const show = (v) => {
  try {
    return typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));
  } catch {
    return String(v);
  }
};

function deepEq(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEq(a[k], b[k]));
}

function matchesExpected(err, expected) {
  if (expected === undefined) return null;
  if (typeof expected === "function" && expected.prototype === undefined) {
    return expected(err) ? null : "predicate returned false";
  }
  if (typeof expected === "function") {
    return err instanceof expected ? null : `not an instance of ${expected.name}`;
  }
  if (expected instanceof RegExp) {
    return expected.test(String(err?.message)) ? null : `message ${show(err?.message)} does not match ${expected}`;
  }
  for (const [k, v] of Object.entries(expected)) {
    const got = err?.[k];
    if (v instanceof RegExp ? !v.test(String(got)) : !deepEq(got, v)) {
      return `error.${k} is ${show(got)}, expected ${v instanceof RegExp ? v : show(v)} (message: ${err?.message})`;
    }
  }
  return null;
}

export const assert = {
  ok(value, msg) {
    if (!value) throw new AssertionError(msg ?? `expected a truthy value, got ${show(value)}`);
  },
  equal(actual, expected, msg) {
    if (!Object.is(actual, expected)) {
      throw new AssertionError(`${msg ? msg + ": " : ""}expected ${show(expected)}, got ${show(actual)}`);
    }
  },
  notEqual(actual, expected, msg) {
    if (Object.is(actual, expected)) throw new AssertionError(`${msg ? msg + ": " : ""}did not expect ${show(actual)}`);
  },
  deepEqual(actual, expected, msg) {
    if (!deepEq(actual, expected)) {
      throw new AssertionError(`${msg ? msg + ": " : ""}expected ${show(expected)}, got ${show(actual)}`);
    }
  },
  match(actual, re, msg) {
    if (!re.test(String(actual))) throw new AssertionError(`${msg ? msg + ": " : ""}${show(actual)} does not match ${re}`);
  },
  throws(fn, expected, msg) {
    try {
      fn();
    } catch (err) {
      const why = matchesExpected(err, expected);
      if (why) throw new AssertionError(`${msg ? msg + ": " : ""}${why}`);
      return err;
    }
    throw new AssertionError(`${msg ? msg + ": " : ""}expected an exception`);
  },
  async rejects(promiseOrFn, expected, msg) {
    try {
      await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
    } catch (err) {
      const why = matchesExpected(err, expected);
      if (why) throw new AssertionError(`${msg ? msg + ": " : ""}${why}`);
      return err;
    }
    throw new AssertionError(`${msg ? msg + ": " : ""}expected a rejection`);
  },
};
