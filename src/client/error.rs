//! [`ClientError`]: why a call failed, with a stable code.

use crate::domain::model::Video;
use crate::domain::request::{num, Operation, ParamError};
use crate::domain::response::{ApiError, DecodeError};
use crate::domain::text::Cat;
use crate::prelude::*;
use core::fmt;

/// Why a call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ClientError {
    /// The API answered an error status.
    Api(Box<ApiError>),
    /// No answer within the timeout (after the retries allowed).
    Timeout {
        /// The operation.
        operation: Operation,
        /// The per-attempt timeout.
        timeout_ms: f64,
    },
    /// The caller's signal aborted the call.
    Aborted {
        /// The operation.
        operation: Operation,
    },
    /// The connection failed (after the retries allowed).
    Network {
        /// The operation.
        operation: Operation,
        /// What the platform reported.
        message: String,
    },
    /// The parameters can not make a request.
    InvalidParams(ParamError),
    /// A success answer whose body is not what the operation returns.
    InvalidResponse {
        /// The operation.
        operation: Operation,
        /// The status.
        status: u16,
        /// What is wrong.
        message: String,
    },
    /// A session step that does not fit the session's state.
    InvalidState {
        /// What is wrong.
        message: String,
    },
    /// The video being waited for ended in `error`.
    VideoFailed {
        /// The video as last read.
        video: Box<Video>,
    },
}

impl ClientError {
    /// The stable code: the [`ApiError`]'s for API errors, else `timeout`, `aborted`, `network`,
    /// `invalid_params`, `invalid_response`, `invalid_state` or `video_failed`.
    pub fn code(&self) -> &str {
        match self {
            Self::Api(e) => &e.code,
            Self::Timeout { .. } => "timeout",
            Self::Aborted { .. } => "aborted",
            Self::Network { .. } => "network",
            Self::InvalidParams(_) => "invalid_params",
            Self::InvalidResponse { .. } => "invalid_response",
            Self::InvalidState { .. } => "invalid_state",
            Self::VideoFailed { .. } => "video_failed",
        }
    }

    /// The operation concerned, when there is one.
    pub fn operation(&self) -> Option<Operation> {
        match self {
            Self::Api(e) => Some(e.operation),
            Self::Timeout { operation, .. }
            | Self::Aborted { operation }
            | Self::Network { operation, .. }
            | Self::InvalidResponse { operation, .. } => Some(*operation),
            _ => None,
        }
    }
}

impl ClientError {
    /// The `Display` text, built without the formatting machinery (which the WebAssembly build then
    /// leaves out).
    pub(crate) fn text(&self) -> String {
        match self {
            Self::Api(e) => e.text(),
            Self::Timeout {
                operation,
                timeout_ms,
            } => [
                operation.as_str(),
                " timed out after ",
                &num(timeout_ms.clamp(0.0, 9.0e15) as u64),
                " ms",
            ]
            .cat(),
            Self::Aborted { operation } => [operation.as_str(), " was aborted"].cat(),
            Self::Network { operation, message } => {
                [operation.as_str(), " failed: network error: ", message].cat()
            }
            Self::InvalidParams(e) => ["invalid parameters: ", &e.text()].cat(),
            Self::InvalidResponse {
                operation,
                status,
                message,
            } => [
                operation.as_str(),
                " answered HTTP ",
                &num(u64::from(*status)),
                ": ",
                message,
            ]
            .cat(),
            Self::InvalidState { message } => message.clone(),
            Self::VideoFailed { video } => [
                "video ",
                &num(video.id.0),
                " failed to process: ",
                video.error.as_deref().unwrap_or("status error"),
            ]
            .cat(),
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl core::error::Error for ClientError {}

impl From<ParamError> for ClientError {
    fn from(e: ParamError) -> Self {
        Self::InvalidParams(e)
    }
}

impl From<DecodeError> for ClientError {
    fn from(e: DecodeError) -> Self {
        match e {
            DecodeError::Api(e) => Self::Api(e),
            DecodeError::InvalidResponse {
                operation,
                status,
                message,
            } => Self::InvalidResponse {
                operation,
                status,
                message,
            },
        }
    }
}
