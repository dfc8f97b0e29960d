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

/// Parses JSON text strictly (see the module docs).
///
/// # Errors
/// The first syntax error, with its offset.
pub fn parse(text: &str) -> Result<Value<'_>, Error> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let v = p.value()?;
    p.ws();
    if p.pos < p.bytes.len() {
        return Err(p.err("trailing characters"));
    }
    Ok(v)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn err(&self, msg: &'static str) -> Error {
        Error {
            msg,
            offset: self.pos,
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    #[inline(always)]
    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or("")
    }

    fn lit(&mut self, word: &'static [u8], v: Value<'a>) -> Result<Value<'a>, Error> {
        for &w in word {
            if self.peek() != Some(w) {
                return Err(self.err("expected ident"));
            }
            self.pos += 1;
        }
        Ok(v)
    }

    fn value(&mut self) -> Result<Value<'a>, Error> {
        self.ws();
        match self.peek() {
            None => Err(self.err("EOF while parsing a value")),
            Some(b'n') => self.lit(b"null", Value::Null),
            Some(b't') => self.lit(b"true", Value::Bool(true)),
            Some(b'f') => self.lit(b"false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::Str),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Num),
            Some(b'[') => {
                self.enter()?;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                } else {
                    loop {
                        items.push(self.value()?);
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.pos += 1,
                            Some(b']') => {
                                self.pos += 1;
                                break;
                            }
                            None => return Err(self.err("EOF while parsing a list")),
                            Some(_) => return Err(self.err("expected `,` or `]`")),
                        }
                    }
                }
                self.depth -= 1;
                Ok(Value::Arr(items))
            }
            Some(b'{') => {
                self.enter()?;
                let mut members = Vec::with_capacity(8);
                self.ws();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                } else {
                    loop {
                        self.ws();
                        match self.peek() {
                            Some(b'"') => {}
                            None => return Err(self.err("EOF while parsing an object")),
                            Some(_) => return Err(self.err("key must be a string")),
                        }
                        let key = self.string()?;
                        self.ws();
                        match self.peek() {
                            Some(b':') => self.pos += 1,
                            None => return Err(self.err("EOF while parsing an object")),
                            Some(_) => return Err(self.err("expected `:`")),
                        }
                        let v = self.value()?;
                        members.push((key, v));
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.pos += 1,
                            Some(b'}') => {
                                self.pos += 1;
                                break;
                            }
                            None => return Err(self.err("EOF while parsing an object")),
                            Some(_) => return Err(self.err("expected `,` or `}`")),
                        }
                    }
                }
                self.depth -= 1;
                Ok(Value::Obj(members))
            }
            Some(_) => Err(self.err("expected value")),
        }
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(self.err("recursion limit exceeded"));
        }
        self.pos += 1;
        Ok(())
    }

    /// A string; `pos` is on the opening quote.
    fn string(&mut self) -> Result<Str<'a>, Error> {
        self.pos += 1;
        let start = self.pos;
        let mut escaped = false;
        loop {
            // Skip the plain run: byte by byte (most strings are short names and values), 8 bytes at
            // a time once it is long.
            let mut i = self.pos;
            let mut n = 0;
            let b = loop {
                match self.bytes.get(i) {
                    Some(&b) if b == b'"' || b == b'\\' || b < 0x20 => break Some(b),
                    Some(_) => {
                        i += 1;
                        n += 1;
                        if n == 16 {
                            i += plain_prefix(self.bytes.get(i..).unwrap_or(&[]));
                        }
                    }
                    None => break None,
                }
            };
            self.pos = i;
            let Some(b) = b else {
                return Err(self.err("EOF while parsing a string"));
            };
            match b {
                b'"' => {
                    let raw = self.slice(start, self.pos);
                    self.pos += 1;
                    return Ok(Str { raw, escaped });
                }
                b'\\' => {
                    escaped = true;
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.pos += 1,
                        Some(b'u') => {
                            self.pos += 1;
                            let hi = self.hex()?;
                            if (0xDC00..0xE000).contains(&hi) {
                                return Err(self.err("lone trailing surrogate in hex escape"));
                            }
                            if (0xD800..0xDC00).contains(&hi) {
                                if self.peek() != Some(b'\\') || self.bytes.get(self.pos + 1) != Some(&b'u') {
                                    return Err(self.err("lone leading surrogate in hex escape"));
                                }
                                self.pos += 2;
                                let lo = self.hex()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err("lone leading surrogate in hex escape"));
                                }
                            }
                        }
                        None => return Err(self.err("EOF while parsing a string")),
                        Some(_) => return Err(self.err("invalid escape")),
                    }
                }
                0..=0x1F => {
                    return Err(self.err("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                _ => self.pos += 1,
            }
        }
    }

    fn hex(&mut self) -> Result<u32, Error> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                None => return Err(self.err("EOF while parsing a string")),
                Some(_) => return Err(self.err("invalid escape")),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    #[inline(always)]
    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Number<'a>, Error> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err("invalid number")),
        }
        let int_end = self.pos;
        let mut float = false;
        let mut frac = "";
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let f = self.pos;
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
            frac = self.slice(f, self.pos);
            float = true;
        }
        let mut exp: i64 = 0;
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            let neg_exp = match self.peek() {
                Some(b'-') => {
                    self.pos += 1;
                    true
                }
                Some(b'+') => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            let e = self.pos;
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
            for b in self.slice(e, self.pos).bytes() {
                exp = exp.saturating_mul(10).saturating_add(i64::from(b - b'0'));
            }
            if neg_exp {
                exp = -exp;
            }
            float = true;
        }
        let raw = self.slice(start, self.pos);
        let int = self.slice(int_start, int_end);
        if !float {
            // Up to 19 digits always fit a u64 (no overflow checks: they cost a 128-bit multiply in wasm).
            let parsed = if int.len() <= 19 {
                Some(
                    int.bytes()
                        .fold(0u64, |v, b| v.wrapping_mul(10).wrapping_add(u64::from(b - b'0'))),
                )
            } else {
                int.bytes()
                    .try_fold(0u64, |v, b| v.checked_mul(10)?.checked_add(u64::from(b - b'0')))
            };
            let fits = parsed.is_some();
            let v = parsed.unwrap_or(0);
            if fits && !negative {
                return Ok(Number {
                    raw,
                    kind: NumKind::UInt(v),
                });
            }
            // `-0` is a float, as in serde_json.
            if fits && v != 0 && v <= 1 << 63 {
                let kind = NumKind::NegInt(0i64.wrapping_sub_unsigned(v));
                return Ok(Number { raw, kind });
            }
        }
        if overflows_f64(int, frac, exp) {
            self.pos = start;
            return Err(self.err("number out of range"));
        }
        Ok(Number {
            raw,
            kind: NumKind::Float,
        })
    }
}

