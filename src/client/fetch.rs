//! The wasm transport: the injected `fetch` or `globalThis.fetch` (looked up at call time, never
//! `window`), `AbortController` for timeouts and the caller's `AbortSignal`, `setTimeout` for waits,
//! `Date.now` and `Math.random`. Runs in browsers, workers, Node 20+, Deno and Cloudflare Workers.
//!
//! [`Transport::send`] (Rust's `Client<FetchTransport>`: a Leptos, Yew or Dioxus app using the crate)
//! sends over gloo-net in std builds when no fetch was injected; an injected fetch, and the npm
//! package's builds (no std, where `StreamingClient` makes its calls through [`FetchTransport::call`]),
//! go through a small JS driver (`src/js/fetch_driver.js`). Each attempt and each wait is one call
//! into the driver, which removes its timer and listener when the attempt or wait ends.

use super::{HttpRequest, HttpResponse, Transport, TransportError};
use crate::domain::request::Method;
use crate::prelude::*;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[path = "../js/fetch_driver.rs"]
mod driver;

/// A client's slow path around a step (see `gs_slow` in src/js/fetch_driver.js).
pub(crate) use driver::slow_fn;

/// The fetch transport.
#[derive(Clone, Debug, Default)]
pub struct FetchTransport {
    /// The injected fetch, or `undefined` (the global one, looked up at each call).
    fetch: JsValue,
}

impl FetchTransport {
    /// Uses `fetch` when given, else `globalThis.fetch` at each call.
    pub fn new(fetch: Option<Function>) -> Self {
        Self {
            fetch: fetch.map_or(JsValue::UNDEFINED, JsValue::from),
        }
    }

    /// A call (`gs_call` in `src/js/fetch_driver.js`): its first attempt starts now. A 2xx answer
    /// whose body starts with `shape` (`{` or `[` as a char code; 0 for none) and parses as JSON
    /// resolves the promise with the parsed value; every other outcome is handed to `slow` (a
    /// function, [`slow_fn`]), whose promise the call's promise then follows, with the call's
    /// `operation` and `max_retries`; without `slow` (`undefined`), the promise resolves the outcome.
    pub(crate) fn call(
        &self,
        req: &JsRequest<'_>,
        signal: Option<&JsValue>,
        shape: i32,
        slow: &JsValue,
        operation: u32,
        max_retries: Option<u32>,
    ) -> js_sys::Promise {
        driver::call(
            &self.fetch,
            req.url,
            method_index(req.method),
            req.headers,
            req.body,
            req.timeout_ms,
            signal.unwrap_or(&JsValue::UNDEFINED),
            shape,
            slow,
            operation,
            max_retries,
        )
    }
}

/// A request as [`FetchTransport::call`] hands it to the driver: the headers already a JS object
/// (the driver gives `fetch` a copy of it), so that a client can make its headers once.
pub(crate) struct JsRequest<'a> {
    pub(crate) method: Method,
    pub(crate) url: &'a str,
    pub(crate) headers: &'a JsValue,
    pub(crate) body: Option<&'a str>,
    pub(crate) timeout_ms: f64,
}

