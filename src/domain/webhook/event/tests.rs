//! The validators agree: the quick reader (the JS fast path of `parseWebhook` and
//! `WebhookTracker.apply`) never disagrees with `check` (when it answers, `check` accepts the same
//! body with no fixups and makes the same event, and it answers for the guide's bodies, else the fast
//! path would never be taken); the JSON form written from the body is the serde form.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::check::Fixup;
use super::fast::{entity_tape as t, known_fields, quick, quick_for_tracker, quick_tape};
use super::*;
use crate::domain::webhook::{Tracker, WebhookErrorCode};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::{json, Map};

fn parse(text: &str) -> Result<WebhookEvent, WebhookError> {
    parse_webhook(text.as_bytes(), &ParseOptions::default())
}

/// A value validated as `WebhookTracker.apply` takes it: an envelope or the flat form.
fn parse_event_value(value: Value, opts: &ParseOptions) -> Result<WebhookEvent, WebhookError> {
    let text = serde_json::to_string(&value).unwrap();
    Ok(check(&parse_text(&text)?, opts, true)?.into_event())
}

fn hook(name: &str) -> WebhookEvent {
    let path = format!(
        "{}/tests/fixtures/webhooks/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// What `check` says, in the terms of `quick`: the event (as an envelope) and the entity's fields it
/// deletes, when valid with no other fixups.
fn by_check(text: &str) -> Option<(String, Vec<&'static str>)> {
    let root = parse_text(text).ok()?;
    let c = check(&root, &ParseOptions::default(), false).ok()?;
    let mut deleted = Vec::new();
    for f in &c.fixups {
        match f {
            Fixup::Delete { item: None, key } => deleted.push(*key),
            _ => return None,
        }
    }
    deleted.sort_unstable();
    deleted.dedup();
    (!c.flat).then(|| (c.event.to_json(), deleted))
}

fn by_quick(text: &str) -> Option<(String, Vec<&'static str>)> {
    let (e, mask) = quick(text)?;
    let names = known_fields(e.type_name());
    let mut deleted: Vec<&str> = (0..names.len())
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| names[i])
        .collect();
    deleted.sort_unstable();
    Some((e.to_json(), deleted))
}

/// The entity as the package's JS builds it from the tape and the body's text.
fn from_tape(ops: &[f64], text: &str, names: &[&str]) -> Value {
    fn value(ops: &[f64], pos: &mut usize, text: &str, names: &[&str]) -> Value {
        let op = ops[*pos];
        let span = |pos: &usize| &text[ops[*pos + 1] as usize..(ops[*pos + 1] + ops[*pos + 2]) as usize];
        let v = match op {
            x if x == t::OBJ => {
                *pos += 1;
                let mut o = Map::new();
                while ops[*pos] != t::END {
                    let k = if ops[*pos] == t::FIELD {
                        let k = names[ops[*pos + 1] as usize].to_owned();
                        *pos += 2;
                        k
                    } else {
                        assert_eq!(ops[*pos], t::KEYD);
                        let k = span(pos).to_owned();
                        *pos += 3;
                        k
                    };
                    // Items of `converted_videos` have their own known fields.
                    let inner: &[&str] = &["status", "name", "mp4_url"];
                    let v = value(ops, pos, text, inner);
                    o.insert(k, v);
                }
                *pos += 1;
                return Value::Object(o);
            }
            x if x == t::ARR => {
                *pos += 1;
                let mut a = Vec::new();
                while ops[*pos] != t::END {
                    a.push(value(ops, pos, text, &["status", "name", "mp4_url"]));
                }
                *pos += 1;
                return Value::Array(a);
            }
            x if x == t::TRUE => Value::Bool(true),
            x if x == t::FALSE => Value::Bool(false),
            x if x == t::NUM => {
                let n = ops[*pos + 1];
                *pos += 2;
                return Value::from(n as u64);
            }
            x if x == t::STR => Value::String(span(pos).to_owned()),
            x if x == t::ESC => serde_json::from_str(&format!("\"{}\"", span(pos))).unwrap(),
            x if x == t::RAW => serde_json::from_str(span(pos)).unwrap(),
            _ => panic!("bad op {op} at {pos}"),
        };
        *pos += if op == t::TRUE || op == t::FALSE { 1 } else { 3 };
        v
    }
    let mut pos = 0;
    let v = value(ops, &mut pos, text, names);
    assert_eq!(pos, ops.len(), "the tape holds one value");
    v
}

fn agree(text: &str) {
    // The entity tape gives the body's entity as JSON.parse reads it, `null` fields deleted.
    let mut ops = vec![f64::NAN; 3];
    let tape = quick_tape(text, &mut ops);
    if let Some((kind, mask)) = tape {
        let type_name = ENTITIES[kind as usize - 1].0;
        let names = known_fields(type_name);
        let mut expected: Value = serde_json::from_str(text).unwrap();
        let key = if type_name == "video_delete" {
            "video"
        } else {
            type_name
        };
        let mut expected = expected["message"][key].take();
        for (i, name) in names.iter().enumerate() {
            if mask & (1 << i) != 0 {
                expected.as_object_mut().unwrap().remove(*name);
            }
        }
        let mut got = from_tape(&ops, text, names);
        for (i, name) in names.iter().enumerate() {
            if mask & (1 << i) != 0 {
                got.as_object_mut().unwrap().remove(*name);
            }
        }
        assert_eq!(got, expected, "{text}");
    }
    // The tape form (parseWebhook's) answers exactly when the full one does.
    assert_eq!(
        tape.map(|(kind, m)| (ENTITIES[kind as usize - 1].0, m)),
        quick(text)
            .map(|(e, m)| (e.type_name().to_owned(), m))
            .as_ref()
            .map(|(t, m)| (t.as_str(), *m)),
        "{text}"
    );
    if let Some(q) = by_quick(text) {
        assert_eq!(
            Some(q),
            by_check(text),
            "quick accepted what check does not make the same way: {text}"
        );
    }
    // `WebhookTracker.apply`'s fast path reads only what the tracker uses: it answers when `quick`
    // does, and the tracker makes the same of it.
    let lean = quick_for_tracker(text, &mut Vec::new());
    assert_eq!(lean.is_some(), quick(text).is_some(), "{text}");
    if let (Some((full, _)), Some(lean)) = (quick(text), lean) {
        same_tracking(&[full], &[lean], text);
    }
}

/// Trackers fed `a` and `b` give the same results, step by step, and the same snapshot.
fn same_tracking(a: &[WebhookEvent], b: &[WebhookEvent], what: &str) {
    let (mut ta, mut tb) = (Tracker::new(), Tracker::new());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let now = Some(1_000 + i as u64);
        assert_eq!(ta.apply(x, now), tb.apply(y, now), "step {i}: {what}");
    }
    assert_eq!(ta.snapshot(), tb.snapshot(), "{what}");
}