/// A pull reader over JSON text, for validators that look at a few members and need no tree: the
/// same grammar, limits and errors as [`parse`] (it shares the tokenizer). Every method answers
/// `None` when the text is not what was asked for (invalid JSON, or another kind of value).
pub struct Reader<'a> {
    p: Parser<'a>,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            p: Parser {
                text,
                bytes: text.as_bytes(),
                pos: 0,
                depth: 0,
            },
        }
    }

    /// The byte offset and nesting depth, to come back with [`seek`](Self::seek).
    pub fn mark(&self) -> (usize, usize) {
        (self.p.pos, self.p.depth)
    }

    /// The byte offset in the text of `s`, a slice of it (a string's [`raw`](Str::raw) text).
    pub fn offset(&self, s: &str) -> usize {
        (s.as_ptr() as usize).saturating_sub(self.p.text.as_ptr() as usize)
    }

    /// Goes back to a [`mark`](Self::mark).
    pub fn seek(&mut self, (pos, depth): (usize, usize)) {
        self.p.pos = pos;
        self.p.depth = depth;
    }

    /// The first byte of the next value (after whitespace), not consumed.
    #[inline(always)]
    pub fn peek(&mut self) -> Option<u8> {
        self.p.ws();
        self.p.peek()
    }

    /// Opens an object or an array (the next value must be one).
    pub fn open(&mut self, array: bool) -> Option<()> {
        let want = if array { b'[' } else { b'{' };
        (self.peek()? == want).then_some(())?;
        self.p.enter().ok()
    }

    /// In an open object: the next member's name (`Some(None)` at the closing brace). `first` is
    /// the caller's flag for "no member read yet" (start with `true`).
    #[inline(always)]
    pub fn key(&mut self, first: &mut bool) -> Option<Option<Str<'a>>> {
        if !self.more(first, b'}')? {
            return Some(None);
        }
        (self.peek()? == b'"').then_some(())?;
        let k = self.p.string().ok()?;
        (self.peek()? == b':').then_some(())?;
        self.p.pos += 1;
        Some(Some(k))
    }

    /// In an open array: whether another item follows (`false` at the closing bracket).
    #[inline(always)]
    pub fn item(&mut self, first: &mut bool) -> Option<bool> {
        self.more(first, b']')
    }

    #[inline(always)]
    fn more(&mut self, first: &mut bool, close: u8) -> Option<bool> {
        let b = self.peek()?;
        if b == close {
            self.p.pos += 1;
            self.p.depth = self.p.depth.saturating_sub(1);
            return Some(false);
        }
        if !*first {
            (b == b',').then_some(())?;
            self.p.pos += 1;
        }
        *first = false;
        Some(true)
    }

    /// A string value.
    #[inline(always)]
    pub fn string(&mut self) -> Option<Str<'a>> {
        (self.peek()? == b'"').then_some(())?;
        self.p.string().ok()
    }

    /// A number value.
    pub fn number(&mut self) -> Option<Number<'a>> {
        matches!(self.peek()?, b'-' | b'0'..=b'9').then_some(())?;
        self.p.number().ok()
    }

    /// A boolean value.
    #[inline(always)]
    pub fn bool(&mut self) -> Option<bool> {
        match self.peek()? {
            b't' => self.p.lit(b"true", Value::Null).ok().map(|_| true),
            b'f' => self.p.lit(b"false", Value::Null).ok().map(|_| false),
            _ => None,
        }
    }

    /// Any value, checked and dropped.
    pub fn skip(&mut self) -> Option<()> {
        self.p.value().ok().map(drop)
    }

    /// The end of the text (only whitespace left).
    pub fn end(&mut self) -> Option<()> {
        self.p.ws();
        (self.p.pos == self.p.bytes.len()).then_some(())
    }

    /// An integer in `0..=u64::MAX` written plainly (digits only: no sign, fraction or exponent).
    /// `None` for anything else, which may still be a valid number (read it with
    /// [`number`](Self::number) then); quicker than `number` for the common case.
    pub fn uint(&mut self) -> Option<u64> {
        self.p.ws();
        let rest = self.p.bytes.get(self.p.pos..)?;
        let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let digits = rest.get(..n)?;
        // Up to 19 digits always fit; 20 fit up to u64::MAX (same length: compare as text).
        let fits = n < 20 || (n == 20 && digits <= b"18446744073709551615".as_slice());
        if n == 0 || !fits || (n > 1 && matches!(digits.first(), Some(b'0'))) {
            return None;
        }
        if matches!(rest.get(n), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.p.pos += n;
        Some(digits.iter().fold(0u64, |v, d| {
            v.wrapping_mul(10).wrapping_add(u64::from(d.wrapping_sub(b'0')))
        }))
    }

    /// In an open object: reads the next member's name when it is `name`, written right here as
    /// compact JSON does (`,"name":`, or `"name":` when `first`), and answers whether it did
    /// (nothing is read otherwise: use [`key`](Self::key)). `name` must need no escaping.
    #[inline(always)]
    pub fn key_if(&mut self, first: &mut bool, name: &str) -> bool {
        let comma = usize::from(!*first);
        let n = name.len();
        let at = self.p.pos;
        let b = self.p.bytes;
        // (Patterns, not `==` on options: that is a call per test in the size-optimised build.)
        let found = (*first || matches!(b.get(at), Some(b',')))
            && matches!(b.get(at + comma), Some(b'"'))
            && b.get(at + comma + 1..at + comma + 1 + n)
                .is_some_and(|s| s == name.as_bytes())
            && matches!(b.get(at + comma + 1 + n..at + comma + 3 + n), Some([b'"', b':']));
        if found {
            self.p.pos = at + comma + 3 + n;
            *first = false;
        }
        found
    }

    /// The next value, whole (arrays and objects as a tree).
    pub fn value(&mut self) -> Option<Value<'a>> {
        self.p.value().ok()
    }
}

