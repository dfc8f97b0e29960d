//! Typed webhook events and the strict parser (docs/platform.md, "Webhooks").
//!
//! The platform sends `{"type": <t>, "message": {<key>: {…}}}`. [`parse_webhook`] checks the envelope,
//! every documented field that is present, and the required ones, and returns a [`WebhookEvent`] whose
//! JSON form is flat: `{"type": "stream", "stream": {…}}` (`vod` becomes `video`; `video_delete` keeps
//! its entity under `video`). Fields the SDK does not know are kept in `extra`.
//!
//! Decisions (documented in `docs/webhooks.md`):
//! - `null` on an optional field reads as absent; on a required field it is `wrong_type`.
//! - Ids are integers in `1..=2^53-1` (the range JavaScript numbers hold exactly).
//! - A broadcast or video `status` the SDK does not know (e.g. `new`) is kept exactly as sent (the
//!   platform sends each webhook once: refusing it would lose the event); with
//!   [`ParseOptions::strict_statuses`] it is `invalid_value`. Known values match ASCII
//!   case-insensitively and come back lower case. The other enumerations (`stream_source_type`,
//!   `converted_videos[].status`) are open too.

use super::error::{describe, describe_str, WebhookError, WebhookErrorCode as Code};
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::json::Cat;
use crate::domain::json::{self, NumKind, Str};
use crate::domain::model::{BroadcastStatus, ConvertedVideoStatus, StreamSourceType, VideoStatus};
use crate::prelude::*;
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
    /// Refuse a video or broadcast `status` outside the documented values (`invalid_value`) instead
    /// of keeping it as sent.
    pub strict_statuses: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
            allow_unknown_types: false,
            strict_statuses: false,
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
    let root = parse_text(body_text(body)?)?;
    Ok(check(&root, opts, false)?.into_event())
}

/// Rejects a body of `len` bytes over `max_bytes`.
///
/// # Errors
/// `too_large`.
pub fn check_size(len: usize, max_bytes: usize) -> Result<(), WebhookError> {
    if len > max_bytes {
        let mut m = String::from("expected a body of at most ");
        json::write_u64(&mut m, max_bytes as u64);
        m.push_str(" bytes, got ");
        json::write_u64(&mut m, len as u64);
        m.push_str(" bytes");
        return Err(WebhookError::new(Code::TooLarge, "", m));
    }
    Ok(())
}

/// A body's bytes as text: a leading UTF-8 byte order mark is skipped, the rest must be UTF-8.
///
/// # Errors
/// `invalid_json` when the bytes are not UTF-8.
pub fn body_text(body: &[u8]) -> Result<&str, WebhookError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    core::str::from_utf8(body).map_err(|_| {
        WebhookError::new(
            Code::InvalidJson,
            "",
            "expected a JSON webhook body: invalid UTF-8",
        )
    })
}

/// Parses JSON text strictly (see [`json`]).
///
/// # Errors
/// `invalid_json`, with the line and column (never the input).
pub fn parse_text(text: &str) -> Result<json::Value<'_>, WebhookError> {
    json::parse(text).map_err(|e| {
        WebhookError::new(
            Code::InvalidJson,
            "",
            ["expected a JSON webhook body: ", &e.describe(text)].cat(),
        )
    })
}

/// Validates an already-parsed webhook envelope `{"type", "message"}`.
///
/// # Errors
/// As [`parse_webhook`], except `too_large` and `invalid_json`.
pub fn parse_webhook_value(value: Value, opts: &ParseOptions) -> Result<WebhookEvent, WebhookError> {
    let text = serde_json::to_string(&value).unwrap_or_default();
    let root = parse_text(&text)?;
    Ok(check(&root, opts, false)?.into_event())
}

/// Validates an event given either as a raw envelope (`{"type", "message"}`) or in the flat form
/// [`WebhookEvent`] serializes to (`{"type": "stream", "stream": {…}}`), e.g. a `parseWebhook` result.
///
/// # Errors
/// As [`parse_webhook_value`]; paths of the flat form have no `message.` prefix.
pub fn parse_event_value(value: Value, opts: &ParseOptions) -> Result<WebhookEvent, WebhookError> {
    let text = serde_json::to_string(&value).unwrap_or_default();
    let root = parse_text(&text)?;
    Ok(check(&root, opts, true)?.into_event())
}

/// An edit that turns the body's entity, as `JSON.parse` reads it, into the event's JSON form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fixup {
    /// Delete the member `key` (a known optional field sent as `null`).
    Delete {
        /// `None`: the entity; `Some(i)`: its `converted_videos[i]`.
        item: Option<usize>,
        /// The member.
        key: &'static str,
    },
    /// Set the member `key` to the string `value` (a known enumeration value in lower case).
    Set {
        /// `None`: the entity; `Some(i)`: its `converted_videos[i]`.
        item: Option<usize>,
        /// The member.
        key: &'static str,
        /// The value to write.
        value: &'static str,
    },
}

/// A validated webhook, still tied to the parsed body.
pub struct Checked<'v, 'a> {
    /// The typed event, without what the SDK does not model: every `extra` is empty and an unknown
    /// event's `message` is `null` (see [`into_event`](Self::into_event)).
    pub event: WebhookEvent,
    /// The entity (or an unknown event's `message`) is a member of the root (`{"type", "stream"}`),
    /// not of `message`.
    pub flat: bool,
    /// The edits that turn the body's entity into the event's JSON form.
    pub fixups: Vec<Fixup>,
    root: &'v [(Str<'a>, json::Value<'a>)],
}

