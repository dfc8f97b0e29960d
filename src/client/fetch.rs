//! The wasm transport: the injected `fetch` or `globalThis.fetch` (looked up at call time, never
//! `window`), `AbortController` for timeouts and the caller's `AbortSignal`, `setTimeout` for waits,
//! `Date.now` and `Math.random`. Runs in browsers, workers, Node 20+, Deno and Cloudflare Workers.
//!
//! Each attempt and each wait is one call into a small JS driver (`src/js/fetch_driver.rs`), which
//! removes its timer and listener when the attempt or wait ends.

use super::{HttpRequest, HttpResponse, Transport, TransportError};
use crate::domain::request::Method;
use crate::prelude::*;
use core::cell::RefCell;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

#[path = "../js/fetch_driver.rs"]
mod driver;

/// A client's slow path around a step (see `gs_slow` in src/js/fetch_driver.rs).
pub(crate) use driver::slow_fn;

/// Header pairs as [`HttpRequest`] carries them.
type Headers = Vec<(String, String)>;

/// The fetch transport.
#[derive(Clone, Debug, Default)]
pub struct FetchTransport {
    /// The injected fetch, or `undefined` (the global one, looked up at each call).
    fetch: JsValue,
    /// The last headers object built, with the pairs it was built from (a client sends the same
    /// headers on every call, so the JS object is built once per distinct set, not per request).
    headers: RefCell<Option<(Headers, Object)>>,
}

impl FetchTransport {
    /// Uses `fetch` when given, else `globalThis.fetch` at each call.
    pub fn new(fetch: Option<Function>) -> Self {
        Self {
            fetch: fetch.map_or(JsValue::UNDEFINED, JsValue::from),
            headers: RefCell::new(None),
        }
    }

    /// One attempt of `req` by the JS driver (`gs_call` in `src/js/fetch_driver.rs`).
    ///
    /// With `shape` negative, the promise resolves the answer or rejects the failure, as
    /// [`outcome`] reads them. Otherwise this is a call's first attempt: a 2xx answer whose body
    /// starts with `shape` (`{` or `[` as a char code; 0 for none) and parses as JSON resolves the
    /// promise with the parsed value; every other outcome (any answer or failure) rejects it, as
    /// [`outcome`] reads them, for the caller to hand to [`crate::client::Client::continue_raw`].
    ///
    /// With `slow` (a function), a first attempt's other outcomes are not rejected but handed to
    /// `slow([outcome, url, methodIndex, body, timeoutMs, signal, ctx])`, whose promise the call's
    /// promise then follows.
    pub(crate) fn call(
        &self,
        req: &HttpRequest,
        signal: Option<&JsValue>,
        shape: i32,
        slow: &JsValue,
        ctx: f64,
    ) -> js_sys::Promise {
        driver::call(
            &self.fetch,
            &req.url,
            method_index(req.method),
            &self.headers_object(&req.headers),
            req.body.as_deref(),
            req.timeout_ms,
            signal.unwrap_or(&JsValue::UNDEFINED),
            shape,
            slow,
            ctx,
        )
    }

    /// A function `(url, ctx)` making a call's first attempt from JS as [`Self::call`] would, for a
    /// GET answered with a JSON object, with the headers for `pairs` (kept inside it).
    pub(crate) fn first_attempt_fn(
        &self,
        pairs: &[(String, String)],
        timeout_ms: f64,
        slow: &JsValue,
    ) -> JsValue {
        driver::call_fn(&self.fetch, &self.headers_object(pairs).into(), timeout_ms, slow)
    }

    /// The headers as a JS object: the last one built is reused while the pairs are the same (a
    /// client sends the same headers on every call without a body).
    fn headers_object(&self, pairs: &[(String, String)]) -> Object {
        // (`try_borrow_mut`: no panic path from JS; the cache is never borrowed across a call, and
        // were it busy, the headers would just be built without it.)
        let mut cache = self.headers.try_borrow_mut().ok();
        if let Some(Some((cached, obj))) = cache.as_deref() {
            if cached == pairs {
                return obj.clone();
            }
        }
        let headers = Object::new();
        for (k, v) in pairs {
            // Setting a string key on a plain object can not fail.
            let _ = Reflect::set(&headers, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        if let Some(c) = cache.as_deref_mut() {
            *c = Some((pairs.to_vec(), headers.clone()));
        }
        headers
    }
}

/// The methods in the order of the driver's table (`METHODS` in `src/js/fetch_driver.rs`).
const METHODS: [Method; 5] = [
    Method::Get,
    Method::Post,
    Method::Patch,
    Method::Put,
    Method::Delete,
];

fn method_index(method: Method) -> u32 {
    METHODS.iter().position(|m| *m == method).map_or(0, |i| i as u32)
}

/// The method at `index` in the driver's table (`GET` for an index out of it).
pub(crate) fn method_at(index: u32) -> Method {
    METHODS.get(index as usize).copied().unwrap_or(Method::Get)
}

/// An attempt's outcome as the driver gives it: `[status, retryAfter | undefined, text]` for an
/// answer; `1` (the caller's signal aborted), another number (the timeout elapsed) or the network
/// error's message otherwise.
pub(crate) fn outcome(v: JsValue) -> Result<HttpResponse, TransportError> {
    if Array::is_array(&v) {
        let answer: Array = v.into();
        let status = answer.get(0).as_f64().unwrap_or(0.0);
        let headers = match answer.get(1).as_string() {
            Some(v) => vec![("retry-after".to_owned(), v)],
            None => Vec::new(),
        };
        Ok(HttpResponse {
            status: u16::try_from(status as i64).unwrap_or(0),
            headers,
            body: answer.get(2).as_string().unwrap_or_default(),
        })
    } else {
        Err(match v.as_f64() {
            Some(1.0) => TransportError::Aborted,
            Some(_) => TransportError::Timeout,
            None => TransportError::Network(v.as_string().unwrap_or_else(|| "fetch failed".to_owned())),
        })
    }
}

/// A timer delay as `setTimeout` takes it.
fn delay(ms: f64) -> f64 {
    if ms.is_nan() {
        0.0
    } else {
        ms.clamp(0.0, 2_147_483_647.0)
    }
}

fn signal_value(signal: Option<&JsValue>) -> JsValue {
    signal.cloned().unwrap_or(JsValue::UNDEFINED)
}

impl Transport for FetchTransport {
    type Signal = JsValue;

    async fn send(&self, req: HttpRequest, signal: Option<&JsValue>) -> Result<HttpResponse, TransportError> {
        let promise = self.call(&req, signal, -1, &JsValue::UNDEFINED, 0.0);
        match JsFuture::from(promise).await {
            Ok(answer) => outcome(answer),
            Err(e) => outcome(e),
        }
    }

    async fn sleep(&self, ms: f64, signal: Option<&JsValue>) -> Result<(), TransportError> {
        let fired = JsFuture::from(driver::sleep(delay(ms), &signal_value(signal))).await;
        if fired.ok().and_then(|v| v.as_bool()) == Some(true) {
            Ok(())
        } else {
            Err(TransportError::Aborted)
        }
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}
