//! Wire-faithful models of the platform's resources (docs/platform.md: every field optional, unknown fields kept).
//!
//! Field names are the API's snake_case JSON names. Every field is optional unless the API guarantees
//! it, unknown fields are kept in `extra` (so nothing is lost on a round trip), and enumerations keep
//! unknown values (see [`enums`]).

use crate::prelude::*;

/// Declares a JSON model: a struct with the derives every model shares (`Clone`, `Debug`,
/// `Default`, `PartialEq`, serde, and ts-rs in tests with `optional_fields`) and `None` fields left
/// out of the JSON. Each field is `pub name: Type,` (doc comments and attributes allowed) with two
/// shorthands:
/// - `pub name: Option<T> | null,`: the API may send `null`, which reads as absent (in TypeScript
///   `name?: T | null`);
/// - `pub name: Nullable<T>,`: a setting that can be left out, cleared (`null`) or set (see
///   [`crate::domain::request::Nullable`]).
///
/// A last `..extra` adds the field `extra: Extra` that keeps every field the model does not know.
macro_rules! model {
    ($(#[$attr:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $crate::domain::model::model!(@fields [$(#[$attr])* pub struct $name] [] $($body)*);
    };
    (@fields $head:tt [$($done:tt)*] .. $extra:ident) => {
        $crate::domain::model::model!(@emit $head [$($done)*
            /// Every field the SDK does not model: kept as read, sent as given.
            #[serde(flatten)]
            #[cfg_attr(test, ts(skip))]
            pub $extra: $crate::domain::model::Extra,
        ]);
    };
    (@fields $head:tt [$($done:tt)*]) => {
        $crate::domain::model::model!(@emit $head [$($done)*]);
    };
    (@fields $head:tt [$($done:tt)*]
        $(#[$m:meta])* pub $field:ident: Nullable<$ty:ty>, $($rest:tt)*) => {
        $crate::domain::model::model!(@fields $head [$($done)*
            $(#[$m])*
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                with = "::serde_with::rust::double_option"
            )]
            #[cfg_attr(test, ts(as = "_"))]
            pub $field: Nullable<$ty>,
        ] $($rest)*);
    };
    (@fields $head:tt [$($done:tt)*]
        $(#[$m:meta])* pub $field:ident: $ty:ty | null, $($rest:tt)*) => {
        $crate::domain::model::model!(@fields $head [$($done)*
            $(#[$m])*
            #[cfg_attr(test, ts(optional = nullable))]
            pub $field: $ty,
        ] $($rest)*);
    };
    (@fields $head:tt [$($done:tt)*] $(#[$m:meta])* pub $field:ident: $ty:ty, $($rest:tt)*) => {
        $crate::domain::model::model!(@fields $head [$($done)* $(#[$m])* pub $field: $ty,] $($rest)*);
    };
    (@emit [$(#[$attr:meta])* pub struct $name:ident] [$($fields:tt)*]) => {
        $(#[$attr])*
        #[::serde_with::skip_serializing_none]
        #[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
        pub struct $name {
            $($fields)*
        }
    };
}
pub(crate) use model;

pub mod broadcast;
pub mod enums;
pub mod error;
pub mod recording;
pub mod stream;
#[cfg(all(test, not(target_family = "wasm")))]
mod typescript;
pub mod video;

pub use broadcast::Broadcast;
pub use enums::{
    BroadcastStatus, ConvertedVideoStatus, Projection, RecordType, StreamSourceType, VideoStatus,
};
pub use error::{ErrorBody, FieldErrors};
pub use recording::{RecordingNotice, StartRecordingResult};
pub use stream::Stream;
pub use video::{ConvertedVideo, Video};

/// Fields a model does not know, kept as sent.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A millisecond count that may come fractional (`43989.5`; the official SDK takes such values),
/// rounded to the nearest millisecond; `null` reads as absent.
pub(crate) fn millis<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    use serde::Deserialize;
    match Option::<f64>::deserialize(d)? {
        None => Ok(None),
        // (`f64::round` is std-only; for a non-negative value `+ 0.5` then truncation rounds.)
        Some(x) if x.is_finite() && (0.0..1.8e19).contains(&x) => Ok(Some((x + 0.5) as u64)),
        Some(_) => Err(serde::de::Error::custom(
            "expected a non-negative number of milliseconds",
        )),
    }
}

/// A list that may come as `null` (the official SDK takes it): `null` reads as empty.
pub(crate) fn list_or_null<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    use serde::Deserialize;
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}
