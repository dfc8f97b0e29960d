//! The quick reader: one pass over the body, no tree, no error texts; the entity tape, and the
//! event made of it (for the tree validator's tapes too).
// Without the bindings (host builds), only the rules and the builder are used (by the tree validator).
#![cfg_attr(not(any(target_family = "wasm", test, feature = "fuzzing")), allow(dead_code))]

use super::*;

// ------------------------------------------------------------------ the quick reader
//
// `check` over a parsed tree is exact and explains every error; most bodies need neither the tree nor
// the explanations. [`quick`] reads the body once, member by member, and answers only when it is sure:
// the event `check` would return (with no fixups), or `None`: "ask `check`". Whatever it is unsure of
// (a `null`, an escaped name, an enumeration value in another case, a repeated `type`, …) is `None`.
// The tests (tests.rs) check that it never disagrees with `check`.

/// What a known field must hold (what [`check`] and [`quick`] check it by).
#[derive(Clone, Copy)]
pub(super) enum Rule {
    /// A positive integer up to 2^53 − 1.
    Id,
    /// A non-negative integer up to 2^53 − 1.
    UInt,
    Bool,
    Str,
    /// `client_user_id`: a non-negative integer or a string.
    User,
    /// A string of this open enumeration: a known value (any case; [`check`] sets it in lower case,
    /// [`quick`] takes it only as the platform writes it) or a value no known one matches.
    Enum(&'static [&'static str]),
    /// An [`Enum`](Self::Enum) that [`ParseOptions::strict_statuses`] closes; what a missing one
    /// was expected to be (`a video status`).
    Status(&'static [&'static str], &'static str),
    /// An array of [`Id`](Self::Id)s.
    Ids,
    /// A video's renditions: an array of objects of the fields [`CONVERTED_FIELDS`].
    Converted,
}

/// An integer as `check` accepts it (see [`uint_of`]), from the reader.
#[inline(always)]
fn quick_uint(r: &mut json::Reader<'_>, positive: bool) -> Option<u64> {
    r.uint()
        .filter(|&x| x <= MAX_SAFE_INTEGER && (x > 0 || !positive))
}

/// Whether `s` is a value of the enumeration `known` that [`check`] keeps as written.
#[inline(always)]
fn enum_ok(s: Str<'_>, known: &[&str]) -> bool {
    let raw = s.raw();
    known.contains(&raw) || !known.iter().any(|k| k.eq_ignore_ascii_case(&s.text()))
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

/// The entity tape [`quick_tape`] writes is a [`json::Tape`]'s format ([`json::op`]): the entity's
/// object as a flat list of numbers, spans into the body, a known member's name as `FIELD i` (`i` its
/// index in the object's known fields: the order of [`known_fields`]; `status, name, mp4_url` in
/// `converted_videos`). The package's JS builds the event's object from it and the body's text (for
/// an ASCII body, byte offsets are string indices): cheaper than `JSON.parse` of the body.
pub use json::op as entity_tape;

/// Writes a string read by `r` to the tape.
#[inline(always)]
fn tape_str(r: &json::Reader<'_>, s: Str<'_>, out: &mut Vec<f64>) {
    let start = r.offset(s.raw());
    let op = if s.escaped() {
        entity_tape::ESC
    } else {
        entity_tape::STR
    };
    out.extend([op, start as f64, s.raw().len() as f64]);
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
        Rule::Enum(known) | Rule::Status(known, _) => {
            let s = r.string()?;
            enum_ok(s, known).then_some(())?;
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
                out.extend([t::FIELD, i as f64]);
                quick_check_value(r, *rules.get(i)?, out)?;
                set |= 1 << i;
                null &= !(1 << i);
            }
            None if k.contains('\\') => return None,
            None => {
                let at = r.offset(k);
                out.extend([t::KEYD, at as f64, k.len() as f64]);
                r.peek()?;
                let start = r.mark().0;
                r.skip()?;
                out.extend([t::RAW, start as f64, r.mark().0.saturating_sub(start) as f64]);
            }
        }
    }
    out.push(t::END);
    Some((set, null))
}