#[test]
fn the_trackers_fast_path_tracks_the_guide_as_the_full_event_does() {
    // The guide's webhooks in its order (interruption and repeats included), through trackers fed
    // the full events and the tracker's lean ones.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/webhooks");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let bodies: Vec<String> = names
        .iter()
        .chain(names.iter().rev())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let full: Vec<_> = bodies.iter().filter_map(|b| quick(b).map(|(e, _)| e)).collect();
    let lean: Vec<_> = bodies
        .iter()
        .filter_map(|b| quick_for_tracker(b, &mut Vec::new()))
        .collect();
    assert_eq!(full.len(), lean.len());
    assert!(full.len() >= 30, "only {} events", full.len());
    // It does leave fields out (else the fast path copies what the tracker never reads).
    assert_ne!(full, lean);
    same_tracking(&full, &lean, "the fixtures");
}

#[test]
fn the_guides_bodies_take_the_quick_path() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/webhooks");
    let mut quick_ones = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        agree(&text);
        let checked = by_check(&text);
        // Every body check accepts without fixups is read quickly, with the same event.
        assert_eq!(by_quick(&text), checked, "{}", path.display());
        quick_ones += usize::from(checked.is_some());
    }
    assert!(quick_ones >= 15, "only {quick_ones} fixtures take the quick path");
}