/// Validates a parsed body: an envelope, or (with `flat_allowed`) the flat form too.
///
/// # Errors
/// As [`parse_event_value`].
pub fn check<'v, 'a>(
    root: &'v json::Value<'a>,
    opts: &ParseOptions,
    flat_allowed: bool,
) -> Result<Checked<'v, 'a>, WebhookError> {
    let json::Value::Obj(members) = root else {
        return Err(WebhookError::new(
            Code::NotAnObject,
            "",
            [
                "expected a webhook object {\"type\", \"message\"}, got ",
                &describe(root),
            ]
            .cat(),
        ));
    };
    let members: &'v [(Str<'a>, json::Value<'a>)] = members;
    let message = json::get(members, "message");
    let type_value = json::get(members, "type");
    let flat = flat_allowed
        && (message.is_none() || matches!(type_value, Some(json::Value::Str(s)) if s.is("unknown")));
    let type_name = match type_value {
        None | Some(json::Value::Null) => {
            return Err(WebhookError::new(
                Code::MissingField,
                "type",
                "expected field `type` (a string), but it is missing",
            ))
        }
        Some(json::Value::Str(s)) => s.text(),
        Some(other) => return Err(wrong_type("type", "a string", other)),
    };
    let done = |event: WebhookEvent, fixups: Vec<Fixup>| Checked {
        event,
        flat,
        fixups,
        root: members,
    };
    if flat && type_name == "unknown" {
        let received_type = match json::get(members, "received_type") {
            Some(json::Value::Str(s)) => s.decode(),
            _ => "unknown".to_owned(),
        };
        if !opts.allow_unknown_types {
            return Err(unknown_type(&received_type));
        }
        let event = WebhookEvent::Unknown {
            received_type,
            message: Value::Null,
        };
        return Ok(done(event, Vec::new()));
    }
    let (entity, parent) = if flat {
        let Some(kind) = Kind::from_type(&type_name) else {
            return Err(unknown_type(&type_name));
        };
        (json::get(members, kind.key()).map(|e| (kind, e)), "")
    } else {
        let message = match message {
            None | Some(json::Value::Null) => {
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
                let event = WebhookEvent::Unknown {
                    received_type: type_name.into_owned(),
                    message: Value::Null,
                };
                return Ok(done(event, Vec::new()));
            }
            return Err(unknown_type(&type_name));
        };
        if !matches!(message, json::Value::Obj(_)) {
            return Err(wrong_type("message", "an object", message));
        }
        match message.get(kind.key()) {
            Some(e) => (Some((kind, e)), "message"),
            None => {
                return Err(Kind::missing_entity("message", kind));
            }
        }
    };
    let Some((kind, entity)) = entity else {
        let kind = Kind::from_type(&type_name).unwrap_or(Kind::Stream);
        return Err(Kind::missing_entity(parent, kind));
    };
    let mut fixups = Vec::new();
    let event = kind.build(entity, parent, opts.strict_statuses, &mut fixups)?;
    Ok(done(event, fixups))
}

impl Checked<'_, '_> {
    /// The event with the fields the SDK does not model filled in (`extra`, an unknown `message`).
    pub fn into_event(self) -> WebhookEvent {
        let root = self.root;
        let container = if self.flat {
            Some(root)
        } else {
            match json::get(root, "message") {
                Some(json::Value::Obj(m)) => Some(m.as_slice()),
                _ => None,
            }
        };
        let entity = |key: &str| match container.and_then(|c| json::get(c, key)) {
            Some(json::Value::Obj(m)) => m.as_slice(),
            _ => &[],
        };
        let mut event = self.event;
        match &mut event {
            WebhookEvent::Stream { stream } => stream.extra = extra(entity("stream"), STREAM_FIELDS),
            WebhookEvent::Video { video } | WebhookEvent::VideoDelete { video } => {
                let members = entity("video");
                video.extra = extra(members, VIDEO_FIELDS);
                if let (Some(items), Some(json::Value::Arr(raw))) = (
                    &mut video.converted_videos,
                    json::get(members, "converted_videos"),
                ) {
                    for (item, raw) in items.iter_mut().zip(raw) {
                        if let json::Value::Obj(m) = raw {
                            item.extra = extra(m, CONVERTED_FIELDS);
                        }
                    }
                }
            }
            WebhookEvent::Restream { restream } => {
                restream.extra = extra(entity("restream"), RESTREAM_FIELDS)
            }
            WebhookEvent::Broadcast { broadcast } => {
                broadcast.extra = extra(entity("broadcast"), BROADCAST_FIELDS);
            }
            WebhookEvent::Unknown { message, .. } => {
                *message = json::get(root, "message").map_or(Value::Null, to_serde);
            }
        }
        event
    }
}

impl Checked<'_, '_> {
    /// The event's JSON form (what [`WebhookEvent`] serializes to), written from the body: fields
    /// the SDK does not model are copied as sent, known fields sent as `null` are left out and known
    /// enumeration values are written in lower case.
    pub fn write_json(&self, out: &mut String) {
        let root = self.root;
        let container = if self.flat {
            Some(root)
        } else {
            match json::get(root, "message") {
                Some(json::Value::Obj(m)) => Some(m.as_slice()),
                _ => None,
            }
        };
        let key = match &self.event {
            WebhookEvent::Unknown { received_type, .. } => {
                out.push_str("{\"type\":\"unknown\",\"received_type\":");
                json::write_str(out, received_type);
                out.push_str(",\"message\":");
                match json::get(root, "message") {
                    Some(m) => m.write(out),
                    None => out.push_str("null"),
                }
                out.push('}');
                return;
            }
            WebhookEvent::Stream { .. } => "stream",
            WebhookEvent::Restream { .. } => "restream",
            WebhookEvent::Broadcast { .. } => "broadcast",
            WebhookEvent::Video { .. } | WebhookEvent::VideoDelete { .. } => "video",
        };
        out.push_str("{\"type\":\"");
        out.push_str(self.event.type_name());
        out.push_str("\",\"");
        out.push_str(key);
        out.push_str("\":");
        match container.and_then(|c| json::get(c, key)) {
            Some(json::Value::Obj(members)) => self.write_fixed(members, None, out),
            Some(other) => other.write(out),
            None => out.push_str("null"),
        }
        out.push('}');
    }

    /// Writes an object with the fixups of `item` applied (to every member of a name: `JSON.parse`
    /// keeps the last one, as the validator did).
    fn write_fixed(&self, members: &[(Str<'_>, json::Value<'_>)], item: Option<usize>, out: &mut String) {
        out.push('{');
        let mut first = true;
        for (k, v) in members {
            let mut value: Option<&str> = None;
            let mut skip = false;
            for f in &self.fixups {
                match f {
                    Fixup::Delete { item: i, key } if *i == item && k.is(key) => skip = true,
                    Fixup::Set {
                        item: i,
                        key,
                        value: new,
                    } if *i == item && k.is(key) => value = Some(new),
                    _ => {}
                }
            }
            if skip {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            out.push('"');
            out.push_str(k.raw());
            out.push_str("\":");
            match (value, v) {
                (Some(new), _) => json::write_str(out, new),
                (None, json::Value::Arr(items)) if item.is_none() && k.is("converted_videos") => {
                    out.push('[');
                    for (i, it) in items.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        match it {
                            json::Value::Obj(m) => self.write_fixed(m, Some(i), out),
                            other => other.write(out),
                        }
                    }
                    out.push(']');
                }
                (None, v) => v.write(out),
            }
        }
        out.push('}');
    }
}

const STREAM_FIELDS: &[&str] = &[
    "id",
    "live",
    "backup_live",
    "recording",
    "transcoding",
    "client_user_id",
    "client_entity_data",
    "pull",
    "uri",
    "stream_source_type",
];
const VIDEO_FIELDS: &[&str] = &[
    "id",
    "status",
    "converted_videos",
    "slug",
    "name",
    "duration",
    "stream_id",
    "deleted_at",
    "error",
    "client_user_id",
];
const CONVERTED_FIELDS: &[&str] = &["status", "name", "mp4_url"];
const RESTREAM_FIELDS: &[&str] = &["id", "name", "stream_id", "live", "active"];
const BROADCAST_FIELDS: &[&str] = &["id", "status", "stream_ids", "name"];

