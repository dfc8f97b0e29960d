//! The JavaScript half of the wasm fetch transport ([`crate::client::fetch`]): one attempt (fetch with
//! a timeout and the caller's signal, status, `Retry-After`, body text) and one wait, each a single
//! call across the boundary. For a call's first attempt, `gs_call` parses a 2xx body of the expected
//! shape itself: the common case never copies the body into the wasm memory and out again, nor
//! decodes it in Rust; everything else goes to the retry loop: for `StreamingClient`'s methods,
//! `gs_slow` here, which asks Rust (`Client::after_attempt`, synchronously) what each outcome means,
//! so no call runs a Rust future; for Rust's own `Client<FetchTransport>`, `Client::continue_raw`. Written in JS because every step is a JS call: doing them from Rust
//! cost a boundary crossing, a closure and a table slot each (the client's overhead over raw fetch).
//!
//! Declared as a submodule of `client::fetch` (`#[path]`), so that the transport owns it while the
//! `#[wasm_bindgen]` attribute stays under `src/js/`.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"];
export async function gs_call(fetch, url, m, headers, body, timeoutMs, signal, shape, slow, ctx) {
  const method = METHODS[m];
  let outcome;
  if (signal && signal.aborted) outcome = 1;
  else {
    let t, onAbort, timedOut = false;
    try {
      const c = new AbortController();
      t = setTimeout(() => { timedOut = true; c.abort(); }, timeoutMs > 2147483647 ? 2147483647 : timeoutMs);
      if (signal) {
        onAbort = () => c.abort();
        signal.addEventListener("abort", onAbort);
      }
      const init = { method, headers, signal: c.signal };
      if (body !== undefined) init.body = body;
      let p;
      if (fetch) p = fetch(url, init);
      else if (typeof globalThis.fetch === "function") p = globalThis.fetch(url, init);
      else throw "no fetch in this runtime: pass options.fetch";
      const r = await p;
      const s = typeof r.status === "number" ? r.status : 0;
      const ok = s >= 200 && s < 300;
      const ra = ok ? null : r.headers.get("retry-after");
      const text = await r.text();
      if (ok && shape > 0 && typeof text === "string" && text.charCodeAt(0) === shape) {
        try { return JSON.parse(text); } catch (_) { /* Rust reports it */ }
      }
      outcome = [s, typeof ra === "string" ? ra : undefined, text];
    } catch (e) {
      outcome = signal && signal.aborted ? 1 : timedOut ? 2
        : e != null && typeof e.message === "string" ? e.message : typeof e === "string" ? e : "fetch failed";
    } finally {
      clearTimeout(t);
      if (onAbort) signal.removeEventListener("abort", onAbort);
    }
  }
  if (shape < 0 && Array.isArray(outcome)) return outcome;
  // A client's call: the rest (retries, typed errors) is Rust's, through the client's one function.
  if (slow) return slow([outcome, url, m, body, timeoutMs, signal, ctx, headers, fetch]);
  throw outcome;
}
// The retry loop of a call whose first attempt did not end in a 2xx of the expected shape: `step`
// (Rust, `Client::after_attempt`: the retry policy, typed errors, the resource) answers each outcome
// with the result, an error (thrown), or a wait in ms before the next attempt.
// `a`: [outcome, url, m, body, timeoutMs, signal, ctx, headers, fetch].
export async function gs_slow(step, a) {
  for (let attempt = 0; ; attempt++) {
    const r = step(a[0], a[2], a[4], a[6], attempt);
    if (typeof r !== "number") return r;
    if (!(await gs_sleep(r, a[5]))) a[0] = 1;
    else {
      try {
        a[0] = await gs_call(a[8], a[1], a[2], a[7], a[3], a[4], a[5], -1, undefined, a[6]);
      } catch (o) {
        a[0] = o;
      }
    }
  }
}
export function gs_slow_fn(step) {
  return (a) => gs_slow(step, a);
}
// A client's first attempt of a by-id GET, as a function of (url, ctx): the package's by-id GETs
// call it from JS (pkg-template/client-fast.js). The headers (with the credential) stay in this
// closure, out of reach of code that holds the client.
export function gs_call_fn(fetch, headers, timeoutMs, slow) {
  return (url, ctx) => gs_call(fetch, url, 0, headers, undefined, timeoutMs, undefined, 123, slow, ctx);
}
export function gs_sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal && signal.aborted) return resolve(false);
    let t;
    const done = (v) => {
      clearTimeout(t);
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve(v);
    };
    const onAbort = () => done(false);
    t = setTimeout(() => done(true), ms);
    if (signal) signal.addEventListener("abort", onAbort);
  });
}
"#)]
extern "C" {
    /// One attempt: see [`super::FetchTransport::call`] (`method` indexes `METHODS`).
    #[wasm_bindgen(js_name = gs_call)]
    #[allow(clippy::too_many_arguments)]
    pub(super) fn call(
        fetch: &JsValue,
        url: &str,
        method: u32,
        headers: &JsValue,
        body: Option<&str>,
        timeout_ms: f64,
        signal: &JsValue,
        shape: i32,
        slow: &JsValue,
        ctx: f64,
    ) -> Promise;

    /// `gs_call` bound to a client's fetch, headers, timeout and slow path, for GETs with a JSON
    /// object answer (see `StreamingClient.__gsFast`).
    #[wasm_bindgen(js_name = gs_call_fn)]
    pub(super) fn call_fn(fetch: &JsValue, headers: &JsValue, timeout_ms: f64, slow: &JsValue) -> JsValue;

    /// A client's slow path (the `slow` argument of `gs_call`): the retry loop in JS around `step`.
    #[wasm_bindgen(js_name = gs_slow_fn)]
    pub(crate) fn slow_fn(step: &JsValue) -> JsValue;

    /// Waits `ms`: resolves `true`, or `false` when `signal` aborts first (or already had).
    #[wasm_bindgen(js_name = gs_sleep)]
    pub(super) fn sleep(ms: f64, signal: &JsValue) -> Promise;
}
