//! Typed webhook events and the strict parser (fact sheet §9).
//!
//! The platform sends `{"type": <t>, "message": {<key>: {…}}}`. [`parse_webhook`] checks the envelope,
//! every documented field that is present, and the required ones, and returns a [`WebhookEvent`] whose
//! JSON form is flat: `{"type": "stream", "stream": {…}}` (`vod` becomes `video`; `video_delete` keeps
//! its entity under `video`). Fields the SDK does not know are kept in `extra`.
//!
//! Decisions (documented in `docs/webhooks.md`):
//! - `null` on an optional field reads as absent; on a required field it is `wrong_type`.
//! - Ids are integers in `1..=2^53-1` (the range JavaScript numbers hold exactly).
//! - A broadcast or video `status` the SDK does not know is `invalid_value` (the tracker could not place
//!   it on the status path); values match ASCII case-insensitively and come back lower case. Other
//!   enumerations (`stream_source_type`, `converted_videos[].status`) are open: unknown values are kept.

use super::error::{describe, WebhookError, WebhookErrorCode as Code};
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::model::{BroadcastStatus, ConvertedVideoStatus, StreamSourceType, VideoStatus};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use serde_with::skip_serializing_none;

/// Fields an event carries that the SDK does not model, kept as sent.
pub type Extra = Map<String, Value>;

/// The largest integer a JavaScript number holds exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// The default `maxBytes`: 64 KiB.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024;

/// The `type`s the platform sends (plus the alias `vod`).
pub const KNOWN_TYPES: &[&str] = &["stream", "video", "video_delete", "restream", "broadcast"];

/// Options of [`parse_webhook`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// Bodies longer than this many bytes are rejected (`too_large`) before parsing.
    pub max_bytes: usize,
    /// Return [`WebhookEvent::Unknown`] for an unknown `type` instead of failing with `unknown_type`.
    pub allow_unknown_types: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
            allow_unknown_types: false,
        }
    }
}

/// `client_user_id`: documented as a string, sent as an integer; both are accepted and kept as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ClientUserId {
    /// An integer id.
    Int(u64),
    /// A string id.
    Text(String),
}

