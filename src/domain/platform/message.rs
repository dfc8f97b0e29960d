//! The emulated API's request and response values, and how queries, bodies and Rails-style errors are
//! read and written.

use crate::prelude::*;
use alloc::collections::BTreeMap;
use core::fmt;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

use super::http::NOT_FOUND_TEXT;

/// An HTTP request to the emulated API.
#[derive(Clone, PartialEq, Eq)]
pub struct PlatformRequest {
    /// The method, e.g. `PATCH` (case-insensitive).
    pub method: String,
    /// The path with its query string, e.g. `/streaming/videos?page=2`.
    pub path_and_query: String,
    /// The `Authorization` header, if sent.
    pub authorization: Option<String>,
    /// The other headers the platform reads (names in lower case): `host` (the upload server's
    /// hostname in direct-upload parameters), `content-type` and the tus headers of the upload
    /// endpoint (`tus-resumable`, `upload-length`, `upload-offset`, `upload-metadata`, …).
    pub headers: Vec<(String, String)>,
    /// The body's bytes (empty when none); the API's JSON bodies must be UTF-8.
    pub body: Vec<u8>,
}

impl PlatformRequest {
    /// A request with a text body and no other headers.
    pub fn new(method: &str, path_and_query: &str, authorization: Option<&str>, body: &str) -> Self {
        Self {
            method: method.to_owned(),
            path_and_query: path_and_query.to_owned(),
            authorization: authorization.map(str::to_owned),
            headers: Vec::new(),
            body: body.as_bytes().to_vec(),
        }
    }

    /// The same request with header `name` (stored in lower case) set to `value`.
    #[must_use]
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_ascii_lowercase(), value.to_owned()));
        self
    }

    /// The same request with these body bytes.
    #[must_use]
    pub fn with_body(mut self, body: Vec<u8>) -> Self {
        self.body = body;
        self
    }

    /// The first value of header `name` (case-insensitive), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for PlatformRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlatformRequest")
            .field("method", &self.method)
            .field("path_and_query", &self.path_and_query)
            .field(
                "authorization",
                &self.authorization.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// The emulated API's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformResponse {
    /// HTTP status.
    pub status: u16,
    /// Response headers (`content-type` when there is a body).
    pub headers: Vec<(String, String)>,
    /// The body; empty for 204 and the other empty answers.
    pub body: String,
}

impl PlatformResponse {
    pub(super) fn json(status: u16, body: &Value) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), "application/json; charset=utf-8".into())],
            body: body.to_string(),
        }
    }

    pub(super) fn empty(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    pub(super) fn not_found() -> Self {
        Self::json(404, &json!({"status": 404, "error": NOT_FOUND_TEXT}))
    }

    pub(super) fn bad_request(msg: &str) -> Self {
        Self::json(
            400,
            &json!({"status": 400, "error": format!("Bad Request. {msg}")}),
        )
    }

    pub(super) fn unauthorized(detail: &str) -> Self {
        let mut r = Self::json(401, &json!({ "detail": detail }));
        r.headers.push(("www-authenticate".into(), "APIKey".into()));
        r
    }

    /// The body parsed as JSON (`Null` when empty or not JSON).
    pub fn json_body(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
}

/// Rails-style validation errors: `{"errors": {"field": ["message", …]}}` (422).
#[derive(Default)]
pub(super) struct Errors(BTreeMap<String, Vec<String>>);

impl Errors {
    /// The errors of a body's `name`: `can't be blank` when it is blank and `required` or given.
    pub(super) fn name(name: Option<&str>, required: bool) -> Self {
        let mut e = Self::default();
        if (required || name.is_some()) && blank(name) {
            e.add("name", "can't be blank");
        }
        e
    }

    pub(super) fn add(&mut self, field: &str, msg: &str) {
        self.0.entry(field.to_owned()).or_default().push(msg.to_owned());
    }

    pub(super) fn into_result(self) -> Result<(), PlatformResponse> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(PlatformResponse::json(422, &json!({ "errors": self.0 })))
        }
    }
}

pub(super) fn unprocessable(field: &str, msg: &str) -> PlatformResponse {
    let mut e = Errors::default();
    e.add(field, msg);
    e.into_result()
        .err()
        .unwrap_or_else(|| PlatformResponse::empty(422))
}

/// Percent-decodes a query component (`+` is a space).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(v) = hex {
                    out.push(v);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn parse_query(q: &str) -> BTreeMap<String, String> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// A body parsed into `T`, unwrapped from `{"<wrapper>": {…}}` when wrapped. Type errors name the
/// field (422 `is invalid`); a body that is not a JSON object is a 400.
pub(super) fn parse_body<T: DeserializeOwned + Default>(
    body: &str,
    wrapper: &str,
) -> Result<T, PlatformResponse> {
    if body.trim().is_empty() {
        return Ok(T::default());
    }
    let value: Value = serde_json::from_str(body)
        .map_err(|e| PlatformResponse::bad_request(&format!("The request body is not valid JSON: {e}")))?;
    let Value::Object(mut map) = value else {
        return Err(PlatformResponse::bad_request(
            "The request body must be a JSON object.",
        ));
    };
    let inner = match map.remove(wrapper) {
        Some(Value::Object(inner)) => inner,
        Some(other) => {
            return Err(PlatformResponse::bad_request(&format!(
                "`{wrapper}` must be a JSON object, not {}",
                kind_of(&other)
            )))
        }
        None => map,
    };
    match serde_json::from_value::<T>(Value::Object(inner.clone())) {
        Ok(v) => Ok(v),
        Err(_) => {
            let mut errors = Errors::default();
            for (k, v) in &inner {
                let mut single = Map::new();
                single.insert(k.clone(), v.clone());
                if serde_json::from_value::<T>(Value::Object(single)).is_err() {
                    errors.add(k, "is invalid");
                }
            }
            if errors.0.is_empty() {
                errors.add("base", "is invalid");
            }
            errors.into_result().map(|()| T::default())
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(super) fn blank(s: Option<&str>) -> bool {
    s.is_none_or(|s| s.trim().is_empty())
}

pub(super) fn page_of<T: Clone>(items: &[T], page: usize, per_page: usize) -> Vec<T> {
    items
        .iter()
        .skip(page.saturating_sub(1).saturating_mul(per_page))
        .take(per_page)
        .cloned()
        .collect()
}

pub(super) fn page_param(q: &BTreeMap<String, String>) -> usize {
    q.get("page")
        .and_then(|p| p.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .max(1)
}
