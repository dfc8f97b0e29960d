//! Every operation of the Streaming API as data: the generated table [`OPERATIONS`] (from Gcore's
//! OpenAPI spec and the official Python SDK's names, by `scripts/gen-api.mjs`) and how a call's
//! arguments become a request ([`ApiOperation::request`]). Pure: no I/O. `Client::call` sends them.
//!
//! ```
//! use gcore_streaming::domain::api;
//! let op = api::operation("streams.overlays.update").unwrap();
//! let req = op.request(&serde_json::json!({ "overlay_id": 7, "stream_id": 5, "x": 10 })).unwrap();
//! assert_eq!(req.path, "/streaming/streams/5/overlays/7");
//! assert_eq!(req.body.as_deref(), Some(r#"{"x":10}"#));
//! ```

use super::request::{percent_encode_into, ApiRequest, Method, Operation, ParamError};
use super::text::Cat;
use crate::prelude::*;
use serde_json::{Map, Value};

mod table;
pub use table::OPERATIONS;

/// How an array in the query is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryStyle {
    /// `name=a&name=b` (the spec's default, and the Python SDK's choice where the spec is silent).
    Repeat,
    /// `name=a,b` (`style: form, explode: false`).
    Comma,
}

/// What an operation's request body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// No body.
    None,
    /// A JSON object of the arguments that are neither in the path nor in the query.
    Fields,
    /// The argument `body`, whole (an array, for instance).
    Whole,
}

/// How a paged list's page holds its items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// The page is a JSON array.
    Array,
    /// The page is an object whose `results` is the array.
    Results,
}

/// One operation: its name (the Python SDK's `client.streaming.` path, e.g.
/// `streams.overlays.update`), HTTP method and path, and its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiOperation {
    /// `resource[.sub].method`, snake_case.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/streaming/streams/{stream_id}/overlays/{overlay_id}`.
    pub path: &'static str,
    /// The arguments given by position (the others are named).
    pub positional: &'static [&'static str],
    /// The query parameters and how arrays in them are sent.
    pub query: &'static [(&'static str, QueryStyle)],
    /// The body.
    pub body: BodyKind,
    /// Whether the answer is JSON (else it is ignored).
    pub json: bool,
    /// A paged list: the query's `page` selects the page.
    pub page: Option<PageKind>,
}

/// The operation named `name` (e.g. `"players.get"`).
pub fn operation(name: &str) -> Option<&'static ApiOperation> {
    OPERATIONS.iter().find(|o| o.name == name)
}

fn error(path: &str, message: &str) -> ParamError {
    ParamError {
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

/// A scalar as the query or the path carries it.
fn scalar(v: &Value, path: &str) -> Result<String, ParamError> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(if *b { "true" } else { "false" }.to_owned()),
        _ => Err(error(path, "must be a string, a number or a boolean")),
    }
}

impl ApiOperation {
    /// The names of the path's parameters, in order.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> {
        self.path
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
    }

    /// The request for `params`: a JSON object (or `null`) with every argument under its wire name,
    /// the positional ones included (`{"overlay_id": 7, "stream_id": 5, "x": 10}`); `body` for an
    /// operation that takes its body whole.
    ///
    /// # Errors
    /// [`ParamError`] for a missing or empty path parameter, a value of the wrong kind, or (for an
    /// operation without a body) a name that is not a parameter.
    pub fn request(&self, params: &Value) -> Result<ApiRequest, ParamError> {
        let empty = Map::new();
        let args = match params {
            Value::Object(m) => m,
            Value::Null => &empty,
            _ => return Err(error("params", "must be an object")),
        };
        let mut path = String::new();
        let mut rest = self.path;
        while let Some((before, after)) = rest.split_once('{') {
            path.push_str(before);
            let (name, tail) = after.split_once('}').unwrap_or((after, ""));
            let value = match args.get(name) {
                Some(Value::Null) | None => return Err(error(name, "is required")),
                Some(v) => scalar(v, name)?,
            };
            if value.is_empty() {
                return Err(error(name, "must not be empty"));
            }
            percent_encode_into(&value, &mut path);
            rest = tail;
        }
        path.push_str(rest);
        let mut query = Vec::new();
        for (name, style) in self.query {
            match args.get(*name) {
                None | Some(Value::Null) => {}
                Some(Value::Array(items)) => {
                    let at = |i: usize| [*name, "[", &i.to_string(), "]"].cat();
                    let values = items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| scalar(v, &at(i)))
                        .collect::<Result<Vec<_>, _>>()?;
                    match style {
                        QueryStyle::Repeat => {
                            query.extend(values.into_iter().map(|v| ((*name).to_owned(), v)))
                        }
                        QueryStyle::Comma => query.push(((*name).to_owned(), values.join(","))),
                    }
                }
                Some(v) => query.push(((*name).to_owned(), scalar(v, name)?)),
            }
        }
        let known = |k: &str| self.path_params().any(|p| p == k) || self.query.iter().any(|(q, _)| *q == k);
        let body = match self.body {
            BodyKind::Fields => {
                let fields: Map<String, Value> = args
                    .iter()
                    .filter(|(k, _)| !known(k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                Some(Value::Object(fields).to_string())
            }
            BodyKind::Whole | BodyKind::None => {
                let whole = self.body == BodyKind::Whole;
                if let Some(k) = args
                    .keys()
                    .find(|k| !(known(k) || (whole && k.as_str() == "body")))
                {
                    return Err(error(k, &["is not a parameter of ", self.name].cat()));
                }
                args.get("body").filter(|_| whole).map(Value::to_string)
            }
        };
        Ok(ApiRequest {
            operation: Operation::Call,
            method: self.method,
            path,
            query,
            body,
        })
    }
}