fn extra(members: &[(Str<'_>, json::Value<'_>)], known: &[&str]) -> Extra {
    let mut out = Extra::new();
    for (k, v) in members {
        let k = k.decode();
        if !known.contains(&k.as_str()) {
            out.insert(k, to_serde(v));
        }
    }
    out
}

/// The value as a `serde_json` value (numbers read by `serde_json` itself).
pub(crate) fn to_serde(v: &json::Value<'_>) -> Value {
    match v {
        json::Value::Null => Value::Null,
        json::Value::Bool(b) => Value::Bool(*b),
        json::Value::Num(n) => serde_json::from_str(n.raw).unwrap_or(Value::Null),
        json::Value::Str(s) => Value::String(s.decode()),
        json::Value::Arr(items) => Value::Array(items.iter().map(to_serde).collect()),
        json::Value::Obj(members) => {
            let mut m = Map::new();
            for (k, v) in members {
                m.insert(k.decode(), to_serde(v));
            }
            Value::Object(m)
        }
    }
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

    /// The event's `type`.
    fn type_name(self) -> &'static str {
        match self {
            Self::Stream => "stream",
            Self::Video => "video",
            Self::VideoDelete => "video_delete",
            Self::Restream => "restream",
            Self::Broadcast => "broadcast",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Self::Stream => "stream",
            Self::Video | Self::VideoDelete => "video",
            Self::Restream => "restream",
            Self::Broadcast => "broadcast",
        }
    }

    /// The entity's JSON path: under `message`, or at the root (the flat form).
    fn path(self, flat: bool) -> &'static str {
        match (self, flat) {
            (Self::Stream, false) => "message.stream",
            (Self::Video | Self::VideoDelete, false) => "message.video",
            (Self::Restream, false) => "message.restream",
            (Self::Broadcast, false) => "message.broadcast",
            (Self::Stream, true) => "stream",
            (Self::Video | Self::VideoDelete, true) => "video",
            (Self::Restream, true) => "restream",
            (Self::Broadcast, true) => "broadcast",
        }
    }

    fn missing_entity(parent: &str, kind: Kind) -> WebhookError {
        let path = kind.path(parent.is_empty());
        let message = ["expected field `", path, "` (an object), but it is missing"].cat();
        WebhookError::new(Code::MissingField, path, message)
    }

    fn build(
        self,
        entity: &json::Value<'_>,
        parent: &str,
        strict: bool,
        fixups: &mut Vec<Fixup>,
    ) -> Result<WebhookEvent, WebhookError> {
        let path = self.path(parent.is_empty());
        let members = match entity {
            json::Value::Null => return Err(Self::missing_entity(parent, self)),
            json::Value::Obj(o) => o,
            other => return Err(wrong_type(path, "an object", other)),
        };
        let mut f = Fields {
            members,
            path,
            item: None,
            strict,
            fixups,
        };
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

#[inline(never)]
fn unknown_type(t: &str) -> WebhookError {
    WebhookError::new(
        Code::UnknownType,
        "type",
        [
            "expected `type` to be one of stream, video (or vod), video_delete, restream, broadcast, got ",
            &describe_str(t),
        ]
        .cat(),
    )
}

#[inline(never)]
fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        [parent, ".", key].cat()
    }
}

#[inline(never)]
fn wrong_type(path: &str, expected: &str, got: &json::Value<'_>) -> WebhookError {
    WebhookError::new(
        Code::WrongType,
        path,
        ["expected `", path, "` to be ", expected, ", got ", &describe(got)].cat(),
    )
}

/// An object being read field by field (each known field once; `null` reads as absent).
pub(crate) struct Fields<'v, 'a, 'f> {
    pub(crate) members: &'v [(Str<'a>, json::Value<'a>)],
    pub(crate) path: &'f str,
    item: Option<usize>,
    /// Statuses outside the documented values are `invalid_value` (else kept as sent).
    strict: bool,
    fixups: &'f mut Vec<Fixup>,
}

