//! Writing JSON text: escaped strings, the `Sink` writers, `ObjWriter`.

use super::*;

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
