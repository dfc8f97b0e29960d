//! The server's HTTP side: the platform's API (every path the control endpoints do not take), the
//! control endpoints under `/_sandbox/`, their authentication, CORS and the access log.

use super::*;
fn error_json(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({"error": {"code": code, "message": message}}))).into_response()
}

async fn platform_api(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let req = PlatformRequest {
        method: method.as_str().to_owned(),
        path_and_query: uri
            .path_and_query()
            .map_or_else(|| uri.path().to_owned(), |p| p.as_str().to_owned()),
        authorization: headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        headers: headers
            .iter()
            .filter(|(k, _)| *k != header::AUTHORIZATION)
            .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect(),
        body: body.to_vec(),
    };
    let now = shared.now();
    let res = lock(&shared.platform).handle(&req, now);
    shared.wake.notify_one();
    let mut out = Response::new(Body::from(res.body));
    *out.status_mut() = StatusCode::from_u16(res.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (k, v) in res.headers {
        if let (Ok(k), Ok(v)) = (header::HeaderName::try_from(k), HeaderValue::try_from(v)) {
            out.headers_mut().insert(k, v);
        }
    }
    out
}

fn clock_json(shared: &Shared) -> Value {
    let now = shared.now();
    json!({"now_ms": now, "now": iso8601(now), "speed": shared.config.speed})
}

async fn health(State(shared): State<Arc<Shared>>) -> Response {
    let mut v = clock_json(&shared);
    if let Value::Object(m) = &mut v {
        m.insert("ok".into(), json!(true));
        m.insert("version".into(), json!(crate::VERSION));
    }
    Json(v).into_response()
}

async fn control_stream(shared: Arc<Shared>, id: &str, connect: bool) -> Response {
    let Ok(id) = id.parse::<u64>().map(StreamId) else {
        return error_json(
            StatusCode::NOT_FOUND,
            "stream_not_found",
            "stream ids are integers",
        );
    };
    let now = shared.now();
    let result = {
        let mut p = lock(&shared.platform);
        if connect {
            p.connect(id, now)
        } else {
            p.disconnect(id, now)
        }
    };
    match result {
        Ok(stream) => {
            let webhooks = shared.pump().await;
            Json(json!({"stream": stream, "webhooks": webhooks})).into_response()
        }
        Err(e) => {
            let status = if e.code() == "stream_not_found" {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::CONFLICT
            };
            error_json(status, e.code(), &e.to_string())
        }
    }
}

async fn connect(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    control_stream(shared, &id, true).await
}

async fn disconnect(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    control_stream(shared, &id, false).await
}

#[derive(Deserialize)]
struct AdvanceQuery {
    ms: Option<String>,
}

/// The most one `advance` moves the clock: 366 days.
pub const MAX_ADVANCE_MS: u64 = 366 * 86_400_000;
/// The simulated clock never passes 9999-12-31T23:59:59.999Z (ISO 8601's four-digit years).
const MAX_CLOCK_MS: u64 = 253_402_300_799_999;

async fn advance(State(shared): State<Arc<Shared>>, Query(q): Query<AdvanceQuery>) -> Response {
    let ms = match q.ms.as_deref().map(|s| s.trim().parse::<u64>()) {
        None => 0,
        Some(Ok(ms)) if ms <= MAX_ADVANCE_MS => ms,
        _ => {
            return error_json(
                StatusCode::BAD_REQUEST,
                "invalid_ms",
                "`ms` must be an integer from 0 to 31622400000 (366 days)",
            )
        }
    };
    {
        let mut c = lock(&shared.clock);
        if c.now().saturating_add(ms) > MAX_CLOCK_MS {
            return error_json(
                StatusCode::BAD_REQUEST,
                "invalid_ms",
                "the simulated clock would pass the year 9999",
            );
        }
        c.offset_ms = c.offset_ms.saturating_add(ms);
    }
    let webhooks = shared.pump().await;
    shared.wake.notify_one();
    let mut v = clock_json(&shared);
    if let Value::Object(m) = &mut v {
        m.insert("webhooks".into(), json!(webhooks));
    }
    Json(v).into_response()
}

async fn reset(State(shared): State<Arc<Shared>>) -> Response {
    // Wait for deliveries in flight, then start over (clock included).
    let _guard = shared.delivery.lock().await;
    lock(&shared.platform).reset();
    lock(&shared.records).clear();
    {
        let mut c = lock(&shared.clock);
        c.real_start = Instant::now();
        c.offset_ms = 0;
    }
    shared.wake.notify_one();
    Json(json!({"ok": true})).into_response()
}

async fn webhooks(State(shared): State<Arc<Shared>>) -> Response {
    Json(json!(*lock(&shared.records))).into_response()
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl futures_util::Stream<Item = Result<SseEvent, Infallible>>> {
    let rx = shared.events.subscribe();
    let closing = shared.closing.subscribe();
    let stream = futures_util::stream::unfold((rx, closing), |(mut rx, mut closing)| async move {
        loop {
            if *closing.borrow() {
                return None;
            }
            tokio::select! {
                msg = rx.recv() => match msg {
                    Ok(text) => {
                        return Some((Ok(SseEvent::default().event("webhook").data(text)), (rx, closing)))
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                changed = closing.changed() => {
                    if changed.is_err() {
                        return None;
                    }
                }
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn sandbox_not_found() -> Response {
    error_json(StatusCode::NOT_FOUND, "not_found", "unknown control endpoint")
}

/// With an API key set, the control endpoints (all but `/_sandbox/health`) take it too, as the API
/// does (`Authorization: APIKey <key>` or `Bearer <key>`), or as `?api_key=<key>` for an
/// `EventSource`, which cannot send headers. Else any web page the developer opens could read the
/// recorded webhooks and reset or advance the platform (the answers carry CORS headers).
async fn control_auth(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if let Some(key) = shared.config.platform.api_key.as_deref() {
        let control = path.starts_with("/_sandbox/") && path != "/_sandbox/health";
        if control && req.method() != Method::OPTIONS && !control_key_ok(&req, key) {
            return error_json(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "the control endpoints take the server's API key (Authorization: APIKey <key>, or ?api_key=<key>)",
            );
        }
    }
    next.run(req).await
}

fn control_key_ok(req: &Request, key: &str) -> bool {
    let eq =
        |candidate: &str| crate::domain::platform::constant_time_eq(candidate.as_bytes(), key.as_bytes());
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .is_some_and(|(scheme, token)| {
            (scheme.eq_ignore_ascii_case("apikey") || scheme.eq_ignore_ascii_case("bearer"))
                && eq(token.trim())
        });
    let query = req.uri().query().is_some_and(|q| {
        q.split('&')
            .filter_map(|p| p.split_once('='))
            .any(|(k, v)| k == "api_key" && eq(v))
    });
    header || query
}

/// The largest request body read (a tus client sends bigger files in chunks of at most this size).
pub const MAX_BODY_BYTES: usize = 256 * 1024 * 1024;

/// CORS on every response, preflight included (`Access-Control-Allow-Origin: *`).
async fn cors(req: Request, next: Next) -> Response {
    let h = |v: &'static str| HeaderValue::from_static(v);
    // A preflight says which method it asks for; any other OPTIONS (a tus client asking the upload
    // endpoint what it supports) goes to the platform.
    if req.method() == Method::OPTIONS && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD) {
        let allow_headers = req
            .headers()
            .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
            .cloned()
            .unwrap_or_else(|| h("authorization, content-type"));
        let mut res = StatusCode::NO_CONTENT.into_response();
        let hs = res.headers_mut();
        hs.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, h("*"));
        hs.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            h("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"),
        );
        hs.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
        hs.insert(header::ACCESS_CONTROL_MAX_AGE, h("86400"));
        return res;
    }
    let mut res = next.run(req).await;
    let hs = res.headers_mut();
    hs.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, h("*"));
    hs.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, h("*"));
    res
}

/// One log line per request: method, path (no query, no headers), status, duration.
async fn access_log(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let res = next.run(req).await;
    shared.log(format_args!(
        "{method} {path} {} {:.1}ms",
        res.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    ));
    res
}

pub(super) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/_sandbox/health", get(health))
        .route("/_sandbox/streams/{id}/connect", post(connect))
        .route("/_sandbox/streams/{id}/disconnect", post(disconnect))
        .route("/_sandbox/advance", post(advance))
        .route("/_sandbox/reset", post(reset))
        .route("/_sandbox/webhooks", get(webhooks))
        .route("/_sandbox/events", get(events))
        .route("/_sandbox/{*rest}", axum::routing::any(sandbox_not_found))
        .fallback(platform_api)
        // Upload chunks (tus PATCH) are read whole: larger files go in several chunks.
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), control_auth))
        .layer(middleware::from_fn(cors))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), access_log))
        .with_state(shared)
}