impl<'v, 'a> Fields<'v, 'a, '_> {
    #[inline(never)]
    fn path_of(&self, key: &str) -> String {
        join(self.path, key)
    }

    /// A field's value; a `null` reads as absent (and is deleted from the JSON form).
    #[inline(never)]
    fn get(&mut self, key: &'static str) -> Option<&'v json::Value<'a>> {
        match json::get(self.members, key) {
            None => None,
            Some(json::Value::Null) => {
                self.fixups.push(Fixup::Delete { item: self.item, key });
                None
            }
            Some(v) => Some(v),
        }
    }

    fn required<T>(
        &mut self,
        key: &'static str,
        expected: &str,
        get: impl Fn(&mut Self, &'static str) -> Result<Option<T>, WebhookError>,
    ) -> Result<T, WebhookError> {
        if let Some(json::Value::Null) = json::get(self.members, key) {
            return Err(wrong_type(&self.path_of(key), expected, &json::Value::Null));
        }
        match get(self, key)? {
            Some(v) => Ok(v),
            None => {
                let path = self.path_of(key);
                let message = ["expected field `", &path, "` (", expected, "), but it is missing"].cat();
                Err(WebhookError::new(Code::MissingField, path, message))
            }
        }
    }

    #[inline(never)]
    pub(crate) fn bool(&mut self, key: &'static str) -> Result<Option<bool>, WebhookError> {
        match self.get(key) {
            None => Ok(None),
            Some(json::Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(wrong_type(&self.path_of(key), "a boolean", other)),
        }
    }

    #[inline(never)]
    fn str(&mut self, key: &'static str) -> Result<Option<Str<'a>>, WebhookError> {
        match self.get(key) {
            None => Ok(None),
            Some(json::Value::Str(s)) => Ok(Some(*s)),
            Some(other) => Err(wrong_type(&self.path_of(key), "a string", other)),
        }
    }

    #[inline(never)]
    pub(crate) fn string(&mut self, key: &'static str) -> Result<Option<String>, WebhookError> {
        Ok(self.str(key)?.map(|s| s.decode()))
    }

    /// A non-negative integer up to 2^53 − 1.
    #[inline(never)]
    pub(crate) fn uint(&mut self, key: &'static str) -> Result<Option<u64>, WebhookError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => uint_of(v, false)
                .map(Some)
                .map_err(|b| b.error(&self.path_of(key), false, v)),
        }
    }

    /// A positive integer id up to 2^53 − 1.
    #[inline(never)]
    pub(crate) fn id(&mut self, key: &'static str) -> Result<Option<u64>, WebhookError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => uint_of(v, true)
                .map(Some)
                .map_err(|b| b.error(&self.path_of(key), true, v)),
        }
    }

    #[inline(never)]
    pub(crate) fn ids(&mut self, key: &'static str) -> Result<Option<Vec<u64>>, WebhookError> {
        match self.get(key) {
            None => Ok(None),
            Some(json::Value::Arr(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, v) in items.iter().enumerate() {
                    out.push(uint_of(v, true).map_err(|b| b.error(&index(&self.path_of(key), i), true, v))?);
                }
                Ok(Some(out))
            }
            Some(other) => Err(wrong_type(
                &self.path_of(key),
                "an array of positive integers",
                other,
            )),
        }
    }

    #[inline(never)]
    fn client_user_id(&mut self, key: &'static str) -> Result<Option<ClientUserId>, WebhookError> {
        match self.get(key) {
            None => Ok(None),
            Some(json::Value::Str(s)) => Ok(Some(ClientUserId::Text(s.decode()))),
            Some(v @ json::Value::Num(_)) => uint_of(v, false)
                .map(|n| Some(ClientUserId::Int(n)))
                .map_err(|b| b.error(&self.path_of(key), false, v)),
            Some(other) => Err(wrong_type(&self.path_of(key), "an integer or a string", other)),
        }
    }

    /// A string of an open enumeration; a known value written in another case is set in lower case.
    fn open_enum<T>(
        &mut self,
        key: &'static str,
        parse: impl Fn(&str) -> T,
        known: impl Fn(&T) -> Option<&'static str>,
    ) -> Result<Option<(T, bool)>, WebhookError> {
        let Some(s) = self.str(key)? else {
            return Ok(None);
        };
        let v = parse(&s.decode());
        let is_known = match known(&v) {
            Some(wire) => {
                if s.raw() != wire {
                    self.fixups.push(Fixup::Set {
                        item: self.item,
                        key,
                        value: wire,
                    });
                }
                true
            }
            None => false,
        };
        Ok(Some((v, is_known)))
    }

    pub(crate) fn broadcast_status(
        &mut self,
        key: &'static str,
    ) -> Result<Option<BroadcastStatus>, WebhookError> {
        match self.open_enum(key, BroadcastStatus::parse, BroadcastStatus::wire)? {
            None => Ok(None),
            Some((v, false)) if self.strict => Err(self.bad_enum(key, BroadcastStatus::KNOWN, v.as_str())),
            Some((v, _)) => Ok(Some(v)),
        }
    }

    pub(crate) fn video_status(&mut self, key: &'static str) -> Result<Option<VideoStatus>, WebhookError> {
        match self.open_enum(key, VideoStatus::parse, VideoStatus::wire)? {
            None => Ok(None),
            Some((v, false)) if self.strict => Err(self.bad_enum(key, VideoStatus::KNOWN, v.as_str())),
            Some((v, _)) => Ok(Some(v)),
        }
    }

    #[inline(never)]
    fn bad_enum(&self, key: &str, known: &[&str], got: &str) -> WebhookError {
        let path = self.path_of(key);
        // The names joined by ", " in a loop: `[..].join` is generic code with its own panics, and
        // `json::join` takes `&[String]` (copying the names into Strings for it, or making it take an
        // iterator, measured +126 to +176 B gzip on the webhook entry).
        let mut names = String::new();
        for (i, k) in known.iter().enumerate() {
            if i > 0 {
                names.push_str(", ");
            }
            names.push_str(k);
        }
        let message = [
            "expected `",
            &path,
            "` to be one of ",
            &names,
            ", got ",
            &describe_str(got),
        ]
        .cat();
        WebhookError::new(Code::InvalidValue, path, message)
    }
}

#[inline(never)]
fn index(path: &str, i: usize) -> String {
    let mut s = String::with_capacity(path.len() + 4);
    s.push_str(path);
    s.push('[');
    json::write_u64(&mut s, i as u64);
    s.push(']');
    s
}

/// Why a value is not the integer wanted (the caller adds the path, only then).
#[derive(Clone, Copy)]
enum NotUint {
    /// Not an integer at all.
    WrongType,
    /// An integer out of range (the text says which range).
    Invalid(&'static str),
}

/// A non-negative (or, with `positive`, positive) integer up to 2^53 − 1.
#[inline]
fn uint_of(v: &json::Value<'_>, positive: bool) -> Result<u64, NotUint> {
    let json::Value::Num(n) = v else {
        return Err(NotUint::WrongType);
    };
    match n.kind {
        NumKind::UInt(0) if positive => Err(NotUint::Invalid("")),
        NumKind::UInt(x) if x > MAX_SAFE_INTEGER => Err(NotUint::Invalid(" up to 2^53-1")),
        NumKind::UInt(x) => Ok(x),
        NumKind::NegInt(_) => Err(NotUint::Invalid("")),
        NumKind::Float => Err(NotUint::WrongType),
    }
}

impl NotUint {
    #[inline(never)]
    fn error(self, path: &str, positive: bool, v: &json::Value<'_>) -> WebhookError {
        let expected = if positive {
            "a positive integer"
        } else {
            "a non-negative integer"
        };
        match self {
            NotUint::WrongType => wrong_type(path, expected, v),
            NotUint::Invalid(extra) => WebhookError::new(
                Code::InvalidValue,
                path,
                [
                    "expected `",
                    path,
                    "` to be ",
                    expected,
                    extra,
                    ", got ",
                    &describe(v),
                ]
                .cat(),
            ),
        }
    }
}

fn stream_webhook(f: &mut Fields<'_, '_, '_>) -> Result<StreamWebhook, WebhookError> {
    let id = f.required("id", "a positive integer", Fields::id)?;
    let live = f.required("live", "a boolean", Fields::bool)?;
    let stream_source_type = f
        .open_enum(
            "stream_source_type",
            StreamSourceType::parse,
            StreamSourceType::wire,
        )?
        .map(|(v, _)| v);
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
        extra: Extra::new(),
    })
}

fn video_webhook(f: &mut Fields<'_, '_, '_>, status_required: bool) -> Result<VideoWebhook, WebhookError> {
    let id = f.required("id", "a positive integer", Fields::id)?;
    let status = if status_required {
        Some(f.required("status", "a video status", Fields::video_status)?)
    } else {
        f.video_status("status")?
    };
    let converted_videos = match f.get("converted_videos") {
        None => None,
        Some(json::Value::Arr(items)) => {
            let base = f.path_of("converted_videos");
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let path = index(&base, i);
                let json::Value::Obj(members) = item else {
                    return Err(wrong_type(&path, "an object", item));
                };
                let mut c = Fields {
                    members,
                    path: &path,
                    item: Some(i),
                    strict: false,
                    fixups: &mut *f.fixups,
                };
                let status = c
                    .open_enum("status", ConvertedVideoStatus::parse, ConvertedVideoStatus::wire)?
                    .map(|(v, _)| v);
                out.push(ConvertedVideoWebhook {
                    name: c.string("name")?,
                    status,
                    mp4_url: c.string("mp4_url")?,
                    extra: Extra::new(),
                });
            }
            Some(out)
        }
        Some(other) => return Err(wrong_type(&f.path_of("converted_videos"), "an array", other)),
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
        extra: Extra::new(),
    })
}

