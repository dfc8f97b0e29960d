//! The package's JS tables are generated from the one Rust definition of each: `pkg-template/wire.js`
//! (the tape's opcodes and layout, `domain::json::{op, layout}`) is what [`wire_js`] makes of them.
//! Regenerate with `GENERATE=1 cargo test --test generated`.
#![cfg(not(target_family = "wasm"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gcore_streaming::domain::json::{layout, op};
use std::fmt::Write;

/// `export const A = 1, B = 2;` for a table of named numbers.
fn consts(out: &mut String, doc: &str, table: &[(&str, f64)]) {
    let items: Vec<String> = table.iter().map(|(name, v)| format!("{name} = {v}")).collect();
    writeln!(out, "/** {doc} */\nexport const {};", items.join(", ")).unwrap();
}

/// The text of `pkg-template/wire.js`.
fn wire_js() -> String {
    let mut out = String::from(
        "// Generated from the Rust definitions by tests/generated.rs (GENERATE=1 cargo test --test generated):\n\
         // do not edit.\n",
    );
    consts(
        &mut out,
        "The tape's opcodes (`op` in src/domain/json/tape.rs).",
        op::ALL,
    );
    consts(
        &mut out,
        "Where things are (`layout` in src/domain/json/tape.rs).",
        layout::ALL,
    );
    out
}

/// Compares `path` with `text`, or writes it with `GENERATE=1`.
fn current(path: &str, text: &str) {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("GENERATE").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{path} is not what the Rust definitions make: run GENERATE=1 cargo test --test generated"
    );
}

#[test]
fn wire_js_is_current() {
    current("pkg-template/wire.js", &wire_js());
}

#[test]
fn the_opcodes_are_distinct() {
    for (i, (a, x)) in op::ALL.iter().enumerate() {
        for (b, y) in &op::ALL[i + 1..] {
            assert!(x != y, "{a} and {b} are both {x}");
        }
    }
}
