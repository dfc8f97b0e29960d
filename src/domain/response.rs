//! Response decoding as a pure function: (operation, status, body) → typed value or [`ApiError`].
//!
//! Success bodies follow docs/platform.md, "Operations and bodies": lists are bare JSON arrays; deletes answer 204 (or 200)
//! with an empty body; `start_recording` answers 204, or 200 with warnings; `stop_recording` answers
//! the recorded Video or an empty body when nothing was recording; `create_broadcast` may or may not
//! carry a body. Error bodies come in every shape of §10 and are read by [`ErrorBody::parse`].

use super::model::{Broadcast, ErrorBody, FieldErrors, StartRecordingResult, Stream, Video};
use super::request::{num, Operation};
use super::text::Cat;
use crate::prelude::*;
use core::fmt;
use serde::{Deserialize, Serialize};

/// A decoded success body.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ResponseValue {
    /// A stream (create, get, update).
    Stream(Box<Stream>),
    /// A page of streams.
    Streams(Vec<Stream>),
    /// A broadcast (get, update; create when the platform sends a body, `None` when it does not).
    Broadcast(Option<Box<Broadcast>>),
    /// A page of broadcasts.
    Broadcasts(Vec<Broadcast>),
    /// A video (get; stop_recording when something was recording, `None` otherwise).
    Video(Option<Box<Video>>),
    /// A page of videos.
    Videos(Vec<Video>),
    /// What start_recording answered (empty on 204).
    Recording(Box<StartRecordingResult>),
    /// A delete succeeded (no body).
    Deleted,
}

/// An HTTP error answer of the API, classified.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    /// The operation that failed.
    pub operation: Operation,
    /// The HTTP status.
    pub status: u16,
    /// Stable code: `bad_request`, `unauthorized`, `forbidden`, `not_found`, `conflict`,
    /// `request_timeout`, `validation_failed`, `rate_limited`, `server_error` or `http_error`.
    pub code: String,
    /// One-line message (from the body when it has one).
    pub message: String,
    /// Per-field messages of a 422 (`{field: [messages]}`); empty otherwise.
    pub fields: FieldErrors,
    /// Whether the condition is transient (408, 429, 5xx). A create that failed with 5xx may still have
    /// been done: check before creating again.
    pub retryable: bool,
    /// The body as the platform sent it, in whichever shape.
    pub body: ErrorBody,
}

impl ApiError {
    /// The `Display` text, `{operation} failed: HTTP {status} ({code}): {message}`, built without the
    /// formatting machinery (which the WebAssembly build then leaves out).
    pub(crate) fn text(&self) -> String {
        [
            self.operation.as_str(),
            " failed: HTTP ",
            &num(u64::from(self.status)),
            " (",
            &self.code,
            "): ",
            &self.message,
        ]
        .cat()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl core::error::Error for ApiError {}

/// Why a response could not be decoded.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// The API answered an error status.
    Api(Box<ApiError>),
    /// A success status with a body that is not what the operation returns.
    InvalidResponse {
        /// The operation.
        operation: Operation,
        /// The status.
        status: u16,
        /// What is wrong.
        message: String,
    },
}

/// The stable code of an error status.
pub fn error_code(status: u16) -> &'static str {
    match status {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        408 => "request_timeout",
        409 => "conflict",
        422 => "validation_failed",
        429 => "rate_limited",
        500..=599 => "server_error",
        _ => "http_error",
    }
}