/// `type: "stream"`: the stream's ingest/recording state changed.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StreamWebhook {
    /// Stream id (required).
    pub id: StreamId,
    /// The primary ingest is receiving (required).
    pub live: bool,
    /// The backup ingest is receiving.
    pub backup_live: Option<bool>,
    /// The stream is being recorded.
    pub recording: Option<bool>,
    /// The stream is being transcoded (playback ready).
    pub transcoding: Option<bool>,
    /// Your own user id (integer or string).
    pub client_user_id: Option<ClientUserId>,
    /// Your own data.
    pub client_entity_data: Option<String>,
    /// PULL (`true`) or PUSH.
    pub pull: Option<bool>,
    /// PULL source.
    pub uri: Option<String>,
    /// Ingest protocol (open enumeration).
    pub stream_source_type: Option<StreamSourceType>,
    /// Fields the SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One rendition in a video webhook's `converted_videos`.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConvertedVideoWebhook {
    /// Rendition name, e.g. `vod720p`.
    pub name: Option<String>,
    /// Rendition status (open enumeration).
    pub status: Option<ConvertedVideoStatus>,
    /// MP4 URL.
    pub mp4_url: Option<String>,
    /// Fields the SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `type: "video"` (status required) and `type: "video_delete"` (status optional, `deleted_at`).
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VideoWebhook {
    /// Video id (required).
    pub id: VideoId,
    /// Random slug.
    pub slug: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Duration in milliseconds.
    pub duration: Option<u64>,
    /// The stream it was recorded from.
    pub stream_id: Option<StreamId>,
    /// Processing status (required for `video`; the status at deletion for `video_delete`).
    pub status: Option<VideoStatus>,
    /// Renditions.
    pub converted_videos: Option<Vec<ConvertedVideoWebhook>>,
    /// When it was deleted (`video_delete` only).
    pub deleted_at: Option<String>,
    /// Processing error.
    pub error: Option<String>,
    /// Your own user id.
    pub client_user_id: Option<ClientUserId>,
    /// Fields the SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `type: "restream"`.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RestreamWebhook {
    /// Restream id (required).
    pub id: u64,
    /// Name.
    pub name: Option<String>,
    /// The stream being restreamed.
    pub stream_id: Option<StreamId>,
    /// Restreaming now.
    pub live: Option<bool>,
    /// Legacy form of `live` (2025-04 payloads).
    pub active: Option<bool>,
    /// Fields the SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `type: "broadcast"` (legacy, still in the guide).
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BroadcastWebhook {
    /// Broadcast id (required).
    pub id: BroadcastId,
    /// Status (required; `pending`, `live`, `paused`, `finished`).
    pub status: BroadcastStatus,
    /// Streams feeding it (not in documented payloads; checked when present).
    pub stream_ids: Option<Vec<StreamId>>,
    /// Name.
    pub name: Option<String>,
    /// Fields the SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A validated webhook. JSON form: `{"type": "stream", "stream": {…}}`, …
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WebhookEvent {
    /// A stream changed.
    Stream {
        /// The stream.
        stream: StreamWebhook,
    },
    /// A video changed (also `type: "vod"`).
    Video {
        /// The video.
        video: VideoWebhook,
    },
    /// A video was deleted.
    VideoDelete {
        /// The deleted video.
        video: VideoWebhook,
    },
    /// A restream changed.
    Restream {
        /// The restream.
        restream: RestreamWebhook,
    },
    /// A broadcast changed.
    Broadcast {
        /// The broadcast.
        broadcast: BroadcastWebhook,
    },
    /// A `type` this SDK does not know (only with `allow_unknown_types`).
    Unknown {
        /// The `type` as sent.
        received_type: String,
        /// The `message` as sent.
        message: Value,
    },
}

impl WebhookEvent {
    /// The event's `type` in its JSON form (`vod` comes back as `video`).
    pub fn type_name(&self) -> &str {
        match self {
            Self::Stream { .. } => "stream",
            Self::Video { .. } => "video",
            Self::VideoDelete { .. } => "video_delete",
            Self::Restream { .. } => "restream",
            Self::Broadcast { .. } => "broadcast",
            Self::Unknown { .. } => "unknown",
        }
    }

    /// The event as JSON text (its flat form).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Parses a raw webhook body (JSON bytes) strictly.
///
/// # Errors
/// `too_large` over `max_bytes` (checked first), `invalid_json`, `not_an_object`, `unknown_type`,
/// `missing_field`, `wrong_type`, `invalid_value`, each with the JSON path of the offending field.
pub fn parse_webhook(body: &[u8], opts: &ParseOptions) -> Result<WebhookEvent, WebhookError> {
    check_size(body.len(), opts.max_bytes)?;
    let value = parse_json(body)?;
    parse_webhook_value(value, opts)
}

/// Rejects a body of `len` bytes over `max_bytes`.
///
/// # Errors
/// `too_large`.
pub fn check_size(len: usize, max_bytes: usize) -> Result<(), WebhookError> {
    if len > max_bytes {
        return Err(WebhookError::new(
            Code::TooLarge,
            "",
            format!("expected a body of at most {max_bytes} bytes, got {len} bytes"),
        ));
    }
    Ok(())
}

/// Parses JSON bytes (a leading UTF-8 byte order mark is skipped).
///
/// # Errors
/// `invalid_json`, with serde_json's position (never the input).
pub fn parse_json(body: &[u8]) -> Result<Value, WebhookError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    serde_json::from_slice(body).map_err(|e| {
        WebhookError::new(
            Code::InvalidJson,
            "",
            format!("expected a JSON webhook body: {e}"),
        )
    })
}

/// Validates an already-parsed webhook envelope `{"type", "message"}`.
///
/// # Errors
/// As [`parse_webhook`], except `too_large` and `invalid_json`.
pub fn parse_webhook_value(value: Value, opts: &ParseOptions) -> Result<WebhookEvent, WebhookError> {
    let Value::Object(mut root) = value else {
        return Err(WebhookError::new(
            Code::NotAnObject,
            "",
            format!(
                "expected a webhook object {{\"type\", \"message\"}}, got {}",
                describe(&value)
            ),
        ));
    };
    let type_name = take_type(&mut root, "type")?;
    let message = match root.remove("message") {
        None | Some(Value::Null) => {
            return Err(WebhookError::new(
                Code::MissingField,
                "message",
                "expected field `message` (an object), but it is missing",
            ))
        }
        Some(m) => m,
    };
    let Some(kind) = Kind::from_type(&type_name) else {
        if opts.allow_unknown_types {
            return Ok(WebhookEvent::Unknown {
                received_type: type_name,
                message,
            });
        }
        return Err(unknown_type(&type_name, "type"));
    };
    let Value::Object(mut message) = message else {
        return Err(wrong_type("message", "an object", &message));
    };
    let key = kind.key();
    let entity = message.remove(key);
    kind.build(entity, "message", key)
}

/// Validates an event given either as a raw envelope (`{"type", "message"}`) or in the flat form
/// [`WebhookEvent`] serializes to (`{"type": "stream", "stream": {…}}`), e.g. a `parseWebhook` result.
///
/// # Errors
/// As [`parse_webhook_value`]; paths of the flat form have no `message.` prefix.
pub fn parse_event_value(value: Value, opts: &ParseOptions) -> Result<WebhookEvent, WebhookError> {
    let flat = matches!(&value, Value::Object(m)
        if !m.contains_key("message") || m.get("type").and_then(Value::as_str) == Some("unknown"));
    if !flat {
        return parse_webhook_value(value, opts);
    }
    let Value::Object(mut root) = value else {
        return Err(WebhookError::new(
            Code::NotAnObject,
            "",
            "expected a webhook event object",
        ));
    };
    let type_name = take_type(&mut root, "type")?;
    if type_name == "unknown" {
        let received_type = match root.remove("received_type") {
            Some(Value::String(s)) => s,
            _ => "unknown".to_owned(),
        };
        if !opts.allow_unknown_types {
            return Err(unknown_type(&received_type, "type"));
        }
        return Ok(WebhookEvent::Unknown {
            received_type,
            message: root.remove("message").unwrap_or(Value::Null),
        });
    }
    let Some(kind) = Kind::from_type(&type_name) else {
        return Err(unknown_type(&type_name, "type"));
    };
    let key = kind.key();
    let entity = root.remove(key);
    kind.build(entity, "", key)
}

#[derive(Clone, Copy)]
enum Kind {
    Stream,
    Video,
    VideoDelete,
    Restream,
    Broadcast,
}

impl Kind {
    fn from_type(t: &str) -> Option<Self> {
        Some(match t {
            "stream" => Self::Stream,
            "video" | "vod" => Self::Video,
            "video_delete" => Self::VideoDelete,
            "restream" => Self::Restream,
            "broadcast" => Self::Broadcast,
            _ => return None,
        })
    }

    fn key(self) -> &'static str {
        match self {
            Self::Stream => "stream",
            Self::Video | Self::VideoDelete => "video",
            Self::Restream => "restream",
            Self::Broadcast => "broadcast",
        }
    }

    fn build(self, entity: Option<Value>, parent: &str, key: &str) -> Result<WebhookEvent, WebhookError> {
        let path = join(parent, key);
        let obj = match entity {
            None | Some(Value::Null) => {
                return Err(WebhookError::new(
                    Code::MissingField,
                    path.clone(),
                    format!("expected field `{path}` (an object), but it is missing"),
                ))
            }
            Some(Value::Object(o)) => o,
            Some(other) => return Err(wrong_type(&path, "an object", &other)),
        };
        let mut f = Fields { obj, path: &path };
        Ok(match self {
            Self::Stream => WebhookEvent::Stream {
                stream: stream_webhook(&mut f)?,
            },
            Self::Video => WebhookEvent::Video {
                video: video_webhook(&mut f, true)?,
            },
            Self::VideoDelete => WebhookEvent::VideoDelete {
                video: video_webhook(&mut f, false)?,
            },
            Self::Restream => WebhookEvent::Restream {
                restream: restream_webhook(&mut f)?,
            },
            Self::Broadcast => WebhookEvent::Broadcast {
                broadcast: broadcast_webhook(&mut f)?,
            },
        })
    }
}

fn take_type(root: &mut Map<String, Value>, path: &str) -> Result<String, WebhookError> {
    match root.remove("type") {
        None | Some(Value::Null) => Err(WebhookError::new(
            Code::MissingField,
            path,
            "expected field `type` (a string), but it is missing",
        )),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(wrong_type(path, "a string", &other)),
    }
}

fn unknown_type(t: &str, path: &str) -> WebhookError {
    WebhookError::new(
        Code::UnknownType,
        path,
        format!(
            "expected `type` to be one of stream, video (or vod), video_delete, restream, broadcast, got {}",
            describe(&Value::String(t.to_owned()))
        ),
    )
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

fn wrong_type(path: &str, expected: &str, got: &Value) -> WebhookError {
    WebhookError::new(
        Code::WrongType,
        path,
        format!("expected `{path}` to be {expected}, got {}", describe(got)),
    )
}

/// An object being taken apart field by field; what is left becomes `extra`.
pub(crate) struct Fields<'a> {
    pub(crate) obj: Map<String, Value>,
    pub(crate) path: &'a str,
}

impl Fields<'_> {
    fn path_of(&self, key: &str) -> String {
        join(self.path, key)
    }

    /// Removes a field; `null` reads as absent.
    fn take(&mut self, key: &str) -> Option<Value> {
        match self.obj.remove(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    fn missing(&self, key: &str, expected: &str) -> WebhookError {
        let path = self.path_of(key);
        WebhookError::new(
            Code::MissingField,
            path.clone(),
            format!("expected field `{path}` ({expected}), but it is missing"),
        )
    }

    fn required<T>(
        &mut self,
        key: &str,
        expected: &str,
        get: impl Fn(&mut Self, &str) -> Result<Option<T>, WebhookError>,
    ) -> Result<T, WebhookError> {
        if matches!(self.obj.get(key), Some(Value::Null)) {
            return Err(wrong_type(&self.path_of(key), expected, &Value::Null));
        }
        get(self, key)?.ok_or_else(|| self.missing(key, expected))
    }

    pub(crate) fn bool(&mut self, key: &str) -> Result<Option<bool>, WebhookError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(b)),
            Some(other) => Err(wrong_type(&self.path_of(key), "a boolean", &other)),
        }
    }

    pub(crate) fn string(&mut self, key: &str) -> Result<Option<String>, WebhookError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(wrong_type(&self.path_of(key), "a string", &other)),
        }
    }

    /// A non-negative integer up to 2^53 − 1.
    pub(crate) fn uint(&mut self, key: &str) -> Result<Option<u64>, WebhookError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => uint_value(&v, &self.path_of(key), false).map(Some),
        }
    }

    /// A positive integer id up to 2^53 − 1.
    pub(crate) fn id(&mut self, key: &str) -> Result<Option<u64>, WebhookError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => uint_value(&v, &self.path_of(key), true).map(Some),
        }
    }

    pub(crate) fn ids(&mut self, key: &str) -> Result<Option<Vec<u64>>, WebhookError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, v) in items.iter().enumerate() {
                    out.push(uint_value(v, &format!("{}[{i}]", self.path_of(key)), true)?);
                }
                Ok(Some(out))
            }
            Some(other) => Err(wrong_type(
                &self.path_of(key),
                "an array of positive integers",
                &other,
            )),
        }
    }

    fn client_user_id(&mut self, key: &str) -> Result<Option<ClientUserId>, WebhookError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(ClientUserId::Text(s))),
            Some(v @ Value::Number(_)) => {
                uint_value(&v, &self.path_of(key), false).map(|n| Some(ClientUserId::Int(n)))
            }
            Some(other) => Err(wrong_type(&self.path_of(key), "an integer or a string", &other)),
        }
    }

    pub(crate) fn broadcast_status(&mut self, key: &str) -> Result<Option<BroadcastStatus>, WebhookError> {
        let Some(s) = self.string(key)? else {
            return Ok(None);
        };
        match BroadcastStatus::parse(&s) {
            BroadcastStatus::Unknown(_) => Err(self.bad_enum(key, BroadcastStatus::KNOWN, &s)),
            known => Ok(Some(known)),
        }
    }

    pub(crate) fn video_status(&mut self, key: &str) -> Result<Option<VideoStatus>, WebhookError> {
        let Some(s) = self.string(key)? else {
            return Ok(None);
        };
        match VideoStatus::parse(&s) {
            VideoStatus::Unknown(_) => Err(self.bad_enum(key, VideoStatus::KNOWN, &s)),
            known => Ok(Some(known)),
        }
    }

    fn bad_enum(&self, key: &str, known: &[&str], got: &str) -> WebhookError {
        let path = self.path_of(key);
        WebhookError::new(
            Code::InvalidValue,
            path.clone(),
            format!(
                "expected `{path}` to be one of {}, got {}",
                known.join(", "),
                describe(&Value::String(got.to_owned()))
            ),
        )
    }

    pub(crate) fn rest(self) -> Extra {
        self.obj
    }
}

