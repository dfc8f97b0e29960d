//! The API's error bodies. The platform answers errors in several shapes (fact sheet §10); this type
//! reads them all and never fails: what it can not read is kept as raw text.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// An error body, in whichever shape the platform used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum ErrorBody {
    /// `{"errors": {"name": ["can't be blank"]}}`: Rails-style validation errors (422).
    Fields {
        /// Messages per field.
        fields: BTreeMap<String, Vec<String>>,
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
        match serde_json::from_str::<Value>(body) {
            Ok(Value::Object(map)) => Self::from_object(&map).unwrap_or_else(|| Self::raw(body)),
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

    fn from_object(map: &serde_json::Map<String, Value>) -> Option<Self> {
        if let Some(errors) = map.get("errors") {
            match errors {
                Value::Object(obj) => {
                    let fields = obj.iter().map(|(k, v)| (k.clone(), messages_of(v))).collect();
                    return Some(Self::Fields { fields });
                }
                Value::Array(_) | Value::String(_) => {
                    return Some(Self::Messages {
                        messages: messages_of(errors),
                    });
                }
                _ => {}
            }
        }
        let error = map.get("error").map(message_of);
        let status = map
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok());
        match (status, error) {
            (Some(status), Some(error)) => Some(Self::Status { status, error }),
            (None, Some(error)) => Some(Self::Message { error }),
            _ => map
                .get("detail")
                .or_else(|| map.get("message"))
                .map(|m| Self::Message { error: message_of(m) }),
        }
    }

    /// A one-line summary of the messages, for error texts.
    pub fn summary(&self) -> String {
        match self {
            Self::Fields { fields } => fields
                .iter()
                .map(|(k, v)| format!("{k} {}", v.join(", ")))
                .collect::<Vec<_>>()
                .join("; "),
            Self::Messages { messages } => messages.join("; "),
            Self::Status { error, .. } | Self::Message { error } => error.clone(),
            Self::Empty => String::new(),
            Self::Raw { text } => text.chars().take(200).collect(),
        }
    }

    /// The per-field messages of a validation error, if this is one.
    pub fn fields(&self) -> Option<&BTreeMap<String, Vec<String>>> {
        match self {
            Self::Fields { fields } => Some(fields),
            _ => None,
        }
    }
}

fn message_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn messages_of(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().map(message_of).collect(),
        other => vec![message_of(other)],
    }
}
