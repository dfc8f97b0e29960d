//! The small JSON reader/writer (`domain::json`) against `serde_json` as the oracle.
#![cfg(not(target_family = "wasm"))]

use gcore_streaming::domain::json;
use proptest::prelude::*;
use serde_json::Value;

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::vec(("[a-z\"\\\\é]{0,4}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Texts near JSON: fragments glued together, so that both valid and subtly invalid inputs come up.
fn near_json() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just(" ".to_owned()),
        Just("\"a\"".to_owned()),
        Just("\"\\u00e9\\n\"".to_owned()),
        Just("\"\\ud83d\\ude00\"".to_owned()),
        Just("\"\\ud83d\"".to_owned()),
        Just("\"\\x\"".to_owned()),
        Just("true".to_owned()),
        Just("nul".to_owned()),
        Just("null".to_owned()),
        Just("-0".to_owned()),
        Just("01".to_owned()),
        Just("1.5e3".to_owned()),
        Just("1e999".to_owned()),
        Just("-".to_owned()),
        Just("1.".to_owned()),
        Just("18446744073709551616".to_owned()),
        "[0-9]{1,3}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|p| p.concat())
}

fn ours_as_serde(text: &str) -> Option<Value> {
    let v = json::parse(text).ok()?;
    let mut out = String::new();
    v.write(&mut out);
    serde_json::from_str(&out).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn accepts_exactly_what_serde_json_accepts(text in near_json()) {
        let theirs: Option<Value> = serde_json::from_str(&text).ok();
        prop_assert_eq!(ours_as_serde(&text), theirs, "{}", text);
    }

    #[test]
    fn reads_what_serde_json_writes(v in arb_json(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { serde_json::to_string(&v).unwrap() };
        // (Compared with serde_json's own reading: it does not round-trip every float exactly.)
        prop_assert_eq!(ours_as_serde(&text), serde_json::from_str(&text).ok());
        let mut compact = String::new();
        json::parse(&text).unwrap().write(&mut compact);
        prop_assert_eq!(compact, serde_json::to_string(&v).unwrap());
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,64}") {
        let theirs = serde_json::from_str::<Value>(&text).is_ok();
        prop_assert_eq!(json::parse(&text).is_ok(), theirs, "{:?}", text);
    }

    #[test]
    fn strings_decode_as_serde_json_decodes(s in ".{0,16}") {
        let mut text = String::new();
        json::write_str(&mut text, &s);
        prop_assert_eq!(&text, &serde_json::to_string(&s).unwrap());
        let json::Value::Str(read) = json::parse(&text).unwrap() else { panic!() };
        prop_assert_eq!(read.decode(), s.clone());
        prop_assert!(read.is(&s));
    }
}
