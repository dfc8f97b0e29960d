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

mod check;
mod fast;
mod fields;

use super::error::{describe, describe_str, WebhookError, WebhookErrorCode as Code};
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::json::{self, NumKind, Str};
use crate::domain::model::{BroadcastStatus, ConvertedVideoStatus, StreamSourceType, VideoStatus};
use crate::domain::text::{self, Cat};
use crate::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use serde_with::skip_serializing_none;

pub(crate) use check::check;
use check::Fixup;
// The bindings' fast paths (and the fuzz targets, feature `fuzzing`).
use fields::{missing, unknown_type, wrong_type, Entity};
#[cfg(target_family = "wasm")]
pub(crate) use {check::Checked, fast::quick_for_tracker, fast::quick_tape};

/// The tree validator and the quick reader, for the fuzz targets only (feature `fuzzing`): not API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod internals {
    pub use super::check::{check, Fixup};
    pub use super::fast::{quick, quick_for_tracker};
    use super::WebhookError;
    use crate::domain::json;

    /// [`parse_text`](super::parse_text).
    ///
    /// # Errors
    /// `invalid_json`.
    pub fn parse_text(text: &str) -> Result<json::Value<'_>, WebhookError> {
        super::parse_text(text)
    }
}

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
pub(crate) fn check_size(len: usize, max_bytes: usize) -> Result<(), WebhookError> {
    if len > max_bytes {
        let mut m = String::from("expected a body of at most ");
        text::write_u64(&mut m, max_bytes as u64);
        m.push_str(" bytes, got ");
        text::write_u64(&mut m, len as u64);
        m.push_str(" bytes");
        return Err(WebhookError::new(Code::TooLarge, "", m));
    }
    Ok(())
}

/// A body's bytes as text: a leading UTF-8 byte order mark is skipped, the rest must be UTF-8.
///
/// # Errors
/// `invalid_json` when the bytes are not UTF-8.
pub(crate) fn body_text(body: &[u8]) -> Result<&str, WebhookError> {
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
pub(crate) fn parse_text(text: &str) -> Result<json::Value<'_>, WebhookError> {
    json::parse(text).map_err(|e| {
        WebhookError::new(
            Code::InvalidJson,
            "",
            ["expected a JSON webhook body: ", &e.describe(text)].cat(),
        )
    })
}

/// A known field as the package's TypeScript declares it (`src/js/webhook/entities.d.ts`, generated
/// by tests/generated.rs from [`DECLARATIONS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldDecl {
    /// The field's name.
    pub name: &'static str,
    /// Its TypeScript type (from what the validator accepts there).
    pub ts: &'static str,
    /// Its documentation, line by line (none: empty).
    pub doc: &'static [&'static str],
}

/// The TypeScript type of a field checked by a rule: an enumeration's is its
/// model's type (`VideoStatus`, …: the documented values, or another string).
macro_rules! ts_type {
    (Id) => {
        "number"
    };
    (UInt) => {
        "number"
    };
    (Bool) => {
        "boolean"
    };
    (Str) => {
        "string"
    };
    (User) => {
        "ClientUserId"
    };
    (Enum($t:ident::KNOWN)) => {
        stringify!($t)
    };
    (Status($t:ident::KNOWN, $expected:literal)) => {
        stringify!($t)
    };
    (Ids) => {
        "number[]"
    };
    (Converted) => {
        "ConvertedVideoWebhook[]"
    };
}

