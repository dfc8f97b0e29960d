//! The tape: a JSON value as numbers for the JS bindings.

use super::*;

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