fn uint_value(v: &Value, path: &str, positive: bool) -> Result<u64, WebhookError> {
    let expected = if positive {
        "a positive integer"
    } else {
        "a non-negative integer"
    };
    let Value::Number(n) = v else {
        return Err(wrong_type(path, expected, v));
    };
    match n.as_u64() {
        Some(0) if positive => Err(WebhookError::new(
            Code::InvalidValue,
            path,
            format!("expected `{path}` to be {expected}, got 0"),
        )),
        Some(x) if x > MAX_SAFE_INTEGER => Err(WebhookError::new(
            Code::InvalidValue,
            path,
            format!(
                "expected `{path}` to be {expected} up to 2^53-1, got {}",
                describe(v)
            ),
        )),
        Some(x) => Ok(x),
        None if n.is_i64() => Err(WebhookError::new(
            Code::InvalidValue,
            path,
            format!("expected `{path}` to be {expected}, got {}", describe(v)),
        )),
        None => Err(wrong_type(path, expected, v)),
    }
}

fn stream_webhook(f: &mut Fields<'_>) -> Result<StreamWebhook, WebhookError> {
    let id = f.required("id", "a positive integer", Fields::id)?;
    let live = f.required("live", "a boolean", Fields::bool)?;
    let stream_source_type = f
        .string("stream_source_type")?
        .map(|s| StreamSourceType::parse(&s));
    Ok(StreamWebhook {
        id: StreamId(id),
        live,
        backup_live: f.bool("backup_live")?,
        recording: f.bool("recording")?,
        transcoding: f.bool("transcoding")?,
        client_user_id: f.client_user_id("client_user_id")?,
        client_entity_data: f.string("client_entity_data")?,
        pull: f.bool("pull")?,
        uri: f.string("uri")?,
        stream_source_type,
        extra: std::mem::take(&mut f.obj),
    })
}