/// How many leading bytes of `s`, in whole 8-byte words, hold no `"`, `\\` or control character
/// (SWAR: each test flags the bytes of a word that match, without branching per byte).
#[inline(always)]
fn plain_prefix(s: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut n = 0;
    for chunk in s.chunks_exact(8) {
        let Ok(w) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(w);
        // Bytes < 0x20; bytes equal to `"`; bytes equal to `\\`.
        let special =
            (x.wrapping_sub(ONES * 0x20) & !x & HIGH) | zero(x ^ (ONES * 0x22)) | zero(x ^ (ONES * 0x5C));
        if special != 0 {
            break;
        }
        n += 8;
    }
    n
}

/// Whether `int.frac × 10^exp` rounds to infinity as an `f64` (its magnitude is at least
/// (2^54 − 1)·2^970, halfway between `f64::MAX` and 2^1024).
fn overflows_f64(int: &str, frac: &str, exp: i64) -> bool {
    const HALFWAY: &[u8] = b"179769313486231580793728971405303415079934132710037826936173";
    let digits = || int.bytes().chain(frac.bytes());
    let Some(first) = digits().position(|d| d != b'0') else {
        return false;
    };
    // The value is 0.d1d2… × 10^e10 where d1 is the first nonzero digit.
    let e10 = (int.len() as i64)
        .saturating_sub(first as i64)
        .saturating_add(exp);
    if e10 != 309 {
        return e10 > 309;
    }
    let mut sig = digits().skip(first);
    for &h in HALFWAY {
        match sig.next() {
            None => return false,
            Some(d) if d > h => return true,
            Some(d) if d < h => return false,
            Some(_) => {}
        }
    }
    // Equal to the 60 digits given: at or above the halfway point for all practical inputs.
    true
}