/// Builds the [`ApiError`] of an error answer.
pub fn api_error(operation: Operation, status: u16, body: &str) -> ApiError {
    let body = ErrorBody::parse(body);
    let summary = body.summary();
    let message = if summary.is_empty() {
        ["HTTP ", &num(u64::from(status))].cat()
    } else {
        summary
    };
    ApiError {
        operation,
        status,
        code: error_code(status).to_owned(),
        message,
        fields: body.fields().cloned().unwrap_or_default(),
        retryable: super::retry::is_retryable_status(status),
        body,
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    operation: Operation,
    status: u16,
    body: &str,
) -> Result<T, DecodeError> {
    serde_json::from_str(body).map_err(|e| DecodeError::InvalidResponse {
        operation,
        status,
        message: format!("unexpected response body: {e}"),
    })
}

/// Decodes an answer of `operation`.
///
/// # Errors
/// [`DecodeError::Api`] for a non-2xx status; [`DecodeError::InvalidResponse`] when a 2xx body is
/// not the operation's resource.
pub fn decode(operation: Operation, status: u16, body: &str) -> Result<ResponseValue, DecodeError> {
    if !(200..=299).contains(&status) {
        return Err(DecodeError::Api(Box::new(api_error(operation, status, body))));
    }
    let empty = body.trim().is_empty();
    Ok(match operation {
        Operation::CreateStream | Operation::GetStream | Operation::UpdateStream => {
            ResponseValue::Stream(parse(operation, status, body)?)
        }
        Operation::ListStreams => ResponseValue::Streams(parse(operation, status, body)?),
        Operation::CreateBroadcast if empty => ResponseValue::Broadcast(None),
        Operation::CreateBroadcast | Operation::GetBroadcast | Operation::UpdateBroadcast => {
            ResponseValue::Broadcast(Some(parse(operation, status, body)?))
        }
        Operation::ListBroadcasts => ResponseValue::Broadcasts(parse(operation, status, body)?),
        Operation::GetVideo => ResponseValue::Video(Some(parse(operation, status, body)?)),
        Operation::StopRecording if empty || body.trim() == "null" || body.trim() == "{}" => {
            ResponseValue::Video(None)
        }
        Operation::StopRecording => ResponseValue::Video(Some(parse(operation, status, body)?)),
        Operation::ListVideos => ResponseValue::Videos(parse(operation, status, body)?),
        Operation::StartRecording if empty => ResponseValue::Recording(Box::default()),
        Operation::StartRecording => ResponseValue::Recording(parse(operation, status, body)?),
        Operation::DeleteStream | Operation::DeleteBroadcast | Operation::DeleteVideo => {
            ResponseValue::Deleted
        }
        // A generated operation's answer is any JSON: `Client::call` reads it (`crate::client::api`).
        #[cfg(feature = "client")]
        Operation::Call => {
            return Err(DecodeError::InvalidResponse {
                operation,
                status,
                message: "a generated operation's answer is read by Client::call".to_owned(),
            })
        }
    })
}

/// How a 2xx body of an operation is handed over without decoding it (the JS binding parses it with
/// the engine's `JSON.parse`): see [`raw_shape`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawShape {
    /// No value (deletes).
    Nothing,
    /// `null` (an empty `create_broadcast` or `stop_recording` answer).
    Null,
    /// An empty `start_recording` answer: `{"warnings":[],"errors":[]}`.
    EmptyRecording,
    /// A JSON object (one resource).
    Object,
    /// A JSON array (a page).
    Array,
}

