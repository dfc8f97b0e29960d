//! The package's JS tables and the webhook entities' TypeScript interfaces are generated from the one
//! Rust definition of each: `pkg-template/wire.js` (the tape's opcodes and layout,
//! `domain::json::{op, layout}`; the webhook entities' known fields,
//! `domain::webhook::event::{ENTITIES, CONVERTED_FIELDS}`) is what [`wire_js`] makes of them, and
//! `src/js/webhook/entities.d.ts` (the interfaces, `domain::webhook::event::DECLARATIONS`) what
//! [`entities_dts`] makes. Regenerate with `GENERATE=1 cargo test --test generated`.
#![cfg(not(target_family = "wasm"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use gcore_streaming::domain::json::{layout, op};
use gcore_streaming::domain::webhook::event::{EntityDecl, CONVERTED_FIELDS, DECLARATIONS, ENTITIES};
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

/// A `/** … */` comment of `lines` (doc-comment lines, each with its leading space), indented.
fn doc(out: &mut String, indent: &str, lines: &[&str]) {
    match lines {
        [] => {}
        [one] => writeln!(out, "{indent}/**{one} */").unwrap(),
        _ => {
            writeln!(out, "{indent}/**").unwrap();
            for l in lines {
                writeln!(out, "{indent} *{l}").unwrap();
            }
            writeln!(out, "{indent} */").unwrap();
        }
    }
}

/// The text of `src/js/webhook/entities.d.ts`: the interfaces of `decls`, then the event union of
/// `entities` (`(type, key, fields)`, in their order).
fn entities_dts(decls: &[EntityDecl], entities: &[(&str, &str, &[&str])]) -> String {
    let mut out = String::from(
        "// Generated from `entities!` and `DECLARATIONS` (src/domain/webhook/event/mod.rs) by\n\
         // tests/generated.rs (GENERATE=1 cargo test --test generated): do not edit.\n",
    );
    for d in decls {
        doc(&mut out, "", &[&format!(" {}", d.doc)]);
        writeln!(out, "export interface {} {{", d.name).unwrap();
        // Other members: what the platform adds, kept as sent (and the types of the known fields
        // that are not JSON values of their own).
        let mut extra = vec!["WebhookExtraField"];
        for f in d.fields {
            doc(&mut out, "  ", f.doc);
            let optional = if d.required.contains(&f.name) { "" } else { "?" };
            writeln!(out, "  {}{optional}: {};", f.name, f.ts).unwrap();
            if f.ts.ends_with("Webhook[]") && !extra.contains(&f.ts) {
                extra.push(f.ts);
            }
        }
        writeln!(out, "  [extra: string]: {} | undefined;\n}}", extra.join(" | ")).unwrap();
    }
    out.push_str("/** A validated webhook. */\nexport type WebhookEvent =\n");
    for (type_name, key, _) in entities {
        let decl = decls.iter().find(|d| d.types.contains(type_name)).unwrap();
        writeln!(out, "  | {{ type: {type_name:?}; {key}: {} }}", decl.name).unwrap();
    }
    out.push_str("  | UnknownWebhookEvent;\n");
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
fn entities_dts_is_current() {
    current(
        "src/js/webhook/entities.d.ts",
        &entities_dts(DECLARATIONS, ENTITIES),
    );
}

/// A field added to an entity's table shows in every generated output: the JS tables (its name,
/// its setter) and the TypeScript interfaces of the entity (both of a video's).
#[test]
fn a_field_added_to_the_table_shows_everywhere() {
    use gcore_streaming::domain::webhook::event::{FieldDecl, VIDEO_DECLS};
    let added = FieldDecl {
        name: "thumbnail_url",
        ts: "string",
        doc: &[" Added."],
    };
    let fields: Vec<FieldDecl> = VIDEO_DECLS.iter().copied().chain([added]).collect();
    let fields: &'static [FieldDecl] = Box::leak(fields.into_boxed_slice());
    let decls: Vec<EntityDecl> = DECLARATIONS
        .iter()
        .map(|d| {
            if d.fields == VIDEO_DECLS {
                EntityDecl { fields, ..*d }
            } else {
                *d
            }
        })
        .collect();
    let dts = entities_dts(&decls, ENTITIES);
    for name in ["VideoWebhook", "VideoDeleteWebhook"] {
        let start = dts.find(&format!("export interface {name} {{")).unwrap();
        let body = &dts[start..start + dts[start..].find("\n}").unwrap()];
        assert!(
            body.contains("/** Added. */\n  thumbnail_url?: string;"),
            "{name}:\n{body}"
        );
    }
    assert_eq!(dts.matches("thumbnail_url").count(), 2, "{dts}");
    // The JS tables take the field list the same way (`ENTITIES`' fields are the table's names).
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    let js = format!("{}\n{}", strings(&names), setter(&names));
    assert!(
        js.contains("\"thumbnail_url\"]") && js.contains("default: o.thumbnail_url = v;"),
        "{js}"
    );
}

/// The declarations are those of the validator's tables: the same fields in the same order.
#[test]
fn the_declarations_declare_the_tables_fields() {
    for (type_name, _, fields) in ENTITIES {
        let decl = DECLARATIONS.iter().find(|d| d.types.contains(type_name)).unwrap();
        let declared: Vec<&str> = decl.fields.iter().map(|f| f.name).collect();
        assert_eq!(declared, *fields, "{type_name}");
        for r in decl.required {
            assert!(fields.contains(r), "{type_name}: {r}");
        }
    }
    let converted = DECLARATIONS.iter().find(|d| d.types.is_empty()).unwrap();
    let declared: Vec<&str> = converted.fields.iter().map(|f| f.name).collect();
    assert_eq!(declared, CONVERTED_FIELDS);
}

#[test]
fn the_opcodes_are_distinct() {
    for (i, (a, x)) in op::ALL.iter().enumerate() {
        for (b, y) in &op::ALL[i + 1..] {
            assert!(x != y, "{a} and {b} are both {x}");
        }
    }
}
