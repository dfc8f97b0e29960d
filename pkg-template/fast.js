// The fast path of `parseWebhook` and `WebhookTracker.prototype.apply` for string bodies (the
// common case: `await request.text()`), shared by every entry.
//
// Crossing the wasm boundary is what costs, not validating: so the body's UTF-8 is written straight
// into a buffer in wasm memory (no allocation per call), and nothing comes back as JSON text to
// decode and parse again:
// - parseWebhook: wasm validates the body and answers with the event's kind and the entity as a tape
//   of numbers, from which the event is built with slices of the body (an ASCII body; else it is the
//   engine's own `JSON.parse` of the body, re-rooted: `{ type, stream: message.stream }`). Bodies the
//   event would differ from by more than deleted `null` fields (an enum value in another case, …) and invalid bodies
//   take the generated export, which builds the event (or throws the precise WebhookError), and so
//   do options other than `maxBytes`, `allowUnknownTypes: false` and `strictStatuses: false`.
// - apply: wasm folds the event in and writes the result as a tape of numbers (see `Tape` in
//   src/domain/json/tape.rs), which this file turns into objects.
// The results are identical to the generated exports' (tests/js/cases/fast.mjs checks it).
// Both tapes are one format (`op` in src/domain/json/tape.rs); its opcodes and layout come from
// ./wire.js, generated from the Rust definitions.

// So do the webhook entities' known fields (ENTITY, FIELDS, SET, SET_CONVERTED, event: by the kind
// `__gsParse` answers).
import { OBJ, ARR, END, NULL, TRUE, FALSE, NUM, STR, SYM, KEY, ESC, RAW, FIELD, RESULT_HEADER, PARSE_CODES, KIND_BITS } from "./wire.js";
import { ENTITY, FIELDS, SET, SET_CONVERTED, event } from "./wire.js";

const MAX_BYTES = 65536; // ParseOptions::default().max_bytes
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Installs the fast path on a generated module: patches `WebhookTracker.prototype.apply` and
 * returns the fast `parseWebhook`.
 */