/// Appends `s` as a JSON string (quoted, escaped as `serde_json` does).
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    // An index loop: iterator adapters are calls per byte in the size-optimized WebAssembly build.
    while let Some(&b) = bytes.get(i) {
        i += 1;
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0C => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1F => "",
            _ => continue,
        };
        out.push_str(s.get(start..i - 1).unwrap_or(""));
        if esc.is_empty() {
            out.push_str("\\u00");
            out.push(hex_digit(b >> 4));
            out.push(hex_digit(b & 0xF));
        } else {
            out.push_str(esc);
        }
        start = i;
    }
    out.push_str(s.get(start..).unwrap_or(""));
    out.push('"');
}

fn hex_digit(n: u8) -> char {
    char::from(if n < 10 { b'0' + n } else { b'a' + n - 10 })
}

/// `items` joined by `sep`: `[..].join(sep)` without its generic code in the WebAssembly build.
pub fn join(items: &[String], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
    }
    out
}

/// Appends `n` in decimal.
pub fn write_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    out.push_str(core::str::from_utf8(buf.get(i..).unwrap_or(&[])).unwrap_or(""));
}

/// Where a JSON value is written, piece by piece: JSON text (`String`) or a [`Tape`] for the JS
/// bindings. Object-safe, so each writer exists once in the WebAssembly build.
pub trait Sink {
    /// An object member's name (a literal of the SDK: nothing in it to escape).
    fn key(&mut self, k: &'static str);
    /// An object member's name read from input.
    fn key_dyn(&mut self, k: &str);
    /// A string value.
    fn str(&mut self, v: &str);
    /// A string value that is a literal of the SDK (a stage, an outcome, a known status, …).
    fn sym(&mut self, v: &'static str) {
        self.str(v);
    }
    /// An integer value.
    fn num(&mut self, v: u64);
    /// A boolean value.
    fn bool(&mut self, v: bool);
    /// `null`.
    fn null(&mut self);
    /// Opens an array (`true`) or an object.
    fn open(&mut self, array: bool);
    /// Closes the innermost array (`true`) or object.
    fn close(&mut self, array: bool);
    /// A value given as JSON text (valid: written by this SDK).
    fn raw(&mut self, json: &str);
}

/// JSON text: a separator goes before a name or value unless the text ends an opening, a name or a
/// separator.
impl Sink for String {
    fn key(&mut self, k: &'static str) {
        // The SDK's member names need no escaping.
        sep(self);
        self.push('"');
        self.push_str(k);
        self.push_str("\":");
    }
    fn key_dyn(&mut self, k: &str) {
        sep(self);
        write_str(self, k);
        self.push(':');
    }
    fn str(&mut self, v: &str) {
        sep(self);
        write_str(self, v);
    }
    fn num(&mut self, v: u64) {
        sep(self);
        write_u64(self, v);
    }
    fn bool(&mut self, v: bool) {
        sep(self);
        self.push_str(if v { "true" } else { "false" });
    }
    fn null(&mut self) {
        sep(self);
        self.push_str("null");
    }
    fn open(&mut self, array: bool) {
        sep(self);
        self.push(if array { '[' } else { '{' });
    }
    fn close(&mut self, array: bool) {
        self.push(if array { ']' } else { '}' });
    }
    fn raw(&mut self, json: &str) {
        sep(self);
        self.push_str(json);
    }
}

// Inlined: a call per value cost ~10% of `snapshot` (the bytes it adds compress away).
#[inline(always)]
fn sep(out: &mut String) {
    if !matches!(out.as_bytes().last(), None | Some(b'{' | b'[' | b':' | b',')) {
        out.push(',');
    }
}

/// A JSON value as a flat list of numbers, for the JS bindings: building objects in JavaScript from
/// it is several times cheaper than `JSON.parse` of the same value as text (no text to decode).
///
/// `ops` holds opcodes, each followed by its operands: `OBJ`, `ARR`, `END`, `NULL`, `TRUE`, `FALSE`,
/// `NUM x`, `STR offset len` (UTF-8 in `bytes`), `SYM address len` and `KEY address len` (UTF-8 of
/// a literal in the module's memory, so the reader can cache the JS string by address), `KEYD offset
/// len` (a name in `bytes`), `JSON offset len` (a value as JSON text in `bytes`).
#[derive(Debug, Default)]
pub struct Tape {
    /// Opcodes and operands.
    pub ops: Vec<f64>,
    /// UTF-8 of the `STR` and `KEYD` strings.
    pub bytes: Vec<u8>,
}

impl Tape {
    /// An empty tape.
    pub const fn new() -> Self {
        Tape {
            ops: Vec::new(),
            bytes: Vec::new(),
        }
    }