fn restream_webhook(f: &mut Fields<'_, '_, '_>) -> Result<RestreamWebhook, WebhookError> {
    Ok(RestreamWebhook {
        id: f.required("id", "a positive integer", Fields::id)?,
        name: f.string("name")?,
        stream_id: f.id("stream_id")?.map(StreamId),
        live: f.bool("live")?,
        active: f.bool("active")?,
        extra: Extra::new(),
    })
}

fn broadcast_webhook(f: &mut Fields<'_, '_, '_>) -> Result<BroadcastWebhook, WebhookError> {
    let id = f.required("id", "a positive integer", Fields::id)?;
    let status = f.required("status", "a broadcast status", Fields::broadcast_status)?;
    Ok(BroadcastWebhook {
        id: BroadcastId(id),
        status,
        stream_ids: f
            .ids("stream_ids")?
            .map(|v| v.into_iter().map(StreamId).collect()),
        name: f.string("name")?,
        extra: Extra::new(),
    })
}

// ------------------------------------------------------------------ the quick reader
//
// `check` over a parsed tree is exact and explains every error; most bodies need neither the tree nor
// the explanations. [`quick`] reads the body once, member by member, and answers only when it is sure:
// the event `check` would return (with no fixups), or `None`: "ask `check`". Whatever it is unsure of
// (a `null`, an escaped name, an enumeration value in another case, a repeated `type`, …) is `None`.
// tests/webhook_quick.rs checks that it never disagrees with `check`.

/// What a known field must hold, for [`quick`].
#[derive(Clone, Copy)]
enum Rule {
    Id,
    UInt,
    Bool,
    Str,
    User,
    /// A string of this enumeration, exactly as the platform writes it (open: or a value no known
    /// one matches case-insensitively).
    Enum(&'static [&'static str], bool),
    Ids,
    Converted,
}

const STREAM_RULES: &[Rule] = &[
    Rule::Id,
    Rule::Bool,
    Rule::Bool,
    Rule::Bool,
    Rule::Bool,
    Rule::User,
    Rule::Str,
    Rule::Bool,
    Rule::Str,
    Rule::Enum(StreamSourceType::KNOWN, true),
];
const VIDEO_RULES: &[Rule] = &[
    Rule::Id,
    Rule::Enum(VideoStatus::KNOWN, true),
    Rule::Converted,
    Rule::Str,
    Rule::Str,
    Rule::UInt,
    Rule::Id,
    Rule::Str,
    Rule::Str,
    Rule::User,
];
const CONVERTED_RULES: &[Rule] = &[
    Rule::Enum(ConvertedVideoStatus::KNOWN, true),
    Rule::Str,
    Rule::Str,
];
const RESTREAM_RULES: &[Rule] = &[Rule::Id, Rule::Str, Rule::Id, Rule::Bool, Rule::Bool];
const BROADCAST_RULES: &[Rule] = &[
    Rule::Id,
    Rule::Enum(BroadcastStatus::KNOWN, true),
    Rule::Ids,
    Rule::Str,
];

/// An integer as `check` accepts it (see [`uint_of`]), from the reader.
#[inline(always)]
fn quick_uint(r: &mut json::Reader<'_>, positive: bool) -> Option<u64> {
    r.uint()
        .filter(|&x| x <= MAX_SAFE_INTEGER && (x > 0 || !positive))
}

/// Whether `s` is a value of the enumeration `known` as [`Rule::Enum`] says.
#[inline(always)]
fn enum_ok(s: Str<'_>, known: &[&str], open: bool) -> bool {
    let raw = s.raw();
    known.contains(&raw) || (open && !known.iter().any(|k| k.eq_ignore_ascii_case(&s.text())))
}

/// The index of the known field named `k` (as written: escaped names are never known here).
#[inline(always)]
fn field_index(fields: &[&str], k: &str) -> Option<usize> {
    // Names differ mostly in length and first letter: compare those before the bytes.
    let first = k.as_bytes().first();
    fields
        .iter()
        .position(|f| f.len() == k.len() && f.as_bytes().first() == first && *f == k)
}

/// The opcodes of the entity tape [`quick_tape`] writes: the entity's object as a flat list of
/// numbers, each opcode followed by its operands. Offsets are byte offsets into the body (`start`
/// inclusive, `end` exclusive). The package's JS builds the event's object from it and the body's
/// text (for an ASCII body, byte offsets are string indices): cheaper than `JSON.parse` of the body.
pub mod entity_tape {
    /// Opens an object (the entity, or an item of `converted_videos`).
    pub const OBJ: f64 = 1.0;
    /// Opens an array.
    pub const ARR: f64 = 2.0;
    /// Closes the innermost object or array.
    pub const END: f64 = 3.0;
    /// `true`.
    pub const TRUE: f64 = 5.0;
    /// `false`.
    pub const FALSE: f64 = 6.0;
    /// An integer: `NUM value`.
    pub const NUM: f64 = 7.0;
    /// A string without escapes: `STR start end` (its text between the quotes).
    pub const STR: f64 = 8.0;
    /// A known member's name: `KEY i`, `i` its index in the object's known fields (the order of
    /// [`known_fields`](super::known_fields); `status, name, mp4_url` in `converted_videos`).
    pub const KEY: f64 = 10.0;
    /// Another member's name (without escapes): `KEYD start end`.
    pub const KEYD: f64 = 11.0;
    /// A string with escapes: `ESC start end` (its text between the quotes, as written).
    pub const ESC: f64 = 12.0;
    /// Another member's value, as JSON text: `JSON start end`.
    pub const JSON: f64 = 13.0;
}

/// Writes a string read by `r` to the tape.
#[inline(always)]
fn tape_str(r: &json::Reader<'_>, s: Str<'_>, out: &mut Vec<f64>) {
    let start = r.offset(s.raw());
    let op = if s.escaped() {
        entity_tape::ESC
    } else {
        entity_tape::STR
    };
    out.extend([op, start as f64, (start + s.raw().len()) as f64]);
}

