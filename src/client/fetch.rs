//! The wasm transport: the injected `fetch` or `globalThis.fetch` (looked up at call time, never
//! `window`), `AbortController` for timeouts and the caller's `AbortSignal`, `setTimeout` for waits,
//! `Date.now` and `Math.random`. Runs in browsers, workers, Node 20+, Deno and Cloudflare Workers.
//!
//! Every timer and listener it installs is removed when the call ends or its future is dropped.

use super::{HttpRequest, HttpResponse, Transport, TransportError};
use js_sys::{Array, Function, Object, Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn get(obj: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(obj, &JsValue::from_str(key))
}

fn call(obj: &JsValue, method: &str, args: &Array) -> Result<JsValue, JsValue> {
    let f: Function = get(obj, method)?.dyn_into()?;
    Reflect::apply(&f, obj, args)
}

fn global() -> JsValue {
    js_sys::global().into()
}

/// The message of a thrown JS value.
fn message_of(err: &JsValue) -> String {
    get(err, "message")
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "fetch failed".to_owned())
}

/// Whether an `AbortSignal` has fired.
fn is_aborted(signal: Option<&JsValue>) -> bool {
    signal.is_some_and(|s| get(s, "aborted").ok().and_then(|v| v.as_bool()) == Some(true))
}

/// A `setTimeout` that is cleared when dropped.
struct Timer {
    id: JsValue,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(ms: f64, callback: Closure<dyn FnMut()>) -> Result<Self, JsValue> {
        let g = global();
        let args = Array::of2(
            callback.as_ref(),
            &JsValue::from_f64(ms.clamp(0.0, 2_147_483_647.0)),
        );
        let id = call(&g, "setTimeout", &args)?;
        Ok(Self {
            id,
            _callback: callback,
        })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        let _ = call(&global(), "clearTimeout", &Array::of1(&self.id));
    }
}

/// An `abort` listener on the caller's signal, removed when dropped.
struct AbortListener {
    signal: JsValue,
    callback: Closure<dyn FnMut()>,
}

impl AbortListener {
    fn add(signal: &JsValue, callback: Closure<dyn FnMut()>) -> Result<Self, JsValue> {
        call(
            signal,
            "addEventListener",
            &Array::of2(&JsValue::from_str("abort"), callback.as_ref()),
        )?;
        Ok(Self {
            signal: signal.clone(),
            callback,
        })
    }
}

impl Drop for AbortListener {
    fn drop(&mut self) {
        let _ = call(
            &self.signal,
            "removeEventListener",
            &Array::of2(&JsValue::from_str("abort"), self.callback.as_ref()),
        );
    }
}

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

    fn headers_object(&self, pairs: Vec<(String, String)>) -> Result<Object, JsValue> {
        let mut cache = self.headers.borrow_mut();
        if let Some((cached, obj)) = cache.as_ref() {
            if *cached == pairs {
                return Ok(obj.clone());
            }
        }
        let headers = Object::new();
        for (k, v) in &pairs {
            Reflect::set(&headers, &JsValue::from_str(k), &JsValue::from_str(v))?;
        }
        *cache = Some((pairs, headers.clone()));
        Ok(headers)
    }

    fn fetch_fn(&self) -> Result<(Function, JsValue), TransportError> {
        if let Some(f) = &self.fetch {
            return Ok((f.clone(), JsValue::UNDEFINED));
        }
        let g = global();
        get(&g, "fetch")
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .map(|f| (f, g))
            .ok_or_else(|| TransportError::Network("no fetch in this runtime: pass options.fetch".to_owned()))
    }

    async fn attempt(&self, req: HttpRequest, controller: &JsValue) -> Result<HttpResponse, JsValue> {
        let init = Object::new();
        let headers = self.headers_object(req.headers)?;
        Reflect::set(&init, &"method".into(), &req.method.as_str().into())?;
        Reflect::set(&init, &"headers".into(), &headers)?;
        if let Some(body) = &req.body {
            Reflect::set(&init, &"body".into(), &JsValue::from_str(body))?;
        }
        Reflect::set(&init, &"signal".into(), &get(controller, "signal")?)?;
        let (fetch, this) = self.fetch_fn().map_err(|e| match e {
            TransportError::Network(m) => JsValue::from_str(&m),
            _ => JsValue::from_str("fetch unavailable"),
        })?;
        let promise: Promise = fetch
            .call2(&this, &JsValue::from_str(&req.url), &init)?
            .dyn_into()?;
        let resp = JsFuture::from(promise).await?;
        let status = get(&resp, "status")?.as_f64().unwrap_or(0.0);
        let mut headers = Vec::new();
        // Only an error answer's `Retry-After` is read (the retry policy's one input from headers).
        if !(200.0..300.0).contains(&status) {
            let resp_headers = get(&resp, "headers")?;
            let name = "retry-after";
            if let Some(v) = call(&resp_headers, "get", &Array::of1(&JsValue::from_str(name)))?.as_string() {
                headers.push((name.to_owned(), v));
            }
        }
        let text: Promise = call(&resp, "text", &Array::new())?.dyn_into()?;
        let body = JsFuture::from(text).await?.as_string().unwrap_or_default();
        Ok(HttpResponse {
            status: u16::try_from(status as i64).unwrap_or(0),
            headers,
            body,
        })
    }
}

