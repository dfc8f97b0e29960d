//! The validator over a parsed tree: an entity's known fields checked by the rules of the
//! `entities!` table (those of the quick reader), in the table's order, every error explained with
//! its JSON path. The entity is written as an entity tape, of which the quick reader's builder
//! ([`event_from_tape`]) makes the event: one table of rules and one builder for both readers.

use super::fast::{event_from_tape, Rule};
use super::*;
use json::op as t;

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

/// `missing_field` at `path` (what was expected there).
#[inline(never)]
pub(super) fn missing(path: &str, expected: &str) -> WebhookError {
    let message = ["expected field `", path, "` (", expected, "), but it is missing"].cat();
    WebhookError::new(Code::MissingField, path, message)
}

/// What a field of `rule` must hold, as error messages say it.
fn expected(rule: Rule) -> &'static str {
    match rule {
        Rule::Id => "a positive integer",
        Rule::UInt => "a non-negative integer",
        Rule::Bool => "a boolean",
        Rule::Str | Rule::Enum(_) | Rule::Status(..) => "a string",
        Rule::User => "an integer or a string",
        Rule::Ids => "an array of positive integers",
        Rule::Converted => "an array",
    }
}

/// An entity being checked and written to an entity tape.
pub(super) struct Entity<'f> {
    /// Statuses outside the documented values are `invalid_value` (else kept as sent).
    pub(super) strict: bool,
    pub(super) fixups: &'f mut Vec<Fixup>,
    /// The tape; its strings are spans of `text` (their decoded text, one after another).
    pub(super) tape: Vec<f64>,
    pub(super) text: String,
}

impl Entity<'_> {
    /// The event of `kind` whose entity is the object `members` at `path`.
    pub(super) fn event(
        mut self,
        kind: Kind,
        members: &[(Str<'_>, json::Value<'_>)],
        path: &str,
    ) -> Result<WebhookEvent, WebhookError> {
        let (fields, rules, required) = kind.table();
        self.object(members, path, None, fields, rules, required)?;
        // The tape was written from checked values: the builder reads it whole.
        event_from_tape(kind, &self.tape, &self.text, 0, true)
            .ok_or_else(|| WebhookError::new(Code::InvalidValue, path, "expected a webhook entity"))
    }

    /// Checks an object's known fields (`fields`, by `rules`; bit `i` of `required`: field `i` is
    /// required) in the table's order and writes them to the tape as an object; a field sent as
    /// `null` reads as absent (a fixup deletes it). `item`: the rendition's index.
    pub(super) fn object(
        &mut self,
        members: &[(Str<'_>, json::Value<'_>)],
        path: &str,
        item: Option<usize>,
        fields: &'static [&'static str],
        rules: &[Rule],
        required: u32,
    ) -> Result<(), WebhookError> {
        self.tape.push(t::OBJ);
        for (i, (&key, &rule)) in fields.iter().zip(rules).enumerate() {
            let needed = || match rule {
                Rule::Status(_, name) => name,
                _ => expected(rule),
            };
            match json::get(members, key) {
                None if required & (1 << i) != 0 => return Err(missing(&join(path, key), needed())),
                None => {}
                Some(v @ json::Value::Null) if required & (1 << i) != 0 => {
                    return Err(wrong_type(&join(path, key), needed(), v))
                }
                Some(json::Value::Null) => self.fixups.push(Fixup::Delete { item, key }),
                Some(v) => {
                    self.tape.extend([t::FIELD, i as f64]);
                    self.value(v, rule, path, key, item)?;
                }
            }
        }
        self.tape.push(t::END);
        Ok(())
    }

    /// Checks the value `v` of the field `key` of the object at `path` by `rule`, and writes it.
    fn value(
        &mut self,
        v: &json::Value<'_>,
        rule: Rule,
        path: &str,
        key: &'static str,
        item: Option<usize>,
    ) -> Result<(), WebhookError> {
        let at = || join(path, key);
        match (rule, v) {
            (Rule::Id | Rule::UInt, _) | (Rule::User, json::Value::Num(_)) => {
                let positive = matches!(rule, Rule::Id);
                let n = uint_of(v, positive).map_err(|b| b.error(&at(), positive, v))?;
                self.tape.extend([t::NUM, n as f64]);
            }
            (Rule::Bool, json::Value::Bool(b)) => self.tape.push(if *b { t::TRUE } else { t::FALSE }),
            (Rule::Str | Rule::User, json::Value::Str(s)) => self.string(&s.text()),
            (Rule::Enum(known) | Rule::Status(known, _), json::Value::Str(s)) => {
                let text = s.text();
                match known.iter().find(|k| k.eq_ignore_ascii_case(&text)) {
                    // A known value written in another case is set in lower case.
                    Some(wire) if s.raw() != *wire => self.fixups.push(Fixup::Set {
                        item,
                        key,
                        value: wire,
                    }),
                    Some(_) => {}
                    None if self.strict && matches!(rule, Rule::Status(..)) => {
                        return Err(bad_enum(&at(), known, &text))
                    }
                    None => {}
                }
                self.string(&text);
            }
            (Rule::Ids, json::Value::Arr(items)) => {
                self.tape.push(t::ARR);
                for (i, v) in items.iter().enumerate() {
                    let n = uint_of(v, true).map_err(|b| b.error(&index(&at(), i), true, v))?;
                    self.tape.extend([t::NUM, n as f64]);
                }
                self.tape.push(t::END);
            }
            (Rule::Converted, json::Value::Arr(items)) => {
                let base = at();
                self.tape.push(t::ARR);
                for (i, item) in items.iter().enumerate() {
                    let path = index(&base, i);
                    let json::Value::Obj(members) = item else {
                        return Err(wrong_type(&path, "an object", item));
                    };
                    self.object(members, &path, Some(i), CONVERTED_FIELDS, CONVERTED_RULES, 0)?;
                }
                self.tape.push(t::END);
            }
            (rule, other) => return Err(wrong_type(&at(), expected(rule), other)),
        }
        Ok(())
    }

    /// Writes a string: its text appended to `text`, a span of it on the tape.
    fn string(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.tape.extend([t::STR, start as f64, s.len() as f64]);
    }
}

#[inline(never)]
fn bad_enum(path: &str, known: &[&str], got: &str) -> WebhookError {
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
        path,
        "` to be one of ",
        &names,
        ", got ",
        &describe_str(got),
    ]
    .cat();
    WebhookError::new(Code::InvalidValue, path, message)
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