/// Checks a known field's value against `rule` (what [`check`] accepts there without fixups) and
/// writes it to the tape.
fn quick_check_value(r: &mut json::Reader<'_>, rule: Rule, out: &mut Vec<f64>) -> Option<()> {
    use entity_tape as t;
    let num = |out: &mut Vec<f64>, v: u64| out.extend([t::NUM, v as f64]);
    match rule {
        Rule::Id => num(out, quick_uint(r, true)?),
        Rule::UInt => num(out, quick_uint(r, false)?),
        Rule::Bool => out.push(if r.bool()? { t::TRUE } else { t::FALSE }),
        Rule::Str => {
            let s = r.string()?;
            tape_str(r, s, out);
        }
        Rule::User => match r.peek()? {
            b'"' => {
                let s = r.string()?;
                tape_str(r, s, out);
            }
            _ => num(out, quick_uint(r, false)?),
        },
        Rule::Enum(known, open) => {
            let s = r.string()?;
            enum_ok(s, known, open).then_some(())?;
            tape_str(r, s, out);
        }
        Rule::Ids => {
            r.open(true)?;
            out.push(t::ARR);
            let mut first = true;
            while r.item(&mut first)? {
                num(out, quick_uint(r, true)?);
            }
            out.push(t::END);
        }
        Rule::Converted => {
            r.open(true)?;
            out.push(t::ARR);
            let mut first = true;
            while r.item(&mut first)? {
                quick_check_object(r, CONVERTED_FIELDS, CONVERTED_RULES, false, out)?;
            }
            out.push(t::END);
        }
    }
    Some(())
}

/// Reads an object's known fields (named by `fields`, checked by `rules`) and writes the object to
/// the tape; other members are checked as JSON and written as text spans. A repeated field keeps its
/// last value, as in `check`. With `nulls`, a known field may be `null` (absent, as in `check`).
/// Returns which known fields end set (bit `i`: field `i` holds a valid value) and which end `null`
/// (`null` members are not written).
fn quick_check_object(
    r: &mut json::Reader<'_>,
    fields: &[&str],
    rules: &[Rule],
    nulls: bool,
    out: &mut Vec<f64>,
) -> Option<(u32, u32)> {
    use entity_tape as t;
    let (mut set, mut null) = (0u32, 0u32);
    r.open(false)?;
    out.push(t::OBJ);
    let mut first = true;
    while let Some(k) = r.key(&mut first)? {
        let k = k.raw();
        match field_index(fields, k) {
            Some(i) if nulls && r.peek()? == b'n' => {
                r.skip()?;
                set &= !(1 << i);
                null |= 1 << i;
            }
            Some(i) => {
                out.extend([t::KEY, i as f64]);
                quick_check_value(r, *rules.get(i)?, out)?;
                set |= 1 << i;
                null &= !(1 << i);
            }
            None if k.contains('\\') => return None,
            None => {
                let at = r.offset(k);
                out.extend([t::KEYD, at as f64, (at + k.len()) as f64]);
                r.peek()?;
                let start = r.mark().0;
                r.skip()?;
                out.extend([t::JSON, start as f64, r.mark().0 as f64]);
            }
        }
    }
    out.push(t::END);
    Some((set, null))
}

/// Reads the entity into the tape `out` (cleared first); checks the fields `check` requires. The
/// mask of known fields that end `null`.
fn quick_entity(r: &mut json::Reader<'_>, kind: Kind, out: &mut Vec<f64>) -> Option<u32> {
    // The fields each kind requires (bits of the field order).
    let (fields, rules, required) = match kind {
        Kind::Stream => (STREAM_FIELDS, STREAM_RULES, 0b11), // id, live
        Kind::Video => (VIDEO_FIELDS, VIDEO_RULES, 0b11),    // id, status
        Kind::VideoDelete => (VIDEO_FIELDS, VIDEO_RULES, 0b1), // id
        Kind::Restream => (RESTREAM_FIELDS, RESTREAM_RULES, 0b1), // id
        Kind::Broadcast => (BROADCAST_FIELDS, BROADCAST_RULES, 0b11), // id, status
    };
    out.clear();
    let (set, null) = quick_check_object(r, fields, rules, true, out)?;
    (set & required == required).then_some(null)
}

/// Reads an entity tape back (for [`quick`]): member by member, values by the rule of their field.
struct TapeIn<'a> {
    ops: &'a [f64],
    pos: usize,
    text: &'a str,
    /// Known fields to pass over (they end `null`).
    skip: u32,
}

impl TapeIn<'_> {
    fn at(&self, i: usize) -> f64 {
        self.ops.get(self.pos + i).copied().unwrap_or(entity_tape::END)
    }

    /// Enters an object or an array.
    fn open(&mut self) {
        self.pos += 1;
    }

    /// The next member of the open object: `Some(i)` for known field `i` (its value follows), `None`
    /// at its end. Other members and the fields in `skip` are passed over.
    fn member(&mut self) -> Option<usize> {
        use entity_tape as t;
        loop {
            let op = self.at(0);
            if op == t::KEY {
                let i = self.at(1) as usize;
                self.pos += 2;
                if self.skip & 1u32.checked_shl(i as u32).unwrap_or(0) == 0 {
                    return Some(i);
                }
                self.value();
            } else if op == t::KEYD {
                self.pos += 3;
                self.value();
            } else {
                self.pos += 1; // END
                return None;
            }
        }
    }

    /// Whether the open array has another item (else steps out of it).
    fn item(&mut self) -> bool {
        if self.at(0) == entity_tape::END {
            self.pos += 1;
            return false;
        }
        true
    }

    /// Passes over one value.
    fn value(&mut self) {
        use entity_tape as t;
        let mut depth = 0usize;
        loop {
            let op = self.at(0);
            self.pos += match op {
                x if x == t::OBJ || x == t::ARR => {
                    depth += 1;
                    1
                }
                x if x == t::END => {
                    depth = depth.saturating_sub(1);
                    1
                }
                x if x == t::TRUE || x == t::FALSE => 1,
                x if x == t::NUM || x == t::KEY => 2,
                _ => 3,
            };
            if depth == 0 || self.pos >= self.ops.len() {
                return;
            }
        }
    }

    fn num(&mut self) -> Option<u64> {
        (self.at(0) == entity_tape::NUM).then_some(())?;
        let v = self.at(1) as u64;
        self.pos += 2;
        Some(v)
    }

    fn bool(&mut self) -> Option<bool> {
        let b = self.at(0);
        self.pos += 1;
        Some(b == entity_tape::TRUE)
    }

    fn string(&mut self) -> Option<String> {
        let (op, start, end) = (self.at(0), self.at(1) as usize, self.at(2) as usize);
        self.pos += 3;
        if op == entity_tape::STR {
            return self.text.get(start..end).map(str::to_owned);
        }
        // Escaped: decode the quoted string as written.
        let quoted = self.text.get(start.checked_sub(1)?..end + 1)?;
        json::Reader::new(quoted).string().map(|s| s.decode())
    }

    fn user(&mut self) -> Option<ClientUserId> {
        if self.at(0) == entity_tape::NUM {
            self.num().map(ClientUserId::Int)
        } else {
            self.string().map(ClientUserId::Text)
        }
    }

    fn ids(&mut self) -> Option<Vec<u64>> {
        self.open();
        let mut out = Vec::new();
        while self.item() {
            out.push(self.num()?);
        }
        Some(out)
    }

    fn converted(&mut self) -> Option<Vec<ConvertedVideoWebhook>> {
        // `skip` is the entity's mask of known fields: a rendition's members are all read (its field
        // indices are its own; a `null` entity `status`, bit 1, must not drop a rendition's `name`).
        let skip = core::mem::take(&mut self.skip);
        let out = self.converted_items();
        self.skip = skip;
        out
    }

    fn converted_items(&mut self) -> Option<Vec<ConvertedVideoWebhook>> {
        self.open();
        let mut out = Vec::new();
        while self.item() {
            self.open();
            let mut c = ConvertedVideoWebhook {
                name: None,
                status: None,
                mp4_url: None,
                extra: Extra::new(),
            };
            while let Some(i) = self.member() {
                match i {
                    0 => c.status = Some(ConvertedVideoStatus::parse(&self.string()?)),
                    1 => c.name = Some(self.string()?),
                    _ => c.mp4_url = Some(self.string()?),
                }
            }
            out.push(c);
        }
        Some(out)
    }
}

