//! Reading an entity's fields from the tree: each known field once, of its type, `null` as absent.

use super::*;

#[inline(never)]
pub(super) fn unknown_type(t: &str) -> WebhookError {
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
pub(super) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        [parent, ".", key].cat()
    }
}

#[inline(never)]
pub(super) fn wrong_type(path: &str, expected: &str, got: &json::Value<'_>) -> WebhookError {
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
    pub(super) item: Option<usize>,
    /// Statuses outside the documented values are `invalid_value` (else kept as sent).
    pub(super) strict: bool,
    pub(super) fixups: &'f mut Vec<Fixup>,
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
        // `text::join` takes `&[String]` (copying the names into Strings for it, or making it take an
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
pub(super) fn index(path: &str, i: usize) -> String {
    let mut s = String::with_capacity(path.len() + 4);
    s.push_str(path);
    s.push('[');
    text::write_u64(&mut s, i as u64);
    s.push(']');
    s
}

/// Why a value is not the integer wanted (the caller adds the path, only then).
#[derive(Clone, Copy)]
pub(super) enum NotUint {
    /// Not an integer at all.
    WrongType,
    /// An integer out of range (the text says which range).
    Invalid(&'static str),
}

/// A non-negative (or, with `positive`, positive) integer up to 2^53 − 1.
#[inline]
pub(super) fn uint_of(v: &json::Value<'_>, positive: bool) -> Result<u64, NotUint> {
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

pub(super) fn stream_webhook(f: &mut Fields<'_, '_, '_>) -> Result<StreamWebhook, WebhookError> {
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

pub(super) fn video_webhook(
    f: &mut Fields<'_, '_, '_>,
    status_required: bool,
) -> Result<VideoWebhook, WebhookError> {
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

pub(super) fn restream_webhook(f: &mut Fields<'_, '_, '_>) -> Result<RestreamWebhook, WebhookError> {
    Ok(RestreamWebhook {
        id: f.required("id", "a positive integer", Fields::id)?,
        name: f.string("name")?,
        stream_id: f.id("stream_id")?.map(StreamId),
        live: f.bool("live")?,
        active: f.bool("active")?,
        extra: Extra::new(),
    })
}

pub(super) fn broadcast_webhook(f: &mut Fields<'_, '_, '_>) -> Result<BroadcastWebhook, WebhookError> {
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