/// The shape a 2xx body of `operation` must have, from its first non-space byte (the same cases as
/// [`decode`], without decoding the resource).
///
/// # Errors
/// [`DecodeError::InvalidResponse`] when the body is not the operation's shape.
pub fn raw_shape(operation: Operation, status: u16, body: &str) -> Result<RawShape, DecodeError> {
    let t = body.trim();
    let (byte, shape, what) = match operation {
        Operation::DeleteStream | Operation::DeleteBroadcast | Operation::DeleteVideo => {
            return Ok(RawShape::Nothing)
        }
        Operation::CreateBroadcast if t.is_empty() => return Ok(RawShape::Null),
        Operation::StopRecording if t.is_empty() || t == "null" || t == "{}" => return Ok(RawShape::Null),
        Operation::StartRecording if t.is_empty() => return Ok(RawShape::EmptyRecording),
        Operation::ListStreams | Operation::ListBroadcasts | Operation::ListVideos => (
            b'[',
            RawShape::Array,
            "unexpected response body: expected a JSON array",
        ),
        _ => (
            b'{',
            RawShape::Object,
            "unexpected response body: expected a JSON object",
        ),
    };
    if t.as_bytes().first() == Some(&byte) {
        Ok(shape)
    } else {
        Err(DecodeError::InvalidResponse {
            operation,
            status,
            message: what.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The status table of docs/client.md ("| Status | `code` |") and its "`retryable`: true for 408,
    /// 429 and 5xx" are what the client does.
    #[test]
    fn error_statuses_map_to_the_documented_codes() {
        let docs = include_str!("../../docs/client.md");
        let table = docs.split("| Status | `code` |").nth(1).unwrap();
        assert!(docs.contains("- `retryable`: true for 408, 429 and 5xx\n"));
        let mut rows = 0;
        for line in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells[2].split('`').nth(1).unwrap();
            let statuses = match cells[1] {
                "5xx" => vec![500, 503, 599],
                "other" => vec![302, 418, 499, 600],
                s => vec![s.parse().unwrap()],
            };
            for s in statuses {
                let e = api_error(Operation::GetStream, s, "");
                assert_eq!(e.code, code, "{s}");
                assert_eq!(e.retryable, matches!(s, 408 | 429 | 500..=599), "{s}");
                assert_eq!(e.message, format!("HTTP {s}"));
            }
            rows += 1;
        }
        assert_eq!(rows, 10);
    }

    #[test]
    fn validation_errors_carry_fields() {
        let Err(DecodeError::Api(e)) = decode(
            Operation::CreateBroadcast,
            422,
            r#"{"errors":{"name":["can't be blank"],"status":["can't be blank"]}}"#,
        ) else {
            panic!("expected an API error");
        };
        assert_eq!(e.code, "validation_failed");
        assert_eq!(e.fields.get("name"), Some(&vec!["can't be blank".to_owned()]));
        assert_eq!(e.message, "name can't be blank; status can't be blank");
        assert_eq!(
            e.to_string(),
            "create_broadcast failed: HTTP 422 (validation_failed): name can't be blank; status can't be blank"
        );
        assert_eq!(e.text(), e.to_string());
    }

    #[test]
    fn raw_shapes_follow_decode() {
        for (operation, status, body, shape) in [
            (Operation::DeleteStream, 200, "{}", RawShape::Nothing),
            (Operation::CreateBroadcast, 200, " ", RawShape::Null),
            (Operation::StopRecording, 200, "{}", RawShape::Null),
            (Operation::StopRecording, 200, "null", RawShape::Null),
            (Operation::StartRecording, 204, "", RawShape::EmptyRecording),
            (
                Operation::StartRecording,
                200,
                r#"{"warnings":[]}"#,
                RawShape::Object,
            ),
            (Operation::ListVideos, 200, " [] ", RawShape::Array),
            (Operation::GetStream, 200, r#"{"id":1}"#, RawShape::Object),
        ] {
            assert_eq!(
                raw_shape(operation, status, body),
                Ok(shape),
                "{operation:?} {body}"
            );
        }
        for (operation, body) in [
            (Operation::GetStream, "<html>"),
            (Operation::ListVideos, r#"{"id":1}"#),
            (Operation::GetVideo, ""),
        ] {
            assert!(matches!(
                raw_shape(operation, 200, body),
                Err(DecodeError::InvalidResponse { status: 200, .. })
            ));
        }
    }

    #[test]
    fn success_bodies_decode_per_operation() {
        for (operation, status, body, value) in [
            (Operation::DeleteStream, 204, "", ResponseValue::Deleted),
            (Operation::DeleteVideo, 200, "{}", ResponseValue::Deleted),
            (
                Operation::CreateBroadcast,
                200,
                "",
                ResponseValue::Broadcast(None),
            ),
            (Operation::StopRecording, 200, "", ResponseValue::Video(None)),
            (
                Operation::StartRecording,
                204,
                "",
                ResponseValue::Recording(Box::default()),
            ),
        ] {
            assert_eq!(decode(operation, status, body), Ok(value), "{operation:?} {body}");
        }
        let Ok(ResponseValue::Streams(list)) = decode(Operation::ListStreams, 200, r#"[{"id":1},{"id":2}]"#)
        else {
            panic!()
        };
        assert_eq!(list.len(), 2);
        for (operation, body) in [
            (Operation::GetStream, "<html>"),
            (Operation::ListVideos, r#"{"id":1}"#),
        ] {
            assert!(matches!(
                decode(operation, 200, body),
                Err(DecodeError::InvalidResponse { status: 200, .. })
            ));
        }
    }
}