#[test]
fn edge_cases_agree() {
    for text in [
        r#"{"message":{"stream":{"id":1,"live":true}},"type":"stream"}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true}},"message":{"stream":{"id":2,"live":false}}}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true,"id":3}}}"#,
        r#"{"type":"stream","type":"video","message":{"stream":{"id":1,"live":true}}}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":null}}}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true,"recording":null}}}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true,"stream_source_type":"RTMP"}}}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true,"stream_source_type":"rtm\u0070"}}}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true,"stream_source_type":"ndi"}}}"#,
        r#"{"type":"stream","message":{"stream":{"\u0069d":1,"live":true}}}"#,
        r#"{"type":"vod","message":{"video":{"id":1,"status":"ready"}}}"#,
        r#"{"type":"video","message":{"video":{"id":1}}}"#,
        r#"{"type":"video_delete","message":{"video":{"id":1}}}"#,
        r#"{"type":"video","message":{"video":{"id":1,"status":"Ready"}}}"#,
        r#"{"type":"video","message":{"video":{"id":1,"status":"ready","converted_videos":[{"status":"complete","x":[1,{"y":null}]},{}]}}}"#,
        r#"{"type":"video","message":{"video":{"id":1,"status":"ready","converted_videos":[null]}}}"#,
        r#"{"type":"broadcast","message":{"broadcast":{"id":1,"status":"live","stream_ids":[1,2]}}}"#,
        r#"{"type":"broadcast","message":{"broadcast":{"id":1,"status":"live","stream_ids":[0]}}}"#,
        r#"{"type":"restream","message":{"restream":{"id":9007199254740991}}}"#,
        r#"{"type":"restream","message":{"restream":{"id":9007199254740992}}}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true,"client_user_id":"a\nb"}}}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true,"client_user_id":7}}} "#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true}}} x"#,
        r#"{"type":"stream","message":{"stream":{"id":1.0,"live":true}}}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true},"other":1e999}}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true},"stream":null}}"#,
        r#"{"type":"stream","message":{"stream":{"id":1,"live":true}},"message":null}"#,
    ] {
        agree(text);
    }
    // The quick path takes the plain ones.
    assert!(quick(r#"{"message":{"stream":{"id":1,"live":true}},"type":"stream"}"#).is_some());
    assert!(quick(r#"{"type":"vod","message":{"video":{"id":1,"status":"ready"}}}"#).is_some());
}

/// A value for field `name`: mostly one `check` accepts there, sometimes anything.
fn value_for(name: &'static str) -> BoxedStrategy<String> {
    let valid: Vec<&str> = match name {
        "id" | "stream_id" => vec!["1", "7", "9007199254740991"],
        "live" | "backup_live" | "recording" | "transcoding" | "pull" | "active" => vec!["true", "false"],
        "client_user_id" => vec!["7", "0", "\"u\""],
        "stream_source_type" => vec!["\"rtmp\"", "\"srt\"", "\"ndi\""],
        "status" => vec![
            "\"ready\"",
            "\"live\"",
            "\"pending\"",
            "\"finished\"",
            "\"viewable\"",
        ],
        "converted_videos" => vec![
            "[]",
            "[{\"status\":\"complete\",\"name\":\"720p\"},{\"mp4_url\":\"u\",\"z\":null}]",
        ],
        "duration" => vec!["0", "10"],
        "stream_ids" => vec!["[1,2]", "[]"],
        "extra" => vec!["{\"a\":[1,null]}", "null"],
        _ => vec!["\"x\"", "\"a\\nb\"", "\"\""],
    };
    let any = prop::sample::select(vec![
        "null",
        "true",
        "false",
        "0",
        "1",
        "-1",
        "1.5",
        "1e2",
        "9007199254740992",
        "\"LIVE\"",
        "\"Rtmp\"",
        "\"Ready\"",
        "\"x\\u0041\"",
        "[]",
        "[0]",
        "{}",
        "[{\"status\":\"Error\"}]",
        "[null]",
    ]);
    prop_oneof![4 => prop::sample::select(valid), 1 => any]
        .prop_map(str::to_owned)
        .boxed()
}

/// Bodies shaped like webhooks, mostly valid, with every field name the SDK knows.
fn body() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "id",
        "live",
        "backup_live",
        "recording",
        "transcoding",
        "client_user_id",
        "client_entity_data",
        "pull",
        "uri",
        "stream_source_type",
        "status",
        "converted_videos",
        "slug",
        "name",
        "duration",
        "stream_id",
        "deleted_at",
        "error",
        "active",
        "stream_ids",
        "mp4_url",
        "extra",
        "\\u0069d",
    ]);
    let member = names.prop_flat_map(|k| value_for(k).prop_map(move |v| format!("\"{k}\":{v}")));
    let entity = (prop::collection::vec(member, 0..8), any::<bool>()).prop_map(|(m, with_id)| {
        let mut all = Vec::new();
        if with_id {
            all.push("\"id\":5".to_owned());
            all.push("\"live\":true".to_owned());
            all.push("\"status\":\"live\"".to_owned());
        }
        all.extend(m);
        format!("{{{}}}", all.join(","))
    });
    let kind = prop::sample::select(vec![
        ("stream", "stream"),
        ("video", "video"),
        ("vod", "video"),
        ("video_delete", "video"),
        ("restream", "restream"),
        ("broadcast", "broadcast"),
        ("Stream", "stream"),
        ("stream", "video"),
    ]);
    (kind, prop::collection::vec(entity, 1..3), 0..5u8, any::<bool>()).prop_map(
        |((t, key), es, shape, ws)| {
            let sp = if ws { " " } else { "" };
            let m: Vec<String> = es.iter().map(|e| format!("\"{key}\":{sp}{e}")).collect();
            let m = format!("{{{}}}", m.join(","));
            match shape {
                0 | 4 => format!("{{\"type\":{sp}\"{t}\",\"message\":{m}}}"),
                1 => format!("{{\"message\":{m},{sp}\"type\":\"{t}\"}}"),
                2 => format!("{{\"type\":\"{t}\",\"message\":{m},\"message\":{m}}}"),
                _ => format!("{{\"type\":\"{t}\",\"message\":{m},\"type\":\"{t}\"}}"),
            }
        },
    )
}

#[test]
fn the_generated_bodies_are_often_valid() {
    // Else the property below would test little: count how many the quick path takes.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = body();
    let mut taken = 0;
    for _ in 0..2000 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        taken += usize::from(quick(&text).is_some());
    }
    assert!(
        taken > 100,
        "only {taken} of 2000 generated bodies take the quick path"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    #[test]
    fn quick_never_disagrees_with_check(text in body()) {
        agree(&text);
    }
}

#[test]
fn every_fixture_is_written_back_as_its_json_form() {
    for entry in std::fs::read_dir("tests/fixtures/webhooks").unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let root = parse_text(&text).unwrap();
        let checked = check(&root, &ParseOptions::default(), false).unwrap();
        let mut ours = String::new();
        checked.write_json(&mut ours);
        let expected: Value = serde_json::from_str(&parse(&text).unwrap().to_json()).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&ours).unwrap(), expected, "{text}");
    }
    // Known fields sent as null are left out, known values in lower case, repeated names: the last.
    let text = r#"{"type":"vod","message":{"video":{"id":1,"status":"READY","name":"a","name":null,"x":null,
        "converted_videos":[{"status":"Complete","mp4_url":null,"y":[1]}]}},"z":1}"#;
    let root = parse_text(text).unwrap();
    let mut ours = String::new();
    check(&root, &ParseOptions::default(), false)
        .unwrap()
        .write_json(&mut ours);
    assert_eq!(
        serde_json::from_str::<Value>(&ours).unwrap(),
        json!({"type": "video", "video": {"id": 1, "status": "ready", "x": null,
            "converted_videos": [{"status": "complete", "y": [1]}]}})
    );
}