/// Reads the entity into the tape `out` (cleared first); checks the fields `check` requires. The
/// mask of known fields that end `null`.
fn quick_entity(r: &mut json::Reader<'_>, kind: Kind, out: &mut Vec<f64>) -> Option<u32> {
    let (fields, rules, required) = kind.table();
    out.clear();
    let (set, null) = quick_check_object(r, fields, rules, true, out)?;
    (set & required == required).then_some(null)
}

/// Reads an entity tape back (for [`quick`]): member by member, values by the rule of their field.
pub(super) struct TapeIn<'a> {
    ops: &'a [f64],
    pos: usize,
    text: &'a str,
    /// Known fields to pass over (they end `null`).
    skip: u32,
    /// Read a video's `converted_videos` (else they are passed over).
    renditions: bool,
}

impl<'a> TapeIn<'a> {
    /// A reader of the entity tape `ops` (its strings spans of `text`), in its entity's object.
    pub(super) fn new(ops: &'a [f64], text: &'a str, skip: u32, renditions: bool) -> Self {
        Self {
            ops,
            pos: 1,
            text,
            skip,
            renditions,
        }
    }

    fn at(&self, i: usize) -> f64 {
        self.ops.get(self.pos + i).copied().unwrap_or(entity_tape::END)
    }

    /// Enters an object or an array.
    fn open(&mut self) {
        self.pos += 1;
    }

