//! The JavaScript half of the wasm fetch transport ([`crate::client::fetch`]): one attempt (fetch with
//! a timeout and the caller's signal, status, `Retry-After`, body text) and one wait, each a single
//! call across the boundary. Written in JS because every step is a JS call: doing them from Rust
//! cost a boundary crossing, a closure and a table slot each (the client's overhead over raw fetch).
//!
//! Declared as a submodule of `client::fetch` (`#[path]`), so that the transport owns it while the
//! `#[wasm_bindgen]` attribute stays under `src/js/`.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function gs_attempt(fetch, url, method, headers, body, timeoutMs, signal) {
  if (signal && signal.aborted) return Promise.reject(1);
  let c, t, onAbort, timedOut = false;
  const end = () => {
    clearTimeout(t);
    if (onAbort) signal.removeEventListener("abort", onAbort);
  };
  const fail = (e) => {
    end();
    if (signal && signal.aborted) throw 1;
    if (timedOut) throw 2;
    const m = e != null && typeof e.message === "string" ? e.message : typeof e === "string" ? e : "fetch failed";
    throw m;
  };
  try {
    c = new AbortController();
    t = setTimeout(() => { timedOut = true; c.abort(); }, timeoutMs);
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
    return Promise.resolve(p).then((r) => {
      const s = typeof r.status === "number" ? r.status : 0;
      const ra = s >= 200 && s < 300 ? null : r.headers.get("retry-after");
      return r.text().then((text) => { end(); return [s, typeof ra === "string" ? ra : undefined, text]; });
    }).catch(fail);
  } catch (e) {
    try { fail(e); } catch (k) { return Promise.reject(k); }
  }
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
    /// One attempt. Resolves `[status, retryAfter | undefined, text]`; rejects `1` (the caller's
    /// signal aborted), `2` (the timeout elapsed) or the network error's message (a string).
    #[wasm_bindgen(js_name = gs_attempt)]
    pub(super) fn attempt(
        fetch: &JsValue,
        url: &str,
        method: &str,
        headers: &JsValue,
        body: Option<String>,
        timeout_ms: f64,
        signal: &JsValue,
    ) -> Promise;

    /// Waits `ms`: resolves `true`, or `false` when `signal` aborts first (or already had).
    #[wasm_bindgen(js_name = gs_sleep)]
    pub(super) fn sleep(ms: f64, signal: &JsValue) -> Promise;
}
