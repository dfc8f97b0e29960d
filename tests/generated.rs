//! The package's JS tables are generated from the one Rust definition of each: `pkg-template/wire.js`
//! (the tape's opcodes and layout, `domain::json::{op, layout}`; the webhook entities' known fields,
//! `domain::webhook::event::{ENTITIES, CONVERTED_FIELDS}`) is what [`wire_js`] makes of them.
//! Regenerate with `GENERATE=1 cargo test --test generated`.
#![cfg(not(target_family = "wasm"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gcore_streaming::domain::json::{layout, op};
use gcore_streaming::domain::webhook::event::{CONVERTED_FIELDS, ENTITIES};
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
    entities(&mut out);
    out
}

/// A JS array literal of strings.
fn strings(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

/// A setter of the known fields `names` by index: one store site per field (V8 keeps each site
/// monomorphic: about twice as fast as `o[name] = v` with a computed name).
fn setter(names: &[&str]) -> String {
    let mut out = String::from("(o, i, v) => {\n  switch (i) {\n");
    for (i, n) in names.iter().enumerate() {
        if i + 1 == names.len() {
            writeln!(out, "    default: o.{n} = v;").unwrap();
        } else {
            writeln!(out, "    case {i}: o.{n} = v; break;").unwrap();
        }
    }
    out.push_str("  }\n}");
    out
}

/// The tables of the entity tape's reader, by kind (from 1, in the order of `ENTITIES`).
fn entities(out: &mut String) {
    // Each distinct field list once (a video and a video_delete share theirs).
    let mut lists: Vec<&[&str]> = Vec::new();
    for (_, _, fields) in ENTITIES {
        if !lists.contains(fields) {
            lists.push(fields);
        }
    }
    let at = |fields: &[&str]| lists.iter().position(|l| *l == fields).unwrap();
    for (i, l) in lists.iter().enumerate() {
        writeln!(out, "const F{i} = {};\nconst S{i} = {};", strings(l), setter(l)).unwrap();
    }
    let keys: Vec<String> = ENTITIES.iter().map(|(_, key, _)| format!("{key:?}")).collect();
    writeln!(
        out,
        "/** By kind (`ENTITIES` in src/domain/webhook/event/mod.rs, from 1): the entity's key. */\n\
         export const ENTITY = [, {}];",
        keys.join(", ")
    )
    .unwrap();
    let fields: Vec<String> = ENTITIES.iter().map(|(_, _, f)| format!("F{}", at(f))).collect();
    let sets: Vec<String> = ENTITIES.iter().map(|(_, _, f)| format!("S{}", at(f))).collect();
    writeln!(
        out,
        "/** By kind: the known fields, in the order of the mask of `null` fields and of `FIELD i`. */\n\
         export const FIELDS = [, {}];\n\
         /** By kind: the setter of the known fields. */\n\
         export const SET = [, {}];\n\
         /** The known fields of an item of `converted_videos`, and their setter. */\n\
         export const CONVERTED = {};\n\
         export const SET_CONVERTED = {};",
        fields.join(", "),
        sets.join(", "),
        strings(CONVERTED_FIELDS),
        setter(CONVERTED_FIELDS)
    )
    .unwrap();
    let mut event = String::from("(kind, entity) => {\n  switch (kind) {\n");
    for (k, (type_name, key, _)) in ENTITIES.iter().enumerate() {
        let case = if k + 1 == ENTITIES.len() {
            "default".to_owned()
        } else {
            format!("case {}", k + 1)
        };
        writeln!(
            event,
            "    {case}:\n      return {{ type: {type_name:?}, {key}: entity }};"
        )
        .unwrap();
    }
    event.push_str("  }\n}");
    writeln!(
        out,
        "/** The event of a kind and its entity. */\nexport const event = {event};"
    )
    .unwrap();
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