#[test]
fn the_flat_form_is_accepted_again() {
    let flat: Value = serde_json::from_str(&hook("step04_stream_live").to_json()).unwrap();
    assert_eq!(
        parse_event_value(flat, &ParseOptions::default()).unwrap(),
        hook("step04_stream_live")
    );
    let bad_flat = json!({"type": "stream", "stream": {"id": 1}});
    let e = parse_event_value(bad_flat, &ParseOptions::default()).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        (WebhookErrorCode::MissingField, "stream.live")
    );
}

mod props {
    use super::*;

    proptest! {
        #[test]
        fn the_json_form_written_from_the_body_equals_the_serde_form(v in arb_json(), flat in any::<bool>()) {
            let opts = ParseOptions { allow_unknown_types: true, ..Default::default() };
            let bodies = [v.clone(), json!({"type": "stream", "message": {"stream": v.clone()}}), json!({"type": "video", "video": v})];
            for body in bodies {
                let text = serde_json::to_string(&body).unwrap();
                let root = parse_text(&text).unwrap();
                if let Ok(checked) = check(&root, &opts, flat) {
                    let mut ours = String::new();
                    checked.write_json(&mut ours);
                    let expected = serde_json::to_value(check(&root, &opts, flat).unwrap().into_event()).unwrap();
                    prop_assert_eq!(serde_json::from_str::<Value>(&ours).unwrap(), expected, "{}", text);
                }
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse_webhook(&bytes, &ParseOptions::default());
            let _ = Tracker::restore(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn arbitrary_json_never_panics(v in arb_json()) {
            let opts = ParseOptions { allow_unknown_types: true, ..Default::default() };
            if let Ok(ev) = parse_event_value(v.clone(), &opts) {
                let mut t = Tracker::new();
                t.apply(&ev, None);
                // A parse result parses again to the same event.
                let again: Value = serde_json::from_str(&ev.to_json()).unwrap();
                prop_assert_eq!(parse_event_value(again, &opts).unwrap(), ev);
            }
            let wrapped = json!({"type": "stream", "message": {"stream": v}});
            let _ = parse_webhook(wrapped.to_string().as_bytes(), &opts);
        }
    }

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            prop_oneof![
                Just("stream".to_owned()),
                Just("video".to_owned()),
                Just("live".to_owned()),
                ".{0,8}".prop_map(|s| s)
            ]
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            let keys = prop_oneof![
                Just("type"),
                Just("message"),
                Just("stream"),
                Just("video"),
                Just("id"),
                Just("live"),
                Just("status"),
                Just("broadcast"),
                Just("converted_videos"),
                Just("x")
            ];
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                proptest::collection::vec((keys, inner), 0..5)
                    .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
            ]
        })
    }
}

