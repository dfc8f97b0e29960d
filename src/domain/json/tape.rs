//! The tape: a JSON value as numbers for the JS bindings, in one format for both of its uses: the
//! results of the tracker's methods ([`Tape`], written through [`Sink`]) and the entity of a webhook
//! body as the quick reader sees it (`domain::webhook::event`'s fast path). The opcodes are defined
//! once, here ([`op`]); `pkg-template/wire.js` is generated from [`op::ALL`] and [`layout::ALL`]
//! (`tests/generated.rs` checks it is current).

use super::*;

/// Defines the opcodes, each a named constant, and the table of all of them.
macro_rules! opcodes {
    ($($(#[doc = $doc:literal])* $name:ident = $value:literal;)*) => {
        /// The tape's opcodes. Each is followed by its operands; a span is `offset len`: UTF-8 bytes
        /// of the tape's text (a result tape's `bytes`; for an entity tape, the body).
        pub mod op {
            $($(#[doc = $doc])* pub const $name: f64 = $value;)*
            /// Every opcode with its name, in the order above (what `pkg-template/wire.js` is made from).
            pub const ALL: &[(&str, f64)] = &[$((stringify!($name), $name)),*];
        }
    };
}

opcodes! {
    /// Opens an object.
    OBJ = 1.0;
    /// Opens an array.
    ARR = 2.0;
    /// Closes the innermost object or array.
    END = 3.0;
    /// `null`.
    NULL = 4.0;
    /// `true`.
    TRUE = 5.0;
    /// `false`.
    FALSE = 6.0;
    /// A number: `NUM x`.
    NUM = 7.0;
    /// A string without escapes: `STR offset len` (its text).
    STR = 8.0;
    /// A literal string of the module: `SYM address len` (its UTF-8 in the module's memory, at an
    /// address stable for the module's lifetime, so the reader can cache the JS string by address).
    SYM = 9.0;
    /// A literal member name of the module: `KEY address len`.
    KEY = 10.0;
    /// A member name from the text: `KEYD offset len`.
    KEYD = 11.0;
    /// A string with escapes: `ESC offset len` (its text between the quotes, as written).
    ESC = 12.0;
    /// A value given as JSON text: `RAW offset len`.
    RAW = 13.0;
    /// A known member's name, by its index among the object's known fields: `FIELD i`.
    FIELD = 14.0;
}

/// Where the JS bindings find things (the numbers `pkg-template/wire.js` holds besides the opcodes).
pub mod layout {
    /// Numbers before the ops of a result tape: ops after the header, bytes address, bytes length,
    /// `outcome` (address, length of the literal), `stage` (the same, or 0, 0 for `null`), then
    /// where `entity`, `changes` and `actions` start among the ops.
    pub const RESULT_HEADER: usize = 10;
    /// `__gsParse` answers `code + PARSE_CODES × address`: `code` below it, the entity tape's
    /// address above.
    pub const PARSE_CODES: u32 = 1 << 14;
    /// Bits of `code` that hold the event's kind; the mask of `null` fields is above them.
    pub const KIND_BITS: u32 = 3;
    /// Every number with its name (what `pkg-template/wire.js` is made from).
    pub const ALL: &[(&str, f64)] = &[
        ("RESULT_HEADER", RESULT_HEADER as f64),
        ("PARSE_CODES", PARSE_CODES as f64),
        ("KIND_BITS", KIND_BITS as f64),
    ];
}

/// A JSON value as a flat list of numbers ([`op`]), for the JS bindings: building objects in
/// JavaScript from it is several times cheaper than `JSON.parse` of the same value as text (no
/// text to decode). `STR`, `KEYD` and `RAW` spans are into `bytes`; `SYM` and `KEY` are literals.
#[derive(Debug, Default)]
pub struct Tape {
    /// Opcodes and operands.
    pub ops: Vec<f64>,
    /// UTF-8 of the `STR`, `KEYD` and `RAW` spans.
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
        self.literal_op(op::KEY, k);
    }
    fn key_dyn(&mut self, k: &str) {
        self.bytes_op(op::KEYD, k);
    }
    fn str(&mut self, v: &str) {
        self.bytes_op(op::STR, v);
    }
    fn sym(&mut self, v: &'static str) {
        self.literal_op(op::SYM, v);
    }
    fn num(&mut self, v: u64) {
        self.ops.extend([op::NUM, v as f64]);
    }
    fn bool(&mut self, v: bool) {
        self.ops.push(if v { op::TRUE } else { op::FALSE });
    }
    fn null(&mut self) {
        self.ops.push(op::NULL);
    }
    fn open(&mut self, array: bool) {
        self.ops.push(if array { op::ARR } else { op::OBJ });
    }
    fn close(&mut self, _: bool) {
        self.ops.push(op::END);
    }
    fn raw(&mut self, json: &str) {
        // The reader parses it (the engine's `JSON.parse` is quicker than walking it here).
        self.bytes_op(op::RAW, json);
    }
}
