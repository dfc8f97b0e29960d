//! The exact validator over a parsed tree: every error explained, with its JSON path.

use super::*;

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
    #[cfg_attr(not(any(target_family = "wasm", test, feature = "fuzzing")), allow(dead_code))]
    pub fixups: Vec<Fixup>,
    root: &'v [(Str<'a>, json::Value<'a>)],
}

/// Validates a parsed body: an envelope, or (with `flat_allowed`) the flat form too.
///
/// # Errors
/// As [`parse_webhook`](super::parse_webhook), except `too_large` and `invalid_json`; paths of the
/// flat form have no `message.` prefix.
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
        None | Some(json::Value::Null) => return Err(missing("type", "a string")),
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
            None | Some(json::Value::Null) => return Err(missing("message", "an object")),
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

impl<'v, 'a> Checked<'v, 'a> {
    /// The members the entity is one of: the root's (the flat form), or `message`'s.
    fn container(&self) -> Option<&'v [(Str<'a>, json::Value<'a>)]> {
        if self.flat {
            return Some(self.root);
        }
        match json::get(self.root, "message") {
            Some(json::Value::Obj(m)) => Some(m.as_slice()),
            _ => None,
        }
    }

    /// The event with the fields the SDK does not model filled in (`extra`, an unknown `message`).
    pub fn into_event(self) -> WebhookEvent {
        let root = self.root;
        let container = self.container();
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

// What the bindings write for `parseWebhook` (and the tests check).
#[cfg(any(target_family = "wasm", test))]
impl Checked<'_, '_> {
    /// The event's JSON form (what [`WebhookEvent`] serializes to), written from the body: fields
    /// the SDK does not model are copied as sent, known fields sent as `null` are left out and known
    /// enumeration values are written in lower case.
    pub fn write_json(&self, out: &mut String) {
        let root = self.root;
        let container = self.container();
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