export function fastPath(m) {
  let memory = null;
  let u8 = new Uint8Array(0);
  let f64 = new Float64Array(0);
  const views = () => {
    // A view of a detached buffer (the memory grew) has length 0.
    if (u8.byteLength === 0) {
      if (memory === null) {
        // First use (after `init` in browsers): ApplyResults come back as tapes from now on.
        memory = m.__gsMemory();
      }
      u8 = new Uint8Array(memory.buffer);
      f64 = new Float64Array(memory.buffer);
    }
  };

  // The input buffer (a Vec in wasm memory that only `__gsInput` moves) and a view of it.
  let inPtr = 0;
  let inCap = 0;
  let inView = new Uint8Array(0);
  /** Writes `body`'s UTF-8 into the input buffer; its length in bytes, or -1 (too large). */
  const put = (body) => {
    const n = body.length;
    if (n > MAX_BYTES) return -1;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (n * 3 > inCap) {
      const cap = Math.max(n * 3, 4096);
      inPtr = m.__gsInput(cap);
      if (inPtr === 0) return -1;
      inCap = cap;
      inView = new Uint8Array(0);
    }
    if (inView.byteLength === 0) {
      // First use, a new buffer, or the memory grew (views of the old memory are detached).
      views();
      inView = u8.subarray(inPtr, inPtr + inCap);
    }
    return encoder.encodeInto(body, inView).written;
  };

  // A trap (out of memory, or any other WebAssembly.RuntimeError) unwinds nothing in the wasm. The
  // module stays usable (`with_scratch` in src/js/webhook/fast.rs never leaves its lock held); the input
  // buffer is asked for again, and the call throws an error that says what happened.
  // A tracker whose own call trapped may be half changed: it is marked lost, and every later call on
  // it says so (instead of wasm-bindgen's "recursive use of an object" for the borrow the trap left).
  const lost = new WeakSet();
  const trapped = (e, tracker) =>
    e instanceof WebAssembly.RuntimeError
      ? ((inCap = 0), tracker && lost.add(tracker), Error("gcore-streaming: wasm trap (out of memory?)", { cause: e }))
      : e;

  // ---------------------------------------------------------------- tape reader
  // An ApplyResult's tape (layout: `result_tape` in src/js/webhook/fast.rs) is read at once into plain
  // objects (the next call overwrites it): the top level as one object literal, the rest generically.
  const literals = new Map();
  /** UTF-8 at `at` (`n` bytes) of `bytes`, as a string. */
  const text = (bytes, at, n) => {
    if (n <= 24) {
      let s = "";
      for (let i = at, end = at + n; i < end; i++) {
        const c = bytes[i];
        if (c > 0x7f) return decoder.decode(bytes.subarray(at, at + n));
        s += String.fromCharCode(c);
      }
      return s;
    }
    return decoder.decode(bytes.subarray(at, at + n));
  };
  /** A literal of the module (its address is stable): decoded once. */
  const literal = (at, n) => {
    let s = literals.get(at);
    if (s === undefined) {
      s = text(u8, at, n);
      literals.set(at, s);
    }
    return s;
  };
  // A value given as JSON text (an action's body: a handful of distinct texts, e.g.
  // `{"broadcast":{"status":"live"}}`) is parsed once; each result gets its own copy (JSON.parse of
  // such a text costs ~4x the copy; make bench's tracker section, restore + apply + snapshot:
  // 0.93-0.95x of the JS pipeline with a parse per result, 0.97x with the cache).
  const parsed = new Map();
  const copy = (v) => {
    if (typeof v !== "object" || v === null) return v;
    if (Array.isArray(v)) return v.map(copy);
    const o = {};
    for (const k in v) o[k] = copy(v[k]);
    return o;
  };
  const json = (t) => {
    // (`copy` would set a copy's prototype for a member named __proto__: such a text is parsed.)
    if (t.includes("__proto__")) return JSON.parse(t);
    let v = parsed.get(t);
    if (v === undefined) {
      v = JSON.parse(t);
      if (parsed.size < 64) parsed.set(t, v);
    }
    return copy(v);
  };
  // One reader for both tapes. A result tape's strings are UTF-8 in `strs`; an entity tape's are
  // slices of the body it was read from, `src` (its offsets are string indices: the body is ASCII).
  let ops = f64;
  let strs = u8;
  let src = "";
  let pos = 0;
  const str = (a, n) => (src === "" ? text(strs, a, n) : src.slice(a, a + n));
  /**
   * The value at `pos`. An entity tape's known members (`FIELD i`) are stored by `set` (the setters of
   * ./wire.js: the entity's at the top, a rendition's below).
   */
  const value = (set = SET_CONVERTED) => {
    const op = ops[pos];
    switch (op) {
      case OBJ: {
        pos++;
        const o = {};
        for (let m = ops[pos]; m !== END; m = ops[pos]) {
          if (m === FIELD) {
            const i = ops[pos + 1];
            pos += 2;
            set(o, i, value());
            continue;
          }
          const k = m === KEY ? literal(ops[pos + 1], ops[pos + 2]) : str(ops[pos + 1], ops[pos + 2]);
          pos += 3;
          const v = value();
          // An own member named __proto__, as JSON.parse makes it (assigning would set the prototype).
          if (k === "__proto__") Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
          else o[k] = v;
        }
        pos++;
        return o;
      }
      case ARR: {
        pos++;
        const a = [];
        while (ops[pos] !== END) a.push(value());
        pos++;
        return a;
      }
      case NULL:
        pos++;
        return null;
      case TRUE:
      case FALSE:
        return ops[pos++] === TRUE;
      case NUM:
        pos += 2;
        return ops[pos - 1];
      case STR:
        pos += 3;
        return str(ops[pos - 2], ops[pos - 1]);
      case SYM:
        pos += 3;
        return literal(ops[pos - 2], ops[pos - 1]);
      case ESC:
        // (an entity tape's string with escapes: its offsets are those of its content)
        pos += 3;
        return JSON.parse(src.slice(ops[pos - 2] - 1, ops[pos - 2] + ops[pos - 1] + 1));
      case RAW:
        pos += 3;
        return src === "" ? json(text(strs, ops[pos - 2], ops[pos - 1])) : JSON.parse(str(ops[pos - 2], ops[pos - 1]));
      default:
        throw new Error(`gcore-streaming: corrupt tape (op ${op})`);
    }
  };
  const NO_BYTES = new Uint8Array(0);
  const readTape = (at) => {
    if (at === 0) throw new Error("gcore-streaming: no result");
    views();
    const h = at / 8;
    ops = f64;
    strs = f64[h + 2] === 0 ? NO_BYTES : u8.subarray(f64[h + 1], f64[h + 1] + f64[h + 2]);
    const outcome = literal(f64[h + 3], f64[h + 4]);
    const stage = f64[h + 5] === 0 ? null : literal(f64[h + 5], f64[h + 6]);
    pos = h + RESULT_HEADER + f64[h + 7];
    const entity = value();
    pos = h + RESULT_HEADER + f64[h + 8] + 1;
    // `changes`: `[{field, from, to}, …]`, built as literals of one shape.
    const changes = [];
    while (ops[pos] !== END) {
      // OBJ, KEY field, SYM x, KEY from, value, KEY to, value, END
      const field = literal(ops[pos + 5], ops[pos + 6]);
      pos += 10;
      const from = value();
      pos += 3;
      changes.push({ field, from, to: value() });
      pos++;
    }
    pos = h + RESULT_HEADER + f64[h + 9];
    const actions = value();
    // (`unknown_status` is also the entity's: the event just set it.)
    if (outcome === "unknown_status") return { outcome, entity, changes, stage, actions, unknown_status: entity.unknown_status };
    return { outcome, entity, changes, stage, actions };
  };

  // ---------------------------------------------------------------- the fast methods
  /** The body limit the fast path applies for `options`, or -1: leave these options to the export. */
  const limitOf = (options) => {
    if (options === undefined || options === null) return MAX_BYTES;
    if (typeof options !== "object") return -1;
    const { maxBytes, allowUnknownTypes, strictStatuses } = options;
    if ((allowUnknownTypes !== undefined && allowUnknownTypes !== false) || (strictStatuses !== undefined && strictStatuses !== false)) return -1;
    if (maxBytes === undefined) return MAX_BYTES;
    return Number.isInteger(maxBytes) && maxBytes >= 0 ? Math.min(maxBytes, MAX_BYTES) : -1;
  };

  // ---------------------------------------------------------------- the entity tape
  // `__gsParse` writes the entity as numbers (`entity_tape` in src/domain/webhook/event/fast.rs): names
  // and values are offsets into the body, which for an ASCII body are string indices, so strings are
  // slices of it; only escaped strings and members the SDK does not know go through JSON.parse. It is
  // read by the reader above, with `src` set to the body.

  const slowParse = m.parseWebhook;
  function parseWebhook(body, options) {
    try {
      return parse(body, options);
    } catch (e) {
      throw trapped(e);
    }
  }
  function parse(body, options) {
    const limit = typeof body === "string" ? limitOf(options) : -1;
    if (limit >= 0) {
      const len = put(body);
      // Over the limit: the export throws too_large. Lone surrogates: the engine's JSON.parse would
      // keep them, the validator sees U+FFFD.
      const ascii = len === body.length;
      if (len >= 0 && len <= limit && (ascii || body.isWellFormed?.() === true)) {
        const r = m.__gsParse(len);
        if (r !== 0) {
          const code = r % PARSE_CODES;
          const kind = code & ((1 << KIND_BITS) - 1);
          let entity;
          if (ascii) {
            views();
            ops = f64;
            pos = (r - code) / PARSE_CODES / 8; // the tape's address / 8
            src = body;
            try {
              entity = value(SET[kind]);
            } finally {
              src = "";
            }
          } else {
            entity = JSON.parse(body).message[ENTITY[kind]];
          }
          // Known fields sent as `null` read as absent (as the generated export writes them).
          for (let nulls = code >>> KIND_BITS, i = 0; nulls !== 0; nulls >>>= 1, i++) {
            if (nulls & 1) delete entity[FIELDS[kind][i]];
          }
          return event(kind, entity);
        }
      }
    }
    return slowParse(body, options);
  }

  // The tracker's methods that return an ApplyResult answer with the address of its tape.
  const proto = m.WebhookTracker.prototype;
  const slowApply = proto.apply;
  proto.apply = function apply(input, receivedAtMs, options) {
    let own; // set while the tracker's own wasm call runs: a trap there loses the tracker
    try {
      // `strictStatuses`: parseWebhook checks the body first and throws what a strict apply would.
      if (options?.strictStatuses !== undefined) slowParse(input, { strictStatuses: options.strictStatuses, allowUnknownTypes: typeof input === "object" });
      views();
      if (typeof input === "string") {
        const len = put(input);
        if (len >= 0) {
          own = this;
          const at = this.__applyInput(len, receivedAtMs);
          if (at !== 0) return readTape(at);
        }
      }
      own = this;
      return readTape(slowApply.call(this, input, receivedAtMs));
    } catch (e) {
      throw trapped(e, own);
    }
  };
  // `restore` of a string takes its UTF-8 through the input buffer too.
  const Tracker = m.WebhookTracker;
  const slowRestore = Tracker.restore;
  // A restored tracker's wasm memory is invisible to the engine's GC, which frees dropped trackers
  // (the generated class registers them with a FinalizationRegistry) only when it runs: each one
  // gets a weight of the snapshot's size, an untouched ArrayBuffer the engine counts as external
  // memory, so that dropping restored trackers without `free()` makes the GC run in proportion.
  // Only large snapshots get one: allocating it cost restore + apply + snapshot ~13 % per event with
  // the bench's small snapshots (make bench, tracker section: 0.85x -> 0.95x of the JS pipeline
  // without it), and small trackers weigh little next to what a program allocates anyway.
  const weights = new WeakMap();
  Tracker.restore = function restore(snapshot) {
    let t;
    try {
      if (typeof snapshot === "string") {
        const len = put(snapshot);
        if (len >= 0) t = Tracker.__restoreInput(len);
      }
      t ??= slowRestore(snapshot);
    } catch (e) {
      throw trapped(e);
    }
    if (snapshot.length >= 65536) weights.set(t, new ArrayBuffer(snapshot.length));
    return t;
  };
  // The three API appliers are one export, `__applyApi(kind, value, receivedAtMs)`.
  ["applyStream", "applyBroadcast", "applyVideo"].forEach((name, kind) => {
    proto[name] = {
      [name](value, receivedAtMs) {
        try {
          views();
          return readTape(this.__applyApi(kind, value, receivedAtMs));
        } catch (e) {
          throw trapped(e, this);
        }
      },
    }[name];
  });
  for (const name of Object.getOwnPropertyNames(proto)) {
    const f = proto[name];
    if (name === "constructor" || name === "free" || name.startsWith("__") || typeof f !== "function") continue;
    proto[name] = {
      [name](...args) {
        if (lost.has(this)) throw Error("gcore-streaming: this tracker was lost to a wasm trap (out of memory?): restore its last snapshot");
        return f.apply(this, args);
      },
    }[name];
  }

  return parseWebhook;
}