#[test]
fn the_quick_reader_keeps_statuses_outside_the_documented_values() {
    for text in [
        r#"{"type":"video","message":{"video":{"id":7,"status":"new"}}}"#,
        r#"{"type":"video","message":{"video":{"id":7,"status":"Archived"}}}"#,
        r#"{"type":"broadcast","message":{"broadcast":{"id":3,"status":"scheduled"}}}"#,
    ] {
        assert_eq!(quick(text).map(|(q, _)| q), Some(parse(text).unwrap()), "{text}");
    }
}

#[test]
fn kinds_are_in_the_order_of_the_entities() {
    for (i, (type_name, key, fields)) in ENTITIES.iter().enumerate() {
        let kind = Kind::from_type(type_name).unwrap();
        assert_eq!(kind as usize, i, "{type_name}");
        assert_eq!(kind.type_name(), *type_name);
        assert_eq!(kind.key(), *key);
        assert_eq!(known_fields(type_name), *fields);
    }
}

/// The TypeScript interfaces declare required exactly the fields the validators require: a body of
/// just those is valid (for the quick reader too), and without any one of them it is `missing_field`.
#[test]
fn the_declared_required_fields_are_those_the_validators_require() {
    let value = |f: &FieldDecl| match f.ts {
        "number" => json!(1),
        "boolean" => json!(true),
        "VideoStatus" => json!("ready"),
        "BroadcastStatus" => json!("live"),
        other => panic!("no value of {other} for a required field"),
    };
    for (type_name, key, _) in ENTITIES {
        let decl = DECLARATIONS.iter().find(|d| d.types.contains(type_name)).unwrap();
        let required: Vec<&FieldDecl> = decl
            .fields
            .iter()
            .filter(|f| decl.required.contains(&f.name))
            .collect();
        assert_eq!(required.len(), decl.required.len(), "{type_name}");
        let body = |without: Option<&str>| {
            let entity: Map<String, Value> = required
                .iter()
                .filter(|f| Some(f.name) != without)
                .map(|f| (f.name.to_owned(), value(f)))
                .collect();
            json!({"type": type_name, "message": {*key: entity}}).to_string()
        };
        let all = body(None);
        assert!(parse(&all).is_ok(), "{all}");
        assert!(quick(&all).is_some(), "{all}");
        for f in &required {
            let text = body(Some(f.name));
            let e = parse(&text).unwrap_err();
            assert_eq!(e.code, WebhookErrorCode::MissingField, "{text}");
            assert_eq!(e.path, format!("message.{key}.{}", f.name));
            assert!(quick(&text).is_none(), "{text}");
        }
    }
}

