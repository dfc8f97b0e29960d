//! Reading: `parse` (a borrowed tree in one pass) and `Reader` (a pull reader over the same tokenizer).

use super::*;

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
                let items = Vec::new();
                self.items(
                    b']',
                    "EOF while parsing a list",
                    "expected `,` or `]`",
                    items,
                    Self::value,
                )
                .map(Value::Arr)
            }
            Some(b'{') => {
                let members = Vec::with_capacity(8);
                self.items(
                    b'}',
                    "EOF while parsing an object",
                    "expected `,` or `}`",
                    members,
                    Self::member,
                )
                .map(Value::Obj)
            }
            Some(_) => Err(self.err("expected value")),
        }
    }

    /// The items of an array or the members of an object, `pos` on its opening bracket: each read
    /// by `item` into `out`, separated by `,`, up to `close`; `eof` and `expected` are the errors
    /// of an end too soon and of anything else after an item.
    fn items<T>(
        &mut self,
        close: u8,
        eof: &'static str,
        expected: &'static str,
        mut out: Vec<T>,
        item: fn(&mut Self) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        self.enter()?;
        self.ws();
        if self.peek() == Some(close) {
            self.pos += 1;
        } else {
            loop {
                out.push(item(self)?);
                self.ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(c) if c == close => {
                        self.pos += 1;
                        break;
                    }
                    None => return Err(self.err(eof)),
                    Some(_) => return Err(self.err(expected)),
                }
            }
        }
        self.depth -= 1;
        Ok(out)
    }

    /// An object member, `"key": value`.
    fn member(&mut self) -> Result<(Str<'a>, Value<'a>), Error> {
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
        Ok((key, self.value()?))
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
            // Skip the plain run.
            let mut i = self.pos;
            let b = loop {
                match self.bytes.get(i) {
                    Some(&b) if b == b'"' || b == b'\\' || b < 0x20 => break Some(b),
                    Some(_) => i += 1,
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
