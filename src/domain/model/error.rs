//! The API's error bodies. The platform answers errors in several shapes (docs/platform.md, "Errors, limits and quotas"); this type
//! reads them all and never fails: what it can not read is kept as raw text.

use crate::domain::json::{self, NumKind, Str, Value};
use crate::domain::text::{join, Cat};
use crate::prelude::*;
use alloc::collections::BTreeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The per-field messages of a validation error (`{"name": ["can't be blank"]}`), ordered by field
/// name; a field given twice keeps its last messages. A small sorted list: these have a handful of
/// fields, and a `BTreeMap` here cost the WebAssembly build ~6 KB of B-tree code for nothing else.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(String, Vec<String>)>);

impl FieldErrors {
    /// No fields.
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    /// Sets the messages of `field` (replacing any it had).
    pub fn insert(&mut self, field: String, messages: Vec<String>) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(field.as_str())) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = messages;
                }
            }
            Err(i) => self.0.insert(i, (field, messages)),
        }
    }

    /// The messages of `field`.
    pub fn get(&self, field: &str) -> Option<&Vec<String>> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(field))
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, v)| v)
    }

    /// The fields and their messages, by field name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<String>)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// How many fields.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, Vec<String>)> for FieldErrors {
    fn from_iter<I: IntoIterator<Item = (String, Vec<String>)>>(iter: I) -> Self {
        let mut out = Self::new();
        for (k, v) in iter {
            out.insert(k, v);
        }
        out
    }
}

impl From<FieldErrors> for BTreeMap<String, Vec<String>> {
    fn from(f: FieldErrors) -> Self {
        f.0.into_iter().collect()
    }
}

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for FieldErrors {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::<String, Vec<String>>::deserialize(d).map(|m| m.into_iter().collect())
    }
}

/// An error body, in whichever shape the platform used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ErrorBody {
    /// `{"errors": {"name": ["can't be blank"]}}`: Rails-style validation errors (422).
    Fields {
        /// Messages per field.
        #[cfg_attr(test, ts(type = "Record<string, string[]>"))]
        fields: FieldErrors,
    },
    /// `{"errors": ["…", …]}`: a list of messages.
    Messages {
        /// The messages.
        messages: Vec<String>,
    },
    /// `{"status": 404, "error": "Not Found. …"}`.
    Status {
        /// The status the body states.
        status: u16,
        /// The message.
        error: String,
    },
    /// `{"error": "Queue limit reached (100), try later."}`.
    Message {
        /// The message.
        error: String,
    },
    /// No body.
    Empty,
    /// Anything else, kept as sent.
    Raw {
        /// The body text (truncated to 4 KiB).
        text: String,
    },
}

const RAW_LIMIT: usize = 4096;

impl ErrorBody {
    /// Reads an error body. Never fails.
    pub fn parse(body: &str) -> Self {
        if body.trim().is_empty() {
            return Self::Empty;
        }
        match json::parse(body) {
            Ok(Value::Obj(map)) => Self::from_object(&map).unwrap_or_else(|| Self::raw(body)),
            _ => Self::raw(body),
        }
    }

    fn raw(body: &str) -> Self {
        let mut end = body.len().min(RAW_LIMIT);
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        Self::Raw {
            text: body.get(..end).unwrap_or_default().to_owned(),
        }
    }

    fn from_object(map: &[(Str<'_>, Value<'_>)]) -> Option<Self> {
        if let Some(errors) = json::get(map, "errors") {
            match errors {
                Value::Obj(obj) => {
                    // A repeated key keeps its last value.
                    let mut fields = FieldErrors::new();
                    for (k, v) in obj {
                        fields.insert(k.decode(), messages_of(v));
                    }
                    return Some(Self::Fields { fields });
                }
                Value::Arr(_) | Value::Str(_) => {
                    return Some(Self::Messages {
                        messages: messages_of(errors),
                    });
                }
                _ => {}
            }
        }
        let error = json::get(map, "error").map(message_of);
        let status = match json::get(map, "status") {
            Some(Value::Num(n)) => match n.kind {
                NumKind::UInt(s) => u16::try_from(s).ok(),
                _ => None,
            },
            _ => None,
        };
        match (status, error) {
            (Some(status), Some(error)) => Some(Self::Status { status, error }),
            (None, Some(error)) => Some(Self::Message { error }),
            _ => json::get(map, "detail")
                .or_else(|| json::get(map, "message"))
                .map(|m| Self::Message { error: message_of(m) }),
        }
    }