impl Transport for FetchTransport {
    type Signal = JsValue;

    async fn send(&self, req: HttpRequest, signal: Option<&JsValue>) -> Result<HttpResponse, TransportError> {
        if is_aborted(signal) {
            return Err(TransportError::Aborted);
        }
        let ctor = get(&global(), "AbortController").map_err(|e| TransportError::Network(message_of(&e)))?;
        let ctor: Function = ctor
            .dyn_into()
            .map_err(|_| TransportError::Network("no AbortController in this runtime".to_owned()))?;
        let controller: JsValue =
            Reflect::construct(&ctor, &Array::new()).map_err(|e| TransportError::Network(message_of(&e)))?;
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let timed_out = timed_out.clone();
            let controller = controller.clone();
            Timer::start(
                req.timeout_ms,
                Closure::new(move || {
                    timed_out.set(true);
                    let _ = call(&controller, "abort", &Array::new());
                }),
            )
            .map_err(|e| TransportError::Network(message_of(&e)))?
        };
        let listener = match signal {
            Some(s) => {
                let controller = controller.clone();
                Some(
                    AbortListener::add(
                        s,
                        Closure::new(move || {
                            let _ = call(&controller, "abort", &Array::new());
                        }),
                    )
                    .map_err(|e| TransportError::Network(message_of(&e)))?,
                )
            }
            None => None,
        };
        let result = self.attempt(req, &controller).await;
        drop(timer);
        drop(listener);
        result.map_err(|e| {
            if is_aborted(signal) {
                TransportError::Aborted
            } else if timed_out.get() {
                TransportError::Timeout
            } else {
                TransportError::Network(message_of(&e))
            }
        })
    }

    async fn sleep(&self, ms: f64, signal: Option<&JsValue>) -> Result<(), TransportError> {
        if is_aborted(signal) {
            return Err(TransportError::Aborted);
        }
        let mut resolve: Option<Function> = None;
        let promise = Promise::new(&mut |res, _rej| resolve = Some(res));
        let Some(resolve) = resolve else {
            return Err(TransportError::Network("Promise executor did not run".to_owned()));
        };
        let on_time = resolve.clone();
        let timer = Timer::start(
            ms,
            Closure::new(move || {
                let _ = on_time.call1(&JsValue::UNDEFINED, &JsValue::TRUE);
            }),
        )
        .map_err(|e| TransportError::Network(message_of(&e)))?;
        let listener = match signal {
            Some(s) => Some(
                AbortListener::add(
                    s,
                    Closure::new(move || {
                        let _ = resolve.call1(&JsValue::UNDEFINED, &JsValue::FALSE);
                    }),
                )
                .map_err(|e| TransportError::Network(message_of(&e)))?,
            ),
            None => None,
        };
        let fired = JsFuture::from(promise).await.ok().and_then(|v| v.as_bool());
        drop(timer);
        drop(listener);
        if fired == Some(true) {
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