/// Declares each entity: its struct, and for each known field its Rust type, what the validators
/// require of it and its documentation (the rows: `entities` in src/domain/wire.yaml). It is the one
/// list the structs, the validators' tables, the quick reader's rules, the builder of the event from
/// an entity tape (`from_tape`), the package's JS tables (`pkg-template/wire.js`, generated from
/// [`ENTITIES`] and [`CONVERTED_FIELDS`]) and its TypeScript interfaces
/// (`src/js/webhook/entities.d.ts`, generated from [`DECLARATIONS`]) are made from. The order is that of the mask of `null` fields and of the entity tape's `FIELD i`; a field
/// whose type is not an `Option` is one every payload of the entity carries.
macro_rules! entities {
    ($($(#[$attr:meta])*
        pub struct $name:ident: $fields:ident, $rules:ident, $decls:ident {
            $($(#[doc = $fdoc:literal])* $field:ident: $ty:ty = $rule:ident $(($($arg:tt)*))?),* $(,)?
        }
    )*) => {
        $(
            $(#[$attr])*
            #[skip_serializing_none]
            #[derive(Clone, Debug, PartialEq, Serialize)]
            pub struct $name {
                $($(#[doc = $fdoc])* pub $field: $ty,)*
                /// Fields the SDK does not model.
                #[serde(flatten)]
                pub extra: Extra,
            }

            impl fast::FromTape for $name {
                fn blank() -> Self {
                    Self { $($field: fast::FromTape::blank(),)* extra: Extra::new() }
                }

                /// The entity of the open object of an entity tape (its `FIELD i`: the table's
                /// field `i`).
                fn read(t: &mut fast::TapeIn<'_>) -> Option<Self> {
                    let mut e = Self::blank();
                    while let Some(i) = t.member() {
                        let mut k = 0;
                        $(
                            if i == k {
                                e.$field = fast::FromTape::read(t)?;
                                continue;
                            }
                            k += 1;
                        )*
                        let _ = k;
                        t.value();
                    }
                    Some(e)
                }
            }

            #[doc = concat!("The known fields of [`", stringify!($name), "`].")]
            pub const $fields: &[&str] = &[$(stringify!($field)),*];
            const $rules: &[fast::Rule] = {
                use fast::Rule::*;
                &[$($rule $(($($arg)*))?),*]
            };
            #[doc = concat!("The known fields of [`", stringify!($name), "`], as the package's TypeScript declares them.")]
            pub const $decls: &[FieldDecl] = &[$(FieldDecl {
                name: stringify!($field),
                ts: ts_type!($rule $(($($arg)*))?),
                doc: &[$($fdoc),*],
            }),*];
        )*
    };
}

// The entities (`entities!`), declared from src/domain/wire.yaml by scripts/gen-wire.mjs.
include!("entities.rs");

/// An entity's TypeScript interface (generated into `src/js/webhook/entities.d.ts`).
#[derive(Clone, Copy, Debug)]
pub struct EntityDecl {
    /// The interface's name.
    pub name: &'static str,
    /// Its documentation.
    pub doc: &'static str,
    /// The event `type`s whose entity it is (none: a part of one).
    pub types: &'static [&'static str],
    /// Its fields.
    pub fields: &'static [FieldDecl],
    /// The fields the validator requires (the others are optional).
    pub required: &'static [&'static str],
}

/// The fields each event's entity must carry (else `missing_field`).
const STREAM_REQUIRED: &[&str] = &["id", "live"];
const VIDEO_REQUIRED: &[&str] = &["id", "status"];
const VIDEO_DELETE_REQUIRED: &[&str] = &["id"];
const RESTREAM_REQUIRED: &[&str] = &["id"];
const BROADCAST_REQUIRED: &[&str] = &["id", "status"];

/// An entity's known fields, their rules, and which are required (bit `i`: field `i`).
type Table = (&'static [&'static str], &'static [fast::Rule], u32);

/// Bit `i` set for each field `i` of `fields` named in `required`.
const fn mask(fields: &[&str], required: &[&str]) -> u32 {
    const fn eq(a: &[u8], b: &[u8]) -> bool {
        match (a, b) {
            ([], []) => true,
            ([x, a @ ..], [y, b @ ..]) => *x == *y && eq(a, b),
            _ => false,
        }
    }
    const fn named(name: &str, names: &[&str]) -> bool {
        match names {
            [] => false,
            [first, rest @ ..] => eq(name.as_bytes(), first.as_bytes()) || named(name, rest),
        }
    }
    let (mut bits, mut bit, mut rest) = (0, 1, fields);
    while let [first, tail @ ..] = rest {
        if named(first, required) {
            bits |= bit;
        }
        (bit, rest) = (bit << 1, tail);
    }
    bits
}

/// The package's TypeScript interfaces of the entities, in the order they are declared.
pub const DECLARATIONS: &[EntityDecl] = &[
    EntityDecl {
        name: "StreamWebhook",
        doc: "`type: \"stream\"`: the stream's ingest/recording state changed.",
        types: &["stream"],
        fields: STREAM_DECLS,
        required: STREAM_REQUIRED,
    },
    EntityDecl {
        name: "ConvertedVideoWebhook",
        doc: "One rendition of a video.",
        types: &[],
        fields: CONVERTED_DECLS,
        required: &[],
    },
    EntityDecl {
        name: "VideoWebhook",
        doc: "`type: \"video\"` (also sent as `vod`).",
        types: &["video"],
        fields: VIDEO_DECLS,
        required: VIDEO_REQUIRED,
    },
    EntityDecl {
        name: "VideoDeleteWebhook",
        doc: "`type: \"video_delete\"`: the entity is under `video`.",
        types: &["video_delete"],
        fields: VIDEO_DECLS,
        required: VIDEO_DELETE_REQUIRED,
    },
    EntityDecl {
        name: "RestreamWebhook",
        doc: "`type: \"restream\"` (`active` is the legacy form of `live`).",
        types: &["restream"],
        fields: RESTREAM_DECLS,
        required: RESTREAM_REQUIRED,
    },
    EntityDecl {
        name: "BroadcastWebhook",
        doc: "`type: \"broadcast\"` (legacy; still in the guide).",
        types: &["broadcast"],
        fields: BROADCAST_DECLS,
        required: BROADCAST_REQUIRED,
    },
];

/// The kinds of event, numbered from 1 in this order where the package's JS tells them apart (the
/// answer of `__gsParse`): the `type`, the entity's key, its known fields.
pub const ENTITIES: &[(&str, &str, &[&str])] = &[
    ("stream", "stream", STREAM_FIELDS),
    ("video", "video", VIDEO_FIELDS),
    ("video_delete", "video", VIDEO_FIELDS),
    ("restream", "restream", RESTREAM_FIELDS),
    ("broadcast", "broadcast", BROADCAST_FIELDS),
];

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
    #[cfg(all(test, not(target_family = "wasm")))]
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
        missing(kind.path(parent.is_empty()), "an object")
    }

    /// The entity's known fields, their rules, and which are required (bit `i`: field `i`).
    fn table(self) -> Table {
        const fn table(
            fields: &'static [&'static str],
            rules: &'static [fast::Rule],
            required: &[&str],
        ) -> Table {
            (fields, rules, mask(fields, required))
        }
        match self {
            Self::Stream => const { table(STREAM_FIELDS, STREAM_RULES, STREAM_REQUIRED) },
            Self::Video => const { table(VIDEO_FIELDS, VIDEO_RULES, VIDEO_REQUIRED) },
            Self::VideoDelete => const { table(VIDEO_FIELDS, VIDEO_RULES, VIDEO_DELETE_REQUIRED) },
            Self::Restream => const { table(RESTREAM_FIELDS, RESTREAM_RULES, RESTREAM_REQUIRED) },
            Self::Broadcast => const { table(BROADCAST_FIELDS, BROADCAST_RULES, BROADCAST_REQUIRED) },
        }
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
        let entity = Entity {
            strict,
            fixups,
            tape: Vec::new(),
            text: String::new(),
        };
        entity.event(self, members, path)
    }
}

// After `entities!`, which its tests use.
#[cfg(all(test, not(target_family = "wasm")))]
mod tests;