/// A field declared once in an `entities!` table is in the struct, the validator's tables, the
/// TypeScript declarations and the builder.
mod one_table {
    use super::super::fast::{FromTape, TapeIn};
    use super::super::fields::Entity;
    use super::*;

    entities! {
        /// An entity of two fields.
        #[derive(Default)]
        pub struct Probe: PROBE_FIELDS, PROBE_RULES, PROBE_DECLS {
            /// Its id.
            id: StreamId = Id,
            /// The field added.
            added: Option<String> = Str,
        }
    }

    fn read(body: Value) -> Result<Probe, WebhookError> {
        let text = serde_json::to_string(&body).unwrap();
        let root = parse_text(&text)?;
        let json::Value::Obj(members) = &root else {
            panic!("an object")
        };
        let mut fixups = Vec::new();
        let mut entity = Entity {
            strict: false,
            fixups: &mut fixups,
            tape: Vec::new(),
            text: String::new(),
        };
        entity.object(members, "probe", None, PROBE_FIELDS, PROBE_RULES, 0b1)?;
        let (tape, text) = (entity.tape, entity.text);
        Ok(Probe::read(&mut TapeIn::new(&tape, &text, 0, true)).expect("the tape holds a probe"))
    }

    #[test]
    fn a_field_added_to_the_table_is_everywhere() {
        assert_eq!(PROBE_FIELDS, ["id", "added"]);
        assert_eq!(
            PROBE_DECLS[1],
            FieldDecl {
                name: "added",
                ts: "string",
                doc: &[" The field added."],
            }
        );
        let probe = read(json!({"id": 7, "added": "yes", "other": 1})).unwrap();
        assert_eq!(probe.id, StreamId(7));
        assert_eq!(probe.added.as_deref(), Some("yes"));
        assert_eq!(
            serde_json::to_value(&probe).unwrap(),
            json!({"id": 7, "added": "yes"})
        );
        assert_eq!(read(json!({"id": 7})).unwrap().added, None);
        let e = read(json!({"id": 7, "added": 3})).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (WebhookErrorCode::WrongType, "probe.added")
        );
        let e = read(json!({"added": "yes"})).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (WebhookErrorCode::MissingField, "probe.id")
        );
    }
}
