//! Parse + apply + snapshot/restore + next actions over arbitrary bytes. The input is split on 0xFF into webhook
//! bodies applied in order to one tracker; the whole input is also tried as a snapshot. The quick
//! reader (the JS fast path) must agree with the full validator on every body it answers for, and a
//! second tracker fed `quick_for_tracker`'s lean events (WebhookTracker.apply's fast path) where the
//! quick reader answers must stay equal to the first.
#![no_main]

use gcore_streaming::domain::webhook::event::internals::{
    check, parse_text, quick, quick_for_tracker, Fixup,
};
use gcore_streaming::domain::webhook::{parse_webhook, ParseOptions, Tracker};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ParseOptions {
        allow_unknown_types: true,
        ..ParseOptions::default()
    };
    let mut t = Tracker::new();
    let mut lean = Tracker::new();
    for (i, body) in data.split(|b| *b == 0xFF).enumerate() {
        if let Some((event, _nulls)) = std::str::from_utf8(body).ok().and_then(quick) {
            let text = std::str::from_utf8(body).expect("utf-8");
            let root = parse_text(text).expect("quick accepted invalid JSON");
            let c = check(&root, &ParseOptions::default(), false).expect("quick accepted an invalid body");
            assert!(!c.flat);
            assert!(c
                .fixups
                .iter()
                .all(|f| matches!(f, Fixup::Delete { item: None, .. })));
            assert_eq!(c.event, event);
        }
        if let Ok(ev) = parse_webhook(body, &opts) {
            let first = t.apply(&ev, Some(i as u64));
            let _ = t.apply(&ev, Some(i as u64));
            let text = std::str::from_utf8(body).ok();
            let quick_ev = text.and_then(|s| quick_for_tracker(s, &mut Vec::new()));
            let lean_first = lean.apply(quick_ev.as_ref().unwrap_or(&ev), Some(i as u64));
            let _ = lean.apply(quick_ev.as_ref().unwrap_or(&ev), Some(i as u64));
            assert_eq!(first, lean_first, "the tracker's lean event tracks differently");
        }
    }
    for id in t.stream_ids() {
        let _ = t.next_actions(id);
    }
    assert_eq!(lean, t, "the tracker's lean events give another state");
    let snap = t.snapshot();
    let back = Tracker::restore(&snap).expect("a snapshot restores");
    assert_eq!(back, t);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(r) = Tracker::restore(text) {
            for id in r.stream_ids() {
                let _ = r.next_actions(id);
            }
            let again = Tracker::restore(&r.snapshot()).expect("re-snapshot restores");
            assert_eq!(again, r);
        }
    }
});
