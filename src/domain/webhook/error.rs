//! `WebhookError`: what went wrong with a webhook (or a snapshot), with a stable code and a JSON path.

use crate::domain::text::Cat;
use crate::prelude::*;
use core::fmt;

/// The stable error codes (the JS `code` property).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WebhookErrorCode {
    /// The body is not JSON (or not UTF-8).
    InvalidJson,
    /// The body is JSON but not an object.
    NotAnObject,
    /// `type` is not one the platform sends.
    UnknownType,
    /// A required field is absent (or `null`).
    MissingField,
    /// A field has the wrong JSON type.
    WrongType,
    /// A field has the right type but a value out of range (id ≤ 0, unknown status, bad CIDR, …).
    InvalidValue,
    /// The body is larger than `maxBytes`.
    TooLarge,
    /// The sender's IP is not in the allowed ranges.
    ForbiddenSource,
    /// The secret is not in the webhook URL.
    BadSecret,
    /// A tracker snapshot could not be restored.
    InvalidSnapshot,
}

impl WebhookErrorCode {
    /// The wire form, e.g. `missing_field`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidJson => "invalid_json",
            Self::NotAnObject => "not_an_object",
            Self::UnknownType => "unknown_type",
            Self::MissingField => "missing_field",
            Self::WrongType => "wrong_type",
            Self::InvalidValue => "invalid_value",
            Self::TooLarge => "too_large",
            Self::ForbiddenSource => "forbidden_source",
            Self::BadSecret => "bad_secret",
            Self::InvalidSnapshot => "invalid_snapshot",
        }
    }
}

crate::domain::text::display_as_str!(WebhookErrorCode);

/// A rejected webhook: a stable [`code`](Self::code), the JSON [`path`](Self::path) of the offending
/// field (`""` for the whole body, e.g. `message.stream.id`) and a message saying what was expected and
/// what came. Messages never echo more than a short prefix of the input and never contain a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookError {
    /// The stable code.
    pub code: WebhookErrorCode,
    /// The JSON path of the offending field (`""`: the whole body).
    pub path: String,
    /// What was expected and what came.
    pub message: String,
}

impl WebhookError {
    /// A new error.
    pub fn new(code: WebhookErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::from_parts(code, path.into(), message.into())
    }

    /// One copy of the construction for every call site of [`new`](Self::new).
    #[inline(never)]
    fn from_parts(code: WebhookErrorCode, path: String, message: String) -> Self {
        Self { code, path, message }
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl core::error::Error for WebhookError {}

/// At most `max` characters of `s`, with `…` when cut (never splits a character).
pub(crate) fn truncate(s: &str, max: usize) -> String {
    // The byte offset of character `max` (the first byte of a character is not 0b10xxxxxx).
    let mut chars = 0usize;
    for (i, b) in s.bytes().enumerate() {
        if b & 0xC0 != 0x80 {
            if chars == max {
                let mut out = s.get(..i).unwrap_or_default().to_owned();
                out.push('…');
                return out;
            }
            chars += 1;
        }
    }
    s.to_owned()
}

/// A short description of a JSON value for messages: its type and, for scalars, a truncated value.
pub(crate) fn describe(v: &crate::domain::json::Value<'_>) -> String {
    use crate::domain::json::Value;
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => if *b { "boolean true" } else { "boolean false" }.to_owned(),
        Value::Num(n) => ["number ", &truncate(n.raw, 40)].cat(),
        Value::Str(s) => ["string \"", &truncate(s.raw(), 40), "\""].cat(),
        Value::Arr(a) => {
            let mut s = String::from("an array of ");
            crate::domain::text::write_u64(&mut s, a.len() as u64);
            s.push_str(" items");
            s
        }
        Value::Obj(_) => "an object".to_owned(),
    }
}

/// [`describe`] of a string value (quoted, truncated; quotes and backslashes escaped).
pub(crate) fn describe_str(s: &str) -> String {
    let mut out = String::from("string ");
    crate::domain::json::write_str(&mut out, &truncate(s, 40));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_keeps_characters_whole() {
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("ééééé", 2), "éé…");
        assert_eq!(truncate("aé\u{1F600}", 3), "aé\u{1F600}");
        assert_eq!(truncate("aé\u{1F600}b", 3), "aé\u{1F600}…");
        assert_eq!(truncate("", 0), "");
        assert_eq!(truncate("é", 0), "…");
        let long = format!("\"{}\"", "x".repeat(100));
        let v = crate::domain::json::parse(&long).unwrap();
        assert_eq!(describe(&v).chars().count(), 50);
        assert_eq!(describe_str(&"x".repeat(100)).chars().count(), 50);
    }
}