    /// The next member of the open object: `Some(i)` for known field `i` (its value follows), `None`
    /// at its end. Other members and the fields in `skip` are passed over.
    pub(super) fn member(&mut self) -> Option<usize> {
        use entity_tape as t;
        loop {
            let op = self.at(0);
            if op == t::FIELD {
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
    pub(super) fn value(&mut self) {
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
                x if x == t::NUM || x == t::FIELD => 2,
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
        let (op, start) = (self.at(0), self.at(1) as usize);
        let end = start.saturating_add(self.at(2) as usize);
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
            out.push(ConvertedVideoWebhook::read(self)?);
        }
        Some(out)
    }
}

/// A field's value as the builder reads it from an entity tape (`entities!` makes each entity's
/// `read` of its fields' `read`s): `None` when the tape does not hold what the type needs.
pub(super) trait FromTape: Sized {
    /// The value before a field is read (an entity's absent fields keep it).
    fn blank() -> Self;
    fn read(t: &mut TapeIn<'_>) -> Option<Self>;
    /// The value of an optional field of this type.
    #[inline(always)]
    fn read_opt(t: &mut TapeIn<'_>) -> Option<Option<Self>> {
        Self::read(t).map(Some)
    }
}

impl<T: FromTape> FromTape for Option<T> {
    #[inline(always)]
    fn blank() -> Self {
        None
    }
    #[inline(always)]
    fn read(t: &mut TapeIn<'_>) -> Option<Self> {
        T::read_opt(t)
    }
}

macro_rules! from_tape {
    ($($t:ty: $blank:expr, |$tape:ident| $read:expr;)*) => {$(
        impl FromTape for $t {
            #[inline(always)]
            fn blank() -> Self {
                $blank
            }
            #[inline(always)]
            fn read($tape: &mut TapeIn<'_>) -> Option<Self> {
                $read
            }
        }
    )*};
}

from_tape! {
    u64: 0, |t| t.num();
    bool: false, |t| t.bool();
    String: String::new(), |t| t.string();
    StreamId: StreamId(0), |t| t.num().map(StreamId);
    VideoId: VideoId(0), |t| t.num().map(VideoId);
    BroadcastId: BroadcastId(0), |t| t.num().map(BroadcastId);
    ClientUserId: ClientUserId::Int(0), |t| t.user();
    StreamSourceType: StreamSourceType::parse(""), |t| Some(StreamSourceType::parse(&t.string()?));
    VideoStatus: VideoStatus::parse(""), |t| Some(VideoStatus::parse(&t.string()?));
    ConvertedVideoStatus: ConvertedVideoStatus::parse(""), |t| Some(ConvertedVideoStatus::parse(&t.string()?));
    BroadcastStatus: BroadcastStatus::parse(""), |t| Some(BroadcastStatus::parse(&t.string()?));
    Vec<StreamId>: Vec::new(), |t| t.ids().map(|ids| ids.into_iter().map(StreamId).collect());
}

impl FromTape for Vec<ConvertedVideoWebhook> {
    fn blank() -> Self {
        Vec::new()
    }
    fn read(t: &mut TapeIn<'_>) -> Option<Self> {
        t.converted()
    }
    /// Without `renditions`, passed over (the field stays absent).
    fn read_opt(t: &mut TapeIn<'_>) -> Option<Option<Self>> {
        if !t.renditions {
            t.value();
            return Some(None);
        }
        t.converted().map(Some)
    }
}

/// The event of an entity tape (`nulls`: the known fields that end `null`), for [`quick`] and
/// [`check`]; without `renditions`, a video's `converted_videos` are passed over (what the tracker
/// takes).
pub(super) fn event_from_tape(
    kind: Kind,
    ops: &[f64],
    text: &str,
    nulls: u32,
    renditions: bool,
) -> Option<WebhookEvent> {
    let mut t = TapeIn::new(ops, text, nulls, renditions);
    Some(match kind {
        Kind::Stream => WebhookEvent::Stream {
            stream: FromTape::read(&mut t)?,
        },
        Kind::Video => WebhookEvent::Video {
            video: FromTape::read(&mut t)?,
        },
        Kind::VideoDelete => WebhookEvent::VideoDelete {
            video: FromTape::read(&mut t)?,
        },
        Kind::Restream => WebhookEvent::Restream {
            restream: FromTape::read(&mut t)?,
        },
        Kind::Broadcast => WebhookEvent::Broadcast {
            broadcast: FromTape::read(&mut t)?,
        },
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
#[cfg(any(all(test, not(target_family = "wasm")), feature = "fuzzing"))]
pub fn quick(text: &str) -> Option<(WebhookEvent, u32)> {
    let mut ops = Vec::new();
    let (kind, nulls) = quick_read(text, &mut ops)?;
    Some((event_from_tape(kind, &ops, text, nulls, true)?, nulls))
}

/// [`quick`] for [`Tracker::apply`](super::Tracker::apply): the same event without a video's
/// `converted_videos` (the tracker does not read them: they are passed over, not made). The tracker
/// gives the same result for it as for [`quick`]'s event (the tests check it on every fixture).
pub fn quick_for_tracker(text: &str, ops: &mut Vec<f64>) -> Option<WebhookEvent> {
    let (kind, nulls) = quick_read(text, ops)?;
    event_from_tape(kind, ops, text, nulls, false)
}

/// As [`quick`] without making the event: the event's kind (its place in [`ENTITIES`], from 1; `vod`
/// reads as `video`) and the mask
/// of `null` fields, when [`quick`] would answer; the entity is written to `out` (cleared first) as
/// an [`entity_tape`]: the members of the body's entity in the body's order (known fields sent as
/// `null` left out), with offsets into `text`. With the body's text, it gives the same event as
/// [`quick`].
#[cfg(any(target_family = "wasm", test))]
pub fn quick_tape(text: &str, out: &mut Vec<f64>) -> Option<(u32, u32)> {
    let (kind, nulls) = quick_read(text, out)?;
    // `Kind` lists the kinds in the order of `ENTITIES` (a test checks).
    Some((kind as u32 + 1, nulls))
}

/// The known fields of an event's entity, by the event's `type`, in the order of the mask of
/// [`quick`] and [`quick_tape`] (empty for a `type` the SDK does not know).
#[cfg(all(test, not(target_family = "wasm")))]
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