    /// Opens an object.
    pub const OBJ: f64 = 1.0;
    /// Opens an array.
    pub const ARR: f64 = 2.0;
    /// Closes the innermost object or array.
    pub const END: f64 = 3.0;
    /// `null`.
    pub const NULL: f64 = 4.0;
    /// `true`.
    pub const TRUE: f64 = 5.0;
    /// `false`.
    pub const FALSE: f64 = 6.0;
    /// A number: `NUM x`.
    pub const NUM: f64 = 7.0;
    /// A string: `STR offset len`.
    pub const STR: f64 = 8.0;
    /// A literal string: `SYM address len`.
    pub const SYM: f64 = 9.0;
    /// A literal member name: `KEY address len`.
    pub const KEY: f64 = 10.0;
    /// A member name from input: `KEYD offset len`.
    pub const KEYD: f64 = 11.0;
    /// A value given as JSON text: `JSON offset len`.
    pub const JSON: f64 = 13.0;

    /// Empties the tape (keeping its memory).
    pub fn clear(&mut self) {
        self.ops.clear();
        self.bytes.clear();
    }

    fn bytes_op(&mut self, op: f64, s: &str) {
        let at = self.bytes.len();
        self.bytes.extend_from_slice(s.as_bytes());
        self.ops.extend([op, at as f64, s.len() as f64]);
    }