    /// Appends per-field messages as a JSON object (`{"name":["can't be blank"]}`), as `serde_json`
    /// writes the map.
    pub fn write_fields(out: &mut dyn json::Sink, fields: &FieldErrors) {
        out.open(false);
        for (k, v) in fields.iter() {
            out.key_dyn(k);
            write_strs(out, v);
        }
        out.close(false);
    }

    /// Appends the body as JSON: the same text as its `Serialize` form (`{"shape":"fields",…}`).
    pub fn write_json(&self, out: &mut String) {
        let mut o = json::ObjWriter::new(out);
        match self {
            Self::Fields { fields } => {
                o.str("shape", "fields");
                Self::write_fields(o.key("fields"), fields);
            }
            Self::Messages { messages } => {
                o.str("shape", "messages");
                write_strs(o.key("messages"), messages);
            }
            Self::Status { status, error } => {
                o.str("shape", "status");
                o.u64("status", u64::from(*status));
                o.str("error", error);
            }
            Self::Message { error } => {
                o.str("shape", "message");
                o.str("error", error);
            }
            Self::Empty => o.str("shape", "empty"),
            Self::Raw { text } => {
                o.str("shape", "raw");
                o.str("text", text);
            }
        }
        o.end();
    }

    /// A one-line summary of the messages, for error texts.
    pub fn summary(&self) -> String {
        match self {
            Self::Fields { fields } => join(
                &fields
                    .iter()
                    .map(|(k, v)| [k.as_str(), " ", join(v, ", ").as_str()].cat())
                    .collect::<Vec<_>>(),
                "; ",
            ),
            Self::Messages { messages } => join(messages, "; "),
            Self::Status { error, .. } | Self::Message { error } => error.clone(),
            Self::Empty => String::new(),
            Self::Raw { text } => text.chars().take(200).collect(),
        }
    }

    /// The per-field messages of a validation error, if this is one.
    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            Self::Fields { fields } => Some(fields),
            _ => None,
        }
    }
}

fn write_strs(out: &mut dyn json::Sink, items: &[String]) {
    out.open(true);
    for m in items {
        out.str(m);
    }
    out.close(true);
}

fn message_of(v: &Value<'_>) -> String {
    match v {
        Value::Str(s) => s.decode(),
        other => {
            let mut s = String::new();
            other.write(&mut s);
            s
        }
    }
}

fn messages_of(v: &Value<'_>) -> Vec<String> {
    match v {
        Value::Arr(items) => items.iter().map(message_of).collect(),
        other => vec![message_of(other)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_the_serialize_form() {
        for body in [
            r#"{"errors":{"name":["can't be blank"],"a\"b":"x","z":[1,null]}}"#,
            r#"{"errors":["a","b"]}"#,
            r#"{"status":404,"error":"Not Found"}"#,
            r#"{"error":{"x":1}}"#,
            r#"{"detail":"d"}"#,
            "",
            "<html>\u{1}",
            "[1]",
        ] {
            let b = ErrorBody::parse(body);
            let mut out = String::new();
            b.write_json(&mut out);
            assert_eq!(out, serde_json::to_string(&b).unwrap(), "{body}");
            let mut f = String::new();
            ErrorBody::write_fields(&mut f, b.fields().unwrap_or(&FieldErrors::new()));
            assert_eq!(
                f,
                serde_json::to_string(b.fields().unwrap_or(&FieldErrors::new())).unwrap()
            );
        }
    }

    #[test]
    fn field_errors_are_ordered_by_name_and_keep_the_last_messages() {
        let b = ErrorBody::parse(r#"{"errors":{"z":["1"],"a":"2","m":["3"],"a":["4","5"]}}"#);
        let f = b.fields().unwrap();
        assert_eq!(f.len(), 3);
        assert!(!f.is_empty());
        let names: Vec<&str> = f.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["a", "m", "z"]);
        assert_eq!(f.get("a"), Some(&vec!["4".to_owned(), "5".to_owned()]));
        assert_eq!(f.get("b"), None);
        // The same as the map it replaced: serde form, order, and back.
        let map: BTreeMap<String, Vec<String>> = f.clone().into();
        assert_eq!(
            serde_json::to_string(f).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
        let back: FieldErrors = serde_json::from_str(&serde_json::to_string(&map).unwrap()).unwrap();
        assert_eq!(&back, f);
        assert!(FieldErrors::new().is_empty());
    }
}
