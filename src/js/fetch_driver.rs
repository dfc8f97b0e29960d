//! The Rust side of the wasm fetch transport's JavaScript half, `src/js/fetch_driver.js` (one attempt,
//! a client's retry loop, one wait; see that file for what each function does and for the outcome it
//! reports). The JS is a module of its own, which wasm-bindgen copies into the package's `snippets/`.
//!
//! Declared as a submodule of `client::fetch` (`#[path]`), so that the transport owns it while the
//! `#[wasm_bindgen]` attribute stays under `src/js/`.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/fetch_driver.js")]
extern "C" {
    /// A call: its first attempt now, then `slow` or its outcome (see `gs_call` in `fetch_driver.js`).
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
        operation: u32,
        max_retries: Option<u32>,
    ) -> Promise;

    /// A client's slow path (the `slow` argument of `gs_call`): the retry loop in JS around `step`.
    #[wasm_bindgen(js_name = gs_slow_fn)]
    pub(crate) fn slow_fn(step: &JsValue) -> JsValue;

    /// Waits `ms`: resolves `true`, or `false` when `signal` aborts first (or already had).
    #[wasm_bindgen(js_name = gs_sleep)]
    pub(super) fn sleep(ms: f64, signal: &JsValue) -> Promise;

    /// The timeout and the caller's signal of a request sent over gloo-net (`gs_deadline`).
    #[cfg(feature = "std")]
    pub(super) type Deadline;

    /// A deadline of `timeout_ms` that the caller's `signal` also ends.
    #[cfg(feature = "std")]
    #[wasm_bindgen(js_name = gs_deadline)]
    pub(super) fn deadline(timeout_ms: f64, signal: &JsValue) -> Deadline;

    /// The signal to give the request: aborts when the deadline passes or the caller aborts.
    #[cfg(feature = "std")]
    #[wasm_bindgen(method, getter)]
    pub(super) fn signal(this: &Deadline) -> web_sys::AbortSignal;

    /// Removes the deadline's timer and listener; whether the timeout had fired.
    #[cfg(feature = "std")]
    #[wasm_bindgen(method)]
    pub(super) fn done(this: &Deadline) -> bool;
}