/// The headers as a JS object.
pub(crate) fn headers_object(pairs: &[(String, String)]) -> JsValue {
    let headers = Object::new();
    for (k, v) in pairs {
        // Setting a string key on a plain object can not fail.
        let _ = Reflect::set(&headers, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    headers.into()
}

/// The methods, in the API table's order: a call carries its method as an index of it (`__gsRequest`'s
/// `method`, and the driver's `METHODS` in src/js/fetch_driver.js, which names them).
const METHODS: [Method; 5] = [
    Method::Get,
    Method::Post,
    Method::Patch,
    Method::Put,
    Method::Delete,
];

/// The index of `method` in [`METHODS`].
fn method_index(method: Method) -> u32 {
    METHODS.iter().position(|m| *m == method).map_or(0, |i| i as u32)
}

/// The method at `index` of [`METHODS`]; `GET` for an index out of it.
pub(crate) fn method_at(index: u32) -> Method {
    METHODS.get(index as usize).copied().unwrap_or(Method::Get)
}

/// A property of an outcome object (`undefined` when absent).
fn field(obj: &JsValue, name: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// An attempt's outcome as the driver reports it: `{ status, retryAfter, text }` for an answer,
/// `{ failure, message }` otherwise (`failure` one of `ABORTED`, `TIMED_OUT`, `NETWORK` in
/// `src/js/fetch_driver.js`).
pub(crate) fn outcome(v: &JsValue) -> Result<HttpResponse, TransportError> {
    match field(v, "failure").as_string().as_deref() {
        Some("aborted") => Err(TransportError::Aborted),
        Some("timeout") => Err(TransportError::Timeout),
        Some(_) => Err(TransportError::Network(
            field(v, "message")
                .as_string()
                .unwrap_or_else(|| "fetch failed".to_owned()),
        )),
        None => {
            let status = field(v, "status").as_f64().unwrap_or(0.0);
            let headers = match field(v, "retryAfter").as_string() {
                Some(v) => vec![("retry-after".to_owned(), v)],
                None => Vec::new(),
            };
            Ok(HttpResponse {
                status: u16::try_from(status as i64).unwrap_or(0),
                headers,
                body: field(v, "text").as_string().unwrap_or_default(),
            })
        }
    }
}

/// One request over gloo-net (the global fetch), with the request's timeout and the caller's signal
/// (`gs_deadline` in `src/js/fetch_driver.js`): the outcome the driver would report.
#[cfg(feature = "std")]
async fn send_gloo(req: &HttpRequest, signal: Option<&JsValue>) -> Result<HttpResponse, TransportError> {
    use gloo_net::http::{Method as M, RequestBuilder};
    let caller = signal_value(signal);
    let aborted = || field(&caller, "aborted").as_bool() == Some(true);
    if aborted() {
        return Err(TransportError::Aborted);
    }
    let deadline = driver::deadline(delay(req.timeout_ms), &caller);
    let method = match req.method {
        Method::Get => M::GET,
        Method::Post => M::POST,
        Method::Patch => M::PATCH,
        Method::Put => M::PUT,
        Method::Delete => M::DELETE,
    };
    let mut builder = RequestBuilder::new(&req.url)
        .method(method)
        .abort_signal(Some(&deadline.signal()));
    for (name, value) in &req.headers {
        builder = builder.header(name, value);
    }
    let answer = async {
        let request = match &req.body {
            Some(body) => builder.body(body.as_str())?,
            None => builder.build()?,
        };
        let response = request.send().await?;
        let status = response.status();
        // (As the driver: a 2xx's `Retry-After` is never read.)
        let retry_after = if (200..300).contains(&status) {
            None
        } else {
            response.headers().get("retry-after")
        };
        let body = response.text().await?;
        Ok::<_, gloo_net::Error>(HttpResponse {
            status,
            headers: retry_after
                .map(|v| vec![("retry-after".to_owned(), v)])
                .unwrap_or_default(),
            body,
        })
    }
    .await;
    let timed_out = deadline.done();
    answer.map_err(|e| {
        if aborted() {
            TransportError::Aborted
        } else if timed_out {
            TransportError::Timeout
        } else {
            TransportError::Network(match e {
                gloo_net::Error::JsError(js) => js.message,
                other => other.to_string(),
            })
        }
    })
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
        #[cfg(feature = "std")]
        if self.fetch.is_undefined() {
            return send_gloo(&req, signal).await;
        }
        // No shape and no slow path: the promise resolves the attempt's outcome.
        let call = JsRequest {
            method: req.method,
            url: &req.url,
            headers: &headers_object(&req.headers),
            body: req.body.as_deref(),
            timeout_ms: req.timeout_ms,
        };
        let promise = self.call(&call, signal, 0, &JsValue::UNDEFINED, 0, None);
        match JsFuture::from(promise).await {
            Ok(answer) => outcome(&answer),
            Err(e) => Err(TransportError::Network(
                e.as_string().unwrap_or_else(|| "fetch failed".to_owned()),
            )),
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