/// The event [`quick`] makes of an entity tape (`nulls`: the known fields that end `null`).
fn event_from_tape(kind: Kind, ops: &[f64], text: &str, nulls: u32) -> Option<WebhookEvent> {
    let mut t = TapeIn {
        ops,
        pos: 1,
        text,
        skip: nulls,
    };
    Some(match kind {
        Kind::Stream => {
            let mut s = StreamWebhook {
                id: StreamId(0),
                live: false,
                backup_live: None,
                recording: None,
                transcoding: None,
                client_user_id: None,
                client_entity_data: None,
                pull: None,
                uri: None,
                stream_source_type: None,
                extra: Extra::new(),
            };
            while let Some(i) = t.member() {
                match i {
                    0 => s.id = StreamId(t.num()?),
                    1 => s.live = t.bool()?,
                    2 => s.backup_live = t.bool(),
                    3 => s.recording = t.bool(),
                    4 => s.transcoding = t.bool(),
                    5 => s.client_user_id = t.user(),
                    6 => s.client_entity_data = t.string(),
                    7 => s.pull = t.bool(),
                    8 => s.uri = t.string(),
                    _ => s.stream_source_type = Some(StreamSourceType::parse(&t.string()?)),
                }
            }
            WebhookEvent::Stream { stream: s }
        }
        Kind::Video | Kind::VideoDelete => {
            let mut v = VideoWebhook {
                id: VideoId(0),
                slug: None,
                name: None,
                duration: None,
                stream_id: None,
                status: None,
                converted_videos: None,
                deleted_at: None,
                error: None,
                client_user_id: None,
                extra: Extra::new(),
            };
            while let Some(i) = t.member() {
                match i {
                    0 => v.id = VideoId(t.num()?),
                    1 => v.status = Some(VideoStatus::parse(&t.string()?)),
                    2 => v.converted_videos = t.converted(),
                    3 => v.slug = t.string(),
                    4 => v.name = t.string(),
                    5 => v.duration = t.num(),
                    6 => v.stream_id = t.num().map(StreamId),
                    7 => v.deleted_at = t.string(),
                    8 => v.error = t.string(),
                    _ => v.client_user_id = t.user(),
                }
            }
            match kind {
                Kind::Video => WebhookEvent::Video { video: v },
                _ => WebhookEvent::VideoDelete { video: v },
            }
        }
        Kind::Restream => {
            let mut x = RestreamWebhook {
                id: 0,
                name: None,
                stream_id: None,
                live: None,
                active: None,
                extra: Extra::new(),
            };
            while let Some(i) = t.member() {
                match i {
                    0 => x.id = t.num()?,
                    1 => x.name = t.string(),
                    2 => x.stream_id = t.num().map(StreamId),
                    3 => x.live = t.bool(),
                    _ => x.active = t.bool(),
                }
            }
            WebhookEvent::Restream { restream: x }
        }
        Kind::Broadcast => {
            let mut b = BroadcastWebhook {
                id: BroadcastId(0),
                status: BroadcastStatus::parse(""),
                stream_ids: None,
                name: None,
                extra: Extra::new(),
            };
            while let Some(i) = t.member() {
                match i {
                    0 => b.id = BroadcastId(t.num()?),
                    1 => b.status = BroadcastStatus::parse(&t.string()?),
                    2 => b.stream_ids = t.ids().map(|ids| ids.into_iter().map(StreamId).collect()),
                    _ => b.name = t.string(),
                }
            }
            WebhookEvent::Broadcast { broadcast: b }
        }
    })
}

fn quick_message(r: &mut json::Reader<'_>, kind: Kind, out: &mut Vec<f64>) -> Option<u32> {
    r.open(false)?;
    let mut event = None;
    let mut first = true;
    while let Some(k) = r.key(&mut first)? {
        match k.raw() {
            k if k == kind.key() => event = Some(quick_entity(r, kind, out)?),
            k if k.contains('\\') => return None,
            _ => r.skip()?,
        }
    }
    event
}

/// The event [`check`] would make of `text` (an envelope, default options) when it is sure the
/// body is valid and needs no fixups but deleting `null` fields of the entity; `None` otherwise (then
/// ask `check`, which explains errors). The mask's bit `i` says the entity's field `i` (in the order
/// of the JSON form's known fields: stream `id, live, backup_live, recording, transcoding,
/// client_user_id, client_entity_data, pull, uri, stream_source_type`; video `id, status,
/// converted_videos, slug, name, duration, stream_id, deleted_at, error, client_user_id`; restream `id,
/// name, stream_id, live, active`; broadcast `id, status, stream_ids, name`) is `null` in the body.
pub fn quick(text: &str) -> Option<(WebhookEvent, u32)> {
    quick_in(text, &mut Vec::new())
}

/// [`quick`] with `ops` as its scratch tape (cleared, its memory reused from call to call).
pub fn quick_in(text: &str, ops: &mut Vec<f64>) -> Option<(WebhookEvent, u32)> {
    let (kind, nulls) = quick_read(text, ops)?;
    Some((event_from_tape(kind, ops, text, nulls)?, nulls))
}

