//! A small, strict JSON reader and writer (RFC 8259), for the paths that must stay small and fast in
//! WebAssembly (webhook validation, the tracker's results and snapshots).
//!
//! The reader builds a borrowed tree in one pass: strings and numbers are slices of the input (decoded
//! only on demand), objects keep their members in order (lookups take the *last* member of a name, as
//! `JSON.parse` and `serde_json` do). It accepts exactly what `serde_json::from_str` accepts:
//! no trailing commas, no comments, no lone surrogate escapes, no control characters in strings,
//! nesting up to [`MAX_DEPTH`], and numbers that fit an `f64` (`1e400` is an error).
//!
//! The writer escapes strings as `serde_json` does, so both produce the same text.

use crate::prelude::*;

mod read;
mod tape;
#[cfg(test)]
mod tests;
mod write;

#[allow(unused_imports)] // (used by the submodules through `super::*`)
use crate::domain::text::{join, write_u64, Cat};
pub use read::{parse, Reader};
pub use tape::{layout, op, Tape};
pub use write::{write_str, ObjWriter, Sink};

/// The deepest nesting of arrays and objects accepted (as `serde_json`'s recursion limit).
pub const MAX_DEPTH: usize = 128;

/// What kind of number a [`Number`] is, with the integer's value when it is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumKind {
    /// An integer in `0..=u64::MAX` (`-0` is a [`Float`](Self::Float), as in `serde_json`).
    UInt(u64),
    /// A negative integer in `i64`'s range.
    NegInt(i64),
    /// Anything else: a fraction, an exponent, or an integer outside both ranges.
    Float,
}

/// A number: its text as written, and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number<'a> {
    /// The number as written in the input.
    pub raw: &'a str,
    /// Its kind.
    pub kind: NumKind,
}

/// A string as written in the input (between the quotes, escapes not decoded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Str<'a> {
    raw: &'a str,
    escaped: bool,
}

impl<'a> Str<'a> {
    /// The string as written between the quotes (escapes not decoded; valid JSON string content).
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Whether the string has escapes (its decoded text differs from [`raw`](Self::raw)).
    pub fn escaped(&self) -> bool {
        self.escaped
    }

    /// Whether the decoded string equals `s`.
    #[inline(always)]
    pub fn is(&self, s: &str) -> bool {
        if self.escaped {
            self.decode() == s
        } else {
            self.raw == s
        }
    }

    /// The decoded string, borrowed from the input when it has no escapes.
    pub fn text(&self) -> alloc::borrow::Cow<'a, str> {
        if self.escaped {
            alloc::borrow::Cow::Owned(self.decode())
        } else {
            alloc::borrow::Cow::Borrowed(self.raw)
        }
    }

    /// The decoded string.
    pub fn decode(&self) -> String {
        if !self.escaped {
            return self.raw.to_owned();
        }
        let mut out = String::with_capacity(self.raw.len());
        let mut chars = self.raw.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let e = chars.next().unwrap_or('\\');
            out.push(match e {
                'b' => '\u{8}',
                'f' => '\u{c}',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => {
                    let hi = hex4(&mut chars);
                    let code = if (0xD800..0xDC00).contains(&hi) {
                        // The reader only lets a high surrogate through when a low one follows.
                        chars.next();
                        chars.next();
                        let lo = hex4(&mut chars);
                        0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                    } else {
                        hi
                    };
                    char::from_u32(code).unwrap_or('\u{FFFD}')
                }
                other => other,
            });
        }
        out
    }
}

fn hex4(chars: &mut core::str::Chars<'_>) -> u32 {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next().and_then(|c| c.to_digit(16)).unwrap_or(0);
    }
    v
}

/// A JSON value borrowing from the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Num(Number<'a>),
    /// A string.
    Str(Str<'a>),
    /// An array.
    Arr(Vec<Value<'a>>),
    /// An object: its members in order, repeated names included.
    Obj(Vec<(Str<'a>, Value<'a>)>),
}

impl<'a> Value<'a> {
    /// The object's member `key` (the last one when repeated), when this is an object.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Obj(members) => get(members, key),
            _ => None,
        }
    }

    /// A short description for messages: `null`, `a boolean`, `a number`, `a string`, …
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Num(_) => "a number",
            Value::Str(_) => "a string",
            Value::Arr(_) => "an array",
            Value::Obj(_) => "an object",
        }
    }

    /// Writes the value back as compact JSON (strings and numbers exactly as written).
    pub fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Num(n) => out.push_str(n.raw),
            Value::Str(s) => {
                out.push('"');
                out.push_str(s.raw);
                out.push('"');
            }
            Value::Arr(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Value::Obj(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push('"');
                    out.push_str(k.raw);
                    out.push_str("\":");
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// The member `key` of an object's members (the last one when repeated).
#[inline(always)]
pub fn get<'v, 'a>(members: &'v [(Str<'a>, Value<'a>)], key: &str) -> Option<&'v Value<'a>> {
    // Most names differ in length: compare that first, inline.
    members
        .iter()
        .rev()
        .find(|(k, _)| (k.escaped || k.raw.len() == key.len()) && k.is(key))
        .map(|(_, v)| v)
}

/// Why the text is not JSON, and where (a byte offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    /// What was wrong.
    pub msg: &'static str,
    /// Byte offset in the input.
    pub offset: usize,
}

impl Error {
    /// `"<msg> at line L column C"` (1-based, columns counted in characters).
    pub fn describe(&self, text: &str) -> String {
        let before = text.get(..self.offset).unwrap_or(text);
        let bytes = before.as_bytes();
        let line = bytes.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        // Characters: bytes that do not continue a UTF-8 sequence.
        let col = bytes
            .get(line_start..)
            .unwrap_or(&[])
            .iter()
            .filter(|b| (**b & 0xC0) != 0x80)
            .count()
            + 1;
        let mut s = String::from(self.msg);
        s.push_str(" at line ");
        write_u64(&mut s, line as u64);
        s.push_str(" column ");
        write_u64(&mut s, col as u64);
        s
    }
}
