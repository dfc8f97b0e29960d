//! Replays every input in `tests/fuzz-crashers/` (found by `cargo fuzz run webhook`) through the same
//! path as the fuzz target: none may panic, and snapshots must round-trip.
#![cfg(not(target_family = "wasm"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gcore_streaming::domain::webhook::{parse_webhook, ParseOptions, Tracker};

fn run(data: &[u8]) {
    let opts = ParseOptions {
        allow_unknown_types: true,
        ..ParseOptions::default()
    };
    let mut t = Tracker::new();
    for (i, body) in data.split(|b| *b == 0xFF).enumerate() {
        if let Ok(ev) = parse_webhook(body, &opts) {
            t.apply(&ev, Some(i as u64));
            t.apply(&ev, Some(i as u64));
        }
    }
    let back = Tracker::restore(&t.snapshot()).expect("a snapshot restores");
    assert_eq!(back, t);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(r) = Tracker::restore(text) {
            assert_eq!(Tracker::restore(&r.snapshot()).unwrap(), r);
        }
    }
}

#[test]
fn replay_fuzz_crashers() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-crashers");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        run(&std::fs::read(&path).unwrap());
        n += 1;
    }
    assert!(n > 0, "no inputs in {dir}");
}
