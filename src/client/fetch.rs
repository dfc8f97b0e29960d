//! The wasm transport: the injected `fetch` or `globalThis.fetch` (looked up at call time, never
//! `window`), `AbortController` for timeouts and the caller's `AbortSignal`, `setTimeout` for waits,
//! `Date.now` and `Math.random`. Runs in browsers, workers, Node 20+, Deno and Cloudflare Workers.
//!
//! Each attempt and each wait is one call into a small JS driver (`src/js/fetch_driver.rs`), which
//! removes its timer and listener when the attempt or wait ends.

use super::{HttpRequest, HttpResponse, Transport, TransportError};
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

#[path = "../js/fetch_driver.rs"]
mod driver;

/// Header pairs as [`HttpRequest`] carries them.
type Headers = Vec<(String, String)>;

/// The fetch transport.
#[derive(Clone, Debug, Default)]
pub struct FetchTransport {
    fetch: Option<Function>,
    /// The last headers object built, with the pairs it was built from (a client sends the same
    /// headers on every call, so the JS object is built once per distinct set, not per request).
    headers: RefCell<Option<(Headers, Object)>>,
}

impl FetchTransport {
    /// Uses `fetch` when given, else `globalThis.fetch` at each call.
    pub fn new(fetch: Option<Function>) -> Self {
        Self {
            fetch,
            headers: RefCell::new(None),
        }
    }

    fn headers_object(&self, pairs: Vec<(String, String)>) -> Object {
        let mut cache = self.headers.borrow_mut();
        if let Some((cached, obj)) = cache.as_ref() {
            if *cached == pairs {
                return obj.clone();
            }
        }
        let headers = Object::new();
        for (k, v) in &pairs {
            // Setting a string key on a plain object can not fail.
            let _ = Reflect::set(&headers, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        *cache = Some((pairs, headers.clone()));
        headers
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
        let headers = self.headers_object(req.headers);
        let fetch = self
            .fetch
            .as_ref()
            .map_or(JsValue::UNDEFINED, |f| f.clone().into());
        let promise = driver::attempt(
            &fetch,
            &req.url,
            req.method.as_str(),
            &headers,
            req.body,
            delay(req.timeout_ms),
            &signal_value(signal),
        );
        match JsFuture::from(promise).await {
            Ok(answer) => {
                let answer: Array = answer.into();
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
            }
            Err(e) => Err(match e.as_f64() {
                Some(1.0) => TransportError::Aborted,
                Some(_) => TransportError::Timeout,
                None => TransportError::Network(e.as_string().unwrap_or_else(|| "fetch failed".to_owned())),
            }),
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