    fn literal_op(&mut self, op: f64, s: &'static str) {
        // The address of a literal is stable for the module's lifetime (wasm32: it fits an f64).
        let address = s.as_ptr() as usize;
        self.ops.extend([op, address as f64, s.len() as f64]);
    }
}

impl Sink for Tape {
    fn key(&mut self, k: &'static str) {
        self.literal_op(Tape::KEY, k);
    }
    fn key_dyn(&mut self, k: &str) {
        self.bytes_op(Tape::KEYD, k);
    }
    fn str(&mut self, v: &str) {
        self.bytes_op(Tape::STR, v);
    }
    fn sym(&mut self, v: &'static str) {
        self.literal_op(Tape::SYM, v);
    }
    fn num(&mut self, v: u64) {
        self.ops.extend([Tape::NUM, v as f64]);
    }
    fn bool(&mut self, v: bool) {
        self.ops.push(if v { Tape::TRUE } else { Tape::FALSE });
    }
    fn null(&mut self) {
        self.ops.push(Tape::NULL);
    }
    fn open(&mut self, array: bool) {
        self.ops.push(if array { Tape::ARR } else { Tape::OBJ });
    }
    fn close(&mut self, _: bool) {
        self.ops.push(Tape::END);
    }
    fn raw(&mut self, json: &str) {
        // The reader parses it (the engine's `JSON.parse` is quicker than walking it here).
        self.bytes_op(Tape::JSON, json);
    }
}

/// A compact JSON object being written: `{"a":1,"b":true}`.
pub struct ObjWriter<'o> {
    out: &'o mut dyn Sink,
}

impl<'o> ObjWriter<'o> {
    /// Opens an object.
    pub fn new(out: &'o mut dyn Sink) -> Self {
        out.open(false);
        Self { out }
    }

    /// Writes a member's name and returns the output for its value.
    pub fn key(&mut self, key: &'static str) -> &mut dyn Sink {
        self.out.key(key);
        self.out
    }

    /// A string member.
    pub fn str(&mut self, key: &'static str, v: &str) {
        self.key(key).str(v);
    }

    /// A string member whose value is a literal of the SDK.
    pub fn sym(&mut self, key: &'static str, v: &'static str) {
        self.key(key).sym(v);
    }

    /// A string member: the literal `known` when there is one (a known enumeration value), else `text`.
    pub fn known_str(&mut self, key: &'static str, known: Option<&'static str>, text: &str) {
        match known {
            Some(k) => self.sym(key, k),
            None => self.str(key, text),
        }
    }

    /// An integer member.
    pub fn u64(&mut self, key: &'static str, v: u64) {
        self.key(key).num(v);
    }

