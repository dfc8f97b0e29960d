//! The TypeScript declarations of the models (src/js/models.d.ts) name exactly the Rust models' fields.
#![cfg(not(target_family = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

fn block<'a>(text: &'a str, start: &str) -> &'a str {
    let i = text.find(start).unwrap_or_else(|| panic!("{start} not found"));
    let rest = &text[i..];
    let open = rest.find('{').unwrap();
    let mut depth = 0;
    for (j, c) in rest[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &rest[open + 1..open + j];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced {start}")
}

fn rust_fields(file: &str, name: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(format!("{}/src/domain/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    block(&text, &format!("pub struct {name} "))
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub "))
        .filter_map(|l| l.split(':').next())
        .map(str::to_owned)
        .filter(|f| f != "extra")
        .collect()
}

fn ts_fields(name: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(format!("{}/src/js/models.d.ts", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let body = block(&text, &format!("export interface {name} "));
    // Top-level members only: skip nested object types.
    let mut depth = 0;
    let mut out = BTreeSet::new();
    for line in body.lines() {
        let t = line.trim();
        if depth == 0 && !t.starts_with('[') {
            if let Some(field) = t
                .split(['?', ':'])
                .next()
                .filter(|f| !f.is_empty() && !f.starts_with("//"))
            {
                out.insert(field.to_owned());
            }
        }
        depth += t.matches('{').count() as i32 - t.matches('}').count() as i32;
    }
    out
}

#[test]
fn typescript_models_match_the_rust_models() {
    let cases = [
        ("model/stream.rs", "Stream", "Stream"),
        ("model/broadcast.rs", "Broadcast", "Broadcast"),
        ("model/video.rs", "Video", "Video"),
        ("model/video.rs", "ConvertedVideo", "ConvertedVideo"),
        (
            "model/recording.rs",
            "StartRecordingResult",
            "StartRecordingResult",
        ),
        ("model/recording.rs", "RecordingNotice", "RecordingNotice"),
        ("request.rs", "StreamParams", "StreamParams"),
        ("request.rs", "BroadcastParams", "BroadcastParams"),
        ("request.rs", "ListStreamsQuery", "ListStreamsQuery"),
        ("request.rs", "ListBroadcastsQuery", "ListBroadcastsQuery"),
        ("request.rs", "ListVideosQuery", "ListVideosQuery"),
    ];
    for (file, rust, ts) in cases {
        let r = rust_fields(file, rust);
        let t = ts_fields(ts);
        assert!(!r.is_empty(), "{rust}: no fields read");
        assert_eq!(r, t, "fields of Rust {rust} vs TypeScript {ts}");
    }
}

#[test]
fn every_open_enum_lists_the_rust_values() {
    use gcore_streaming::domain::model::*;
    let text = std::fs::read_to_string(format!("{}/src/js/models.d.ts", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let cases: [(&str, &[&str]); 6] = [
        ("BroadcastStatus", BroadcastStatus::KNOWN),
        ("VideoStatus", VideoStatus::KNOWN),
        ("ConvertedVideoStatus", ConvertedVideoStatus::KNOWN),
        ("Projection", Projection::KNOWN),
        ("RecordType", RecordType::KNOWN),
        ("StreamSourceType", StreamSourceType::KNOWN),
    ];
    for (name, known) in cases {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("export type {name} = ")))
            .unwrap();
        let expected = known
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(" | ");
        assert_eq!(
            line,
            format!("export type {name} = {expected} | (string & {{}});")
        );
    }
}