fn video_webhook(f: &mut Fields<'_>, status_required: bool) -> Result<VideoWebhook, WebhookError> {
    let id = f.required("id", "a positive integer", Fields::id)?;
    let status = if status_required {
        Some(f.required("status", "a video status", Fields::video_status)?)
    } else {
        f.video_status("status")?
    };
    let converted_videos = match f.take("converted_videos") {
        None => None,
        Some(Value::Array(items)) => {
            let base = f.path_of("converted_videos");
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                let path = format!("{base}[{i}]");
                let Value::Object(obj) = item else {
                    return Err(wrong_type(&path, "an object", &item));
                };
                let mut c = Fields { obj, path: &path };
                let status = c.string("status")?.map(|s| ConvertedVideoStatus::parse(&s));
                out.push(ConvertedVideoWebhook {
                    name: c.string("name")?,
                    status,
                    mp4_url: c.string("mp4_url")?,
                    extra: c.rest(),
                });
            }
            Some(out)
        }
        Some(other) => return Err(wrong_type(&f.path_of("converted_videos"), "an array", &other)),
    };
    Ok(VideoWebhook {
        id: VideoId(id),
        slug: f.string("slug")?,
        name: f.string("name")?,
        duration: f.uint("duration")?,
        stream_id: f.id("stream_id")?.map(StreamId),
        status,
        converted_videos,
        deleted_at: f.string("deleted_at")?,
        error: f.string("error")?,
        client_user_id: f.client_user_id("client_user_id")?,
        extra: std::mem::take(&mut f.obj),
    })
}

fn restream_webhook(f: &mut Fields<'_>) -> Result<RestreamWebhook, WebhookError> {
    Ok(RestreamWebhook {
        id: f.required("id", "a positive integer", Fields::id)?,
        name: f.string("name")?,
        stream_id: f.id("stream_id")?.map(StreamId),
        live: f.bool("live")?,
        active: f.bool("active")?,
        extra: std::mem::take(&mut f.obj),
    })
}

fn broadcast_webhook(f: &mut Fields<'_>) -> Result<BroadcastWebhook, WebhookError> {
    let id = f.required("id", "a positive integer", Fields::id)?;
    let status = f.required("status", "a broadcast status", Fields::broadcast_status)?;
    Ok(BroadcastWebhook {
        id: BroadcastId(id),
        status,
        stream_ids: f
            .ids("stream_ids")?
            .map(|v| v.into_iter().map(StreamId).collect()),
        name: f.string("name")?,
        extra: std::mem::take(&mut f.obj),
    })
}