/// [`quick_in`] for [`Tracker::apply`](super::Tracker::apply) alone: the event with only the fields
/// the tracker reads (the others stay `None`, e.g. a video's `converted_videos`, whose strings would be
/// copied for nothing). Stream: `id, live, backup_live, recording, transcoding`; video: `id, status,
/// name, duration, stream_id, deleted_at`; restream: all; broadcast: `id, status, stream_ids`. The
/// tracker gives the same result for it as for [`quick`]'s event (tests/webhook_quick.rs checks it on
/// every fixture); a field the tracker starts to read must leave these masks.
pub fn quick_for_tracker(text: &str, ops: &mut Vec<f64>) -> Option<WebhookEvent> {
    let (kind, nulls) = quick_read(text, ops)?;
    // Bit `i`: known field `i` (in the order of `quick`'s mask) is passed over.
    let unread = match kind {
        Kind::Stream => 0b11_1110_0000, // client_user_id … stream_source_type
        Kind::Video | Kind::VideoDelete => 0b11_0000_1100, // converted_videos, slug, error, client_user_id
        Kind::Restream => 0,
        Kind::Broadcast => 0b1000, // name
    };
    tracker_event_from_tape(kind, ops, text, nulls | unread)
}

/// [`event_from_tape`] with only the fields the tracker reads (the others are in `skip`): its own,
/// smaller code for the package's `apply` (no renditions, user ids or names of streams to build;
/// ~1.7 KB gzip less than linking `event_from_tape` into the webhook entry).
fn tracker_event_from_tape(kind: Kind, ops: &[f64], text: &str, skip: u32) -> Option<WebhookEvent> {
    let mut t = TapeIn {
        ops,
        pos: 1,
        text,
        skip,
    };
    Some(match kind {
        Kind::Stream => {
            let mut s = StreamWebhook {
                id: StreamId(0),
                live: false,
                backup_live: None,
                recording: None,
                transcoding: None,
                client_user_id: None,
                client_entity_data: None,
                pull: None,
                uri: None,
                stream_source_type: None,
                extra: Extra::new(),
            };
            while let Some(i) = t.member() {
                match i {
                    0 => s.id = StreamId(t.num()?),
                    1 => s.live = t.bool()?,
                    2 => s.backup_live = t.bool(),
                    3 => s.recording = t.bool(),
                    _ => s.transcoding = t.bool(),
                }
            }
            WebhookEvent::Stream { stream: s }
        }
        Kind::Video | Kind::VideoDelete => {
            let mut v = VideoWebhook {
                id: VideoId(0),
                slug: None,
                name: None,
                duration: None,
                stream_id: None,
                status: None,
                converted_videos: None,
                deleted_at: None,
                error: None,
                client_user_id: None,
                extra: Extra::new(),
            };
            while let Some(i) = t.member() {
                match i {
                    0 => v.id = VideoId(t.num()?),
                    1 => v.status = Some(VideoStatus::parse(&t.string()?)),
                    4 => v.name = t.string(),
                    5 => v.duration = t.num(),
                    6 => v.stream_id = t.num().map(StreamId),
                    _ => v.deleted_at = t.string(),
                }
            }
            match kind {
                Kind::Video => WebhookEvent::Video { video: v },
                _ => WebhookEvent::VideoDelete { video: v },
            }
        }
        Kind::Restream => {
            let mut x = RestreamWebhook {
                id: 0,
                name: None,
                stream_id: None,
                live: None,
                active: None,
                extra: Extra::new(),
            };
            while let Some(i) = t.member() {
                match i {
                    0 => x.id = t.num()?,
                    1 => x.name = t.string(),
                    2 => x.stream_id = t.num().map(StreamId),
                    3 => x.live = t.bool(),
                    _ => x.active = t.bool(),
                }
            }
            WebhookEvent::Restream { restream: x }
        }
        Kind::Broadcast => {
            let mut b = BroadcastWebhook {
                id: BroadcastId(0),
                status: BroadcastStatus::parse(""),
                stream_ids: None,
                name: None,
                extra: Extra::new(),
            };
            while let Some(i) = t.member() {
                match i {
                    0 => b.id = BroadcastId(t.num()?),
                    1 => b.status = BroadcastStatus::parse(&t.string()?),
                    _ => {
                        t.open();
                        let mut ids = Vec::new();
                        while t.item() {
                            ids.push(StreamId(t.num()?));
                        }
                        b.stream_ids = Some(ids);
                    }
                }
            }
            WebhookEvent::Broadcast { broadcast: b }
        }
    })
}

/// As [`quick`] without making the event: the event's `type` (`vod` reads as `video`) and the mask
/// of `null` fields, when [`quick`] would answer; the entity is written to `out` (cleared first) as
/// an [`entity_tape`]: the members of the body's entity in the body's order (known fields sent as
/// `null` left out), with offsets into `text`. With the body's text, it gives the same event as
/// [`quick`].
pub fn quick_tape(text: &str, out: &mut Vec<f64>) -> Option<(&'static str, u32)> {
    let (kind, nulls) = quick_read(text, out)?;
    Some((kind.type_name(), nulls))
}

/// The known fields of an event's entity, by the event's `type`, in the order of the mask of
/// [`quick`] and [`quick_tape`] (empty for a `type` the SDK does not know).
pub fn known_fields(type_name: &str) -> &'static [&'static str] {
    match Kind::from_type(type_name) {
        Some(Kind::Stream) => STREAM_FIELDS,
        Some(Kind::Video | Kind::VideoDelete) => VIDEO_FIELDS,
        Some(Kind::Restream) => RESTREAM_FIELDS,
        Some(Kind::Broadcast) => BROADCAST_FIELDS,
        None => &[],
    }
}

/// The reader behind [`quick`] and [`quick_tape`].
fn quick_read(text: &str, out: &mut Vec<f64>) -> Option<(Kind, u32)> {
    let mut r = json::Reader::new(text);
    r.open(false)?;
    let mut kind = None;
    let mut message = None;
    let mut event = None;
    let mut first = true;
    while let Some(k) = r.key(&mut first)? {
        match k.raw() {
            "type" => {
                // A `type` after the message was read (or a second one) is left to `check`.
                if kind.is_some() || event.is_some() {
                    return None;
                }
                kind = Some(Kind::from_type(r.string()?.raw())?);
            }
            "message" => match kind {
                Some(kind) => event = Some(quick_message(&mut r, kind, out)?),
                None => {
                    message = Some(r.mark());
                    r.skip()?;
                }
            },
            k if k.contains('\\') => return None,
            _ => r.skip()?,
        }
    }
    r.end()?;
    if let (Some(kind), Some(at), None) = (kind, message, &event) {
        r.seek(at);
        event = Some(quick_message(&mut r, kind, out)?);
    }
    Some((kind?, event?))
}