    /// A boolean member.
    pub fn bool(&mut self, key: &'static str, v: bool) {
        self.key(key).bool(v);
    }

    /// A string member when present.
    pub fn opt_str(&mut self, key: &'static str, v: Option<&str>) {
        if let Some(v) = v {
            self.str(key, v);
        }
    }

    /// An integer member when present.
    pub fn opt_u64(&mut self, key: &'static str, v: Option<u64>) {
        if let Some(v) = v {
            self.u64(key, v);
        }
    }

    /// A boolean member when present.
    pub fn opt_bool(&mut self, key: &'static str, v: Option<bool>) {
        if let Some(v) = v {
            self.bool(key, v);
        }
    }

    /// An array-of-integers member.
    pub fn u64s(&mut self, key: &'static str, v: impl Iterator<Item = u64>) {
        let out = self.key(key);
        out.open(true);
        for n in v {
            out.num(n);
        }
        out.close(true);
    }

    /// Closes the object.
    pub fn end(self) {
        self.out.close(false);
    }
}

/// Joins string pieces (one small loop instead of std's generic `concat`, which is about 1 KB of wasm).
pub(crate) trait Cat {
    /// The pieces, one after another.
    fn cat(&self) -> String;
}

impl Cat for [&str] {
    #[inline(never)]
    fn cat(&self) -> String {
        let len = self.iter().fold(0usize, |n, p| n.saturating_add(p.len()));
        let mut out = String::with_capacity(len);
        for p in self {
            out.push_str(p);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_back() {
        let text = r#" {"a":[1,-2,3.5e1,"x\"y\u00e9\ud83d\ude00"],"b":{"c":null,"d":true},"a":false} "#;
        let v = parse(text).unwrap();
        assert_eq!(v.get("a"), Some(&Value::Bool(false)));
        let mut out = String::new();
        v.write(&mut out);
        let ours: serde_json::Value = serde_json::from_str(&out).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs);
        let Some(Value::Obj(m)) = Some(&v) else {
            unreachable!()
        };
        let Value::Arr(items) = &m[0].1 else { panic!() };
        let Value::Str(s) = &items[3] else { panic!() };
        assert_eq!(s.decode(), "x\"yé😀");
        assert!(s.is("x\"yé😀"));
    }

    #[test]
    fn numbers_are_classified_as_serde_json_does() {
        for (t, k) in [
            ("0", NumKind::UInt(0)),
            ("-0", NumKind::Float),
            ("18446744073709551615", NumKind::UInt(u64::MAX)),
            ("18446744073709551616", NumKind::Float),
            ("-9223372036854775808", NumKind::NegInt(i64::MIN)),
            ("-9223372036854775809", NumKind::Float),
            ("1.0", NumKind::Float),
            ("1e2", NumKind::Float),
        ] {
            let Value::Num(n) = parse(t).unwrap() else {
                panic!()
            };
            assert_eq!(n.kind, k, "{t}");
            let s: serde_json::Value = serde_json::from_str(t).unwrap();
            match k {
                NumKind::UInt(u) => assert_eq!(s.as_u64(), Some(u), "{t}"),
                NumKind::NegInt(i) => assert_eq!((s.as_u64(), s.as_i64()), (None, Some(i)), "{t}"),
                NumKind::Float => assert!(s.is_f64(), "{t}"),
            }
        }
    }

    #[test]
    fn rejects_what_serde_json_rejects() {
        for t in [
            "",
            " ",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "[1 2]",
            "{\"a\" 1}",
            "{1:2}",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"a\u{1}\"",
            "\"abc",
            "[",
            "{",
            "1 2",
            "1e400",
            "-1e400",
            "NaN",
            "Infinity",
            "'a'",
            "[1]]",
            "\u{feff}1",
        ] {
            assert!(parse(t).is_err(), "accepted {t:?}");
            assert!(
                serde_json::from_str::<serde_json::Value>(t).is_err(),
                "serde accepted {t:?}"
            );
        }
        for t in [
            "1e308",
            "1.7976931348623157e308",
            "0e999999",
            "1e-400",
            "[[[]]]",
            "\"\\ud83d\\ude00\"",
        ] {
            assert!(parse(t).is_ok(), "rejected {t:?}");
            assert!(
                serde_json::from_str::<serde_json::Value>(t).is_ok(),
                "serde rejected {t:?}"
            );
        }
    }

    #[test]
    fn depth_limit_matches_serde_json() {
        for depth in [126, 127, 128, 129] {
            let t = "[".repeat(depth) + &"]".repeat(depth);
            assert_eq!(
                parse(&t).is_ok(),
                serde_json::from_str::<serde_json::Value>(&t).is_ok(),
                "depth {depth}"
            );
        }
    }

    #[test]
    fn errors_say_where() {
        let e = parse("{\n  \"a\": tru }").unwrap_err();
        assert_eq!(
            e.describe("{\n  \"a\": tru }"),
            "expected ident at line 2 column 11"
        );
    }

    /// `Reader::uint` takes plain integers that fit `u64` and leaves everything else (nothing read).
    #[test]
    fn reader_uint_takes_plain_integers_only() {
        for (text, want) in [
            ("0", Some(0)),
            (" 7,", Some(7)),
            ("1764000000064]", Some(1_764_000_000_064)),
            ("18446744073709551615", Some(u64::MAX)),
            ("18446744073709551616", None),
            ("99999999999999999999", None),
            ("100000000000000000000", None),
            ("01", None),
            ("-1", None),
            ("1.5", None),
            ("1e3", None),
            ("1E3", None),
            ("", None),
            ("x", None),
            ("\"1\"", None),
        ] {
            let mut r = Reader::new(text);
            let at = r.mark();
            let got = r.uint();
            assert_eq!(got, want, "{text:?}");
            if got.is_none() {
                assert_eq!(r.mark(), at, "{text:?} moved the reader");
            }
        }
    }

    /// `Reader::key_if` reads a name only when it is exactly there, compact; `key` reads the rest.
    #[test]
    fn reader_key_if_reads_compact_names_only() {
        let mut r = Reader::new(r#"{"id":1,"name":2, "x":3,"\u0069d":4}"#);
        r.open(false).unwrap();
        let mut first = true;
        assert!(!r.key_if(&mut first, "name"));
        assert!(r.key_if(&mut first, "id"));
        assert_eq!(r.uint(), Some(1));
        assert!(!r.key_if(&mut first, "nam"));
        assert!(r.key_if(&mut first, "name"));
        assert_eq!(r.uint(), Some(2));
        assert!(!r.key_if(&mut first, "x"), "whitespace is left to key()");
        assert_eq!(r.key(&mut first).unwrap().unwrap().raw(), "x");
        assert_eq!(r.uint(), Some(3));
        assert!(!r.key_if(&mut first, "id"), "escaped names are left to key()");
        assert!(r.key(&mut first).unwrap().unwrap().is("id"));
        assert_eq!(
            r.value(),
            Some(Value::Num(Number {
                raw: "4",
                kind: NumKind::UInt(4)
            }))
        );
        assert_eq!(r.key(&mut first), Some(None));
        assert_eq!(r.end(), Some(()));
    }

    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        for s in [
            "",
            "plain",
            "q\"b\\s/",
            "\u{0}\u{8}\u{c}\n\r\t\u{1f}\u{7f}",
            "é😀",
        ] {
            let mut out = String::new();
            write_str(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
        let edges = [
            1 << 32,
            100_000_000,
            4_294_967_295,
            4_294_967_296_000_000,
            1_764_000_000_064,
        ];
        for n in [0, 7, 10, 12345, u64::MAX, u64::MAX - 1].into_iter().chain(edges) {
            let mut out = String::new();
            write_u64(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
