// The JavaScript half of the wasm fetch transport (src/client/fetch.rs; its Rust bindings are
// src/js/fetch_driver.rs): one attempt (fetch with a timeout and the caller's signal, status,
// `Retry-After`, body text) and one wait, each a single call across the boundary. For a call's first
// attempt, `gs_call` parses a 2xx body of the expected shape itself: the common case never copies the
// body into the wasm memory and out again, nor decodes it in Rust; everything else goes to the retry
// loop, `gs_slow`, which asks Rust (`Client::after_attempt`, synchronously) what each outcome means,
// so no call of `StreamingClient` runs a Rust future. Written in JS because every step is a JS call:
// doing them from Rust cost a boundary crossing, a closure and a table slot each.
//
// An attempt's outcome, as Rust reads it (`outcome` in src/client/fetch.rs): an answer
// `{ status, retryAfter, text }` (`retryAfter` a string or undefined), or a failure
// `{ failure, message }` with `failure` one of the constants below.

/** The caller's signal aborted the call. */
export const ABORTED = "aborted";
/** The attempt's timeout elapsed. */
export const TIMED_OUT = "timeout";
/** fetch failed (`message` says why). */
export const NETWORK = "network";

/** The longest delay `setTimeout` takes. */
const MAX_DELAY = 2147483647;

/**
 * The HTTP methods, by the index a call carries: the order of `METHODS` in src/client/fetch.rs (which
 * `__gsRequest`'s generated table shares).
 */
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/**
 * A call, and its first attempt now (also each retry's attempt, made by `gs_slow` without `shape`
 * and `slow`): fetch `url` with the method at index `method` of `METHODS`, a copy of `headers`, a
 * timeout of `timeoutMs` and the caller's `signal`. When `shape` is a char code (`{` or `[`) and the answer a 2xx whose body starts with it
 * and parses as JSON, resolves the parsed body. Any other outcome goes to `slow` (a client's retry
 * loop, `gs_slow_fn`), with the call (`{ fetch, url, method, headers, body, timeoutMs, signal,
 * operation, maxRetries, outcome }`), and the promise then follows `slow`'s; without `slow`, it
 * resolves the outcome. `operation` and `maxRetries` (a number or undefined) are the call's, handed to
 * `slow` as they are. One async function, so that the common case costs the awaits of a plain fetch
 * and no more (an attempt in a function of its own cost a promise and a microtask per call).
 */
export async function gs_call(fetch, url, method, headers, body, timeoutMs, signal, shape, slow, operation, maxRetries) {
  let outcome;
  if (signal && signal.aborted) outcome = { failure: ABORTED };
  else if (!fetch && typeof globalThis.fetch !== "function") {
    outcome = { failure: NETWORK, message: "no fetch in this runtime: pass options.fetch" };
  } else {
    let timer, onAbort;
    let timedOut = false;
    try {
      const controller = new AbortController();
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs > MAX_DELAY ? MAX_DELAY : timeoutMs);
      if (signal) {
        onAbort = () => controller.abort();
        signal.addEventListener("abort", onAbort);
      }
      // A copy: the headers are the client's, made once, and a custom fetch may change its `init`.
      const init = { method: METHODS[method], headers: { ...headers }, signal: controller.signal };
      if (body !== undefined) init.body = body;
      const r = await (fetch ? fetch(url, init) : globalThis.fetch(url, init));
      const status = typeof r.status === "number" ? r.status : 0;
      const ok = status >= 200 && status < 300;
      const retryAfter = ok ? null : r.headers.get("retry-after");
      const text = await r.text();
      if (ok && shape > 0 && typeof text === "string" && text.charCodeAt(0) === shape) {
        try {
          return JSON.parse(text);
        } catch (_) {
          // Not JSON: Rust reports it.
        }
      }
      outcome = { status, retryAfter: typeof retryAfter === "string" ? retryAfter : undefined, text };
    } catch (e) {
      if (signal && signal.aborted) outcome = { failure: ABORTED };
      else if (timedOut) outcome = { failure: TIMED_OUT };
      else {
        const message = e != null && typeof e.message === "string" ? e.message : typeof e === "string" ? e : "fetch failed";
        outcome = { failure: NETWORK, message };
      }
    } finally {
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener("abort", onAbort);
    }
  }
  if (!slow) return outcome;
  return slow({ fetch, url, method, headers, body, timeoutMs, signal, operation, maxRetries, outcome });
}

/**
 * The retry loop of a call whose first attempt did not end in a 2xx of the expected shape: `step`
 * (Rust, `Client::after_attempt`: the retry policy, typed errors, the resource) answers each outcome
 * with the result, an error (thrown), or a wait in ms before the next attempt.
 */
export async function gs_slow(step, call) {
  for (let n = 0; ; n++) {
    const next = step(call.outcome, call.method, call.timeoutMs, call.operation, call.maxRetries, n);
    if (typeof next !== "number") return next;
    const { fetch, url, method, headers, body, timeoutMs, signal } = call;
    call.outcome = (await gs_sleep(next, signal))
      ? await gs_call(fetch, url, method, headers, body, timeoutMs, signal, 0)
      : { failure: ABORTED };
  }
}

/** A client's slow path (the `slow` argument of `gs_call`): the retry loop around its `step`. */
export function gs_slow_fn(step) {
  return (call) => gs_slow(step, call);
}

/** Waits `ms`: resolves `true`, or `false` when `signal` aborts first (or already had). */
export function gs_sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal && signal.aborted) return resolve(false);
    let timer;
    const done = (fired) => {
      clearTimeout(timer);
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve(fired);
    };
    const onAbort = () => done(false);
    timer = setTimeout(() => done(true), ms);
    if (signal) signal.addEventListener("abort", onAbort);
  });
}

/**
 * The timeout and the caller's signal of one request that Rust sends itself (over gloo-net, in std
 * builds): `signal` aborts after `timeoutMs` or when the caller's `signal` does; `done()` removes the
 * timer and the listener and answers whether the timeout had fired.
 */
export function gs_deadline(timeoutMs, signal) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs > MAX_DELAY ? MAX_DELAY : timeoutMs);
  const onAbort = () => controller.abort();
  if (signal) {
    if (signal.aborted) controller.abort();
    else signal.addEventListener("abort", onAbort);
  }
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      if (signal) signal.removeEventListener("abort", onAbort);
      return timedOut;
    },
  };
}
