//! The models' TypeScript declarations, `src/js/models.d.ts` (a custom section of every entry's
//! `.d.ts`), are generated from the Rust types by ts-rs (`#[cfg_attr(test, derive(ts_rs::TS))]`, which
//! `model!` adds to each model). This test fails when the committed file is not what the types generate;
//! `GEN_MODELS_DTS=1 cargo test --lib models_dts` rewrites it.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use super::*;
use crate::domain::request::{
    BroadcastParams, ListBroadcastsQuery, ListStreamsQuery, ListVideosQuery, StreamParams,
};
use resources::{RecordingClient, RecordingStream, SourceObject, StartRecordingData};
use serde::de::DeserializeOwned;
use serde::Serialize;
use ts_rs::TS;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/js/models.d.ts");

const HEADER: &str = "\
// Generated from the Rust models by src/domain/model/typescript.rs: do not edit.
// Models: the platform's resources, with the API's snake_case field names. Every field the API does
// not guarantee is optional; unknown fields are kept (any other name: a JSON value). Open enumerations
// accept values this version does not know: `(string & {})` keeps editor completion.

/** A JSON value (for fields the SDK does not model). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
";

fn decl<T: TS + Serialize + DeserializeOwned>(out: &mut String) {
    out.push('\n');
    if let Some(docs) = T::docs() {
        out.push_str(&unlink(&docs));
    }
    // ts-rs writes 64-bit integers as `bigint`; through `JSON.parse` every number is a `number`.
    let decl = T::decl().replace("bigint", "number");
    let (name, body) = decl
        .strip_prefix("type ")
        .and_then(|d| d.split_once(" = "))
        .unwrap();
    let body = body.strip_suffix(';').unwrap_or(body);
    let mut p = Parser { s: body, i: 0 };
    let members = p.union();
    assert_eq!(p.i, body.len(), "{name}: not read to the end: {body}");
    match members.as_slice() {
        [Type::Object(fields)] => {
            out.push_str(&format!("export interface {name} "));
            let open = keeps_unknown::<T>().then_some(if fields.iter().all(|f| json_only(f.ty)) {
                "[field: string]: JsonValue | undefined"
            } else {
                // An interface is not a `JsonValue` (it has no implicit index signature).
                "[field: string]: unknown"
            });
            render_object(out, fields, open, 0);
            out.push('\n');
        }
        _ if members.iter().all(|m| matches!(m, Type::Raw(_))) => {
            out.push_str(&format!("export type {name} = {body};\n"))
        }
        _ => {
            out.push_str(&format!("export type {name} ="));
            for m in &members {
                out.push_str("\n  | ");
                match m {
                    Type::Raw(raw) => out.push_str(raw),
                    Type::Object(fields) => render_object(out, fields, None, 2),
                }
            }
            out.push_str(";\n");
        }
    }
}

/// Whether `T` keeps a field it does not model (its `extra`): such a model's interface has an index
/// signature.
fn keeps_unknown<T: Serialize + DeserializeOwned>() -> bool {
    ["{\"not_modelled\": 7}", "{\"id\": 1, \"not_modelled\": 7}"]
        .iter()
        .filter_map(|text| serde_json::from_str::<T>(text).ok())
        .any(|v| serde_json::to_value(&v).unwrap().get("not_modelled").is_some())
}

/// Whether a field's type is made of JSON values only (JSON's own types, the open enumerations),
/// so that an index signature of `JsonValue | undefined` admits it.
fn json_only(ty: &str) -> bool {
    const NAMES: [&str; 12] = [
        "number",
        "string",
        "boolean",
        "null",
        "Array",
        "JsonValue",
        "BroadcastStatus",
        "VideoStatus",
        "ConvertedVideoStatus",
        "Projection",
        "RecordType",
        "StreamSourceType",
    ];
    ty.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .all(|word| word.is_empty() || NAMES.contains(&word))
}

/// Rustdoc links (``[`Stream::extra`]``) mean nothing in TypeScript: their text stays.
fn unlink(docs: &str) -> String {
    docs.replace("[`", "`").replace("`]", "`")
}

/// A member of a union in ts-rs's output: an object literal, or any other type text.
enum Type<'a> {
    Object(Vec<Field<'a>>),
    Raw(&'a str),
}

struct Field<'a> {
    docs: Vec<&'a str>,
    name: &'a str,
    ty: &'a str,
}

/// A reader of ts-rs's one-line output (`{ /** … */ a: T, b?: U, } | { … }`).
struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.i..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.i += rest.len() - rest.trim_start().len();
    }

    /// Members separated by ` | ` at the top level.
    fn union(&mut self) -> Vec<Type<'a>> {
        let mut out = Vec::new();
        loop {
            self.skip_ws();
            if self.rest().starts_with("{ ") && !self.rest().starts_with("{ [") {
                out.push(Type::Object(self.object()));
            } else {
                let start = self.i;
                self.i += scan(self.rest(), &[" | "]);
                out.push(Type::Raw(&self.s[start..self.i]));
            }
            match self.rest().strip_prefix(" | ") {
                Some(_) => self.i += 3,
                None => return out,
            }
        }
    }

    fn object(&mut self) -> Vec<Field<'a>> {
        self.i += 1;
        let mut fields = Vec::new();
        loop {
            self.skip_ws();
            if let Some(rest) = self.rest().strip_prefix('}') {
                self.i = self.s.len() - rest.len();
                return fields;
            }
            let mut docs = Vec::new();
            if self.rest().starts_with("/**") {
                let end = self.rest().find("*/").unwrap();
                let text = &self.rest()[3..end];
                docs = text
                    .lines()
                    .map(|l| l.trim().trim_start_matches('*').trim())
                    .filter(|l| !l.is_empty())
                    .collect();
                self.i += end + 2;
                self.skip_ws();
            }
            let colon = self.rest().find(": ").unwrap();
            let name = &self.rest()[..colon];
            self.i += colon + 2;
            let start = self.i;
            self.i += scan(self.rest(), &[",", " }", "}"]);
            let ty = self.s[start..self.i].trim();
            if self.rest().starts_with(',') {
                self.i += 1;
            }
            fields.push(Field { docs, name, ty });
        }
    }
}

/// The length of `s` up to the first of `ends` outside brackets and strings.
fn scan(s: &str, ends: &[&str]) -> usize {
    let mut depth = 0i32;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        if quoted {
            quoted = c != '"';
            continue;
        }
        if depth == 0 && ends.iter().any(|e| s[i..].starts_with(e)) {
            return i;
        }
        match c {
            '"' => quoted = true,
            '{' | '(' | '[' | '<' => depth += 1,
            '}' | ')' | ']' | '>' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

fn render_object(out: &mut String, fields: &[Field<'_>], open: Option<&str>, indent: usize) {
    let pad = " ".repeat(indent + 2);
    out.push_str("{\n");
    for f in fields {
        match f.docs.as_slice() {
            [] => {}
            [line] => out.push_str(&format!("{pad}/** {} */\n", unlink(line))),
            lines => {
                out.push_str(&format!("{pad}/**\n"));
                for line in lines {
                    out.push_str(&format!("{pad} * {}\n", unlink(line)));
                }
                out.push_str(&format!("{pad} */\n"));
            }
        }
        let name = f.name.trim_matches('"');
        out.push_str(&format!("{pad}{name}: {};\n", f.ty));
    }
    if let Some(sig) = open {
        out.push_str(&format!("{pad}{sig};\n"));
    }
    out.push_str(&" ".repeat(indent));
    out.push('}');
}

/// The file's text.
fn generate() -> String {
    let mut out = String::from(HEADER);
    decl::<BroadcastStatus>(&mut out);
    decl::<VideoStatus>(&mut out);
    decl::<ConvertedVideoStatus>(&mut out);
    decl::<Projection>(&mut out);
    decl::<RecordType>(&mut out);
    decl::<StreamSourceType>(&mut out);
    decl::<Stream>(&mut out);
    decl::<Broadcast>(&mut out);
    decl::<ConvertedVideo>(&mut out);
    decl::<Video>(&mut out);
    decl::<SourceObject>(&mut out);
    decl::<RecordingNotice>(&mut out);
    decl::<RecordingClient>(&mut out);
    decl::<RecordingStream>(&mut out);
    decl::<StartRecordingData>(&mut out);
    decl::<StartRecordingResult>(&mut out);
    decl::<StreamParams>(&mut out);
    decl::<BroadcastParams>(&mut out);
    decl::<ListStreamsQuery>(&mut out);
    decl::<ListBroadcastsQuery>(&mut out);
    decl::<ListVideosQuery>(&mut out);
    decl::<ErrorBody>(&mut out);
    out
}

#[test]
fn models_dts_is_current() {
    let text = generate();
    if std::env::var_os("GEN_MODELS_DTS").is_some() {
        std::fs::write(PATH, &text).unwrap();
    }
    let committed = std::fs::read_to_string(PATH).unwrap();
    assert!(
        committed == text,
        "src/js/models.d.ts is not what the Rust models generate: run \
         `GEN_MODELS_DTS=1 cargo test --lib models_dts` and commit it"
    );
}
