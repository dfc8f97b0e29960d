//! Small text helpers: joining pieces and writing integers without std's generic code in the
//! WebAssembly build.

use crate::prelude::*;

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

/// `Display` for types whose text is their `as_str()` (stable codes, methods, enumerations).
macro_rules! display_as_str {
    ($($t:ty),* $(,)?) => {$(
        impl core::fmt::Display for $t {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}
pub(crate) use display_as_str;
