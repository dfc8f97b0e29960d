//! Wire-faithful models of the platform's resources (docs/platform.md: every field optional, unknown fields kept).
//!
//! Field names are the API's snake_case JSON names. Every field is optional unless the API guarantees
//! it, unknown fields are kept in `extra` (so nothing is lost on a round trip), and enumerations keep
//! unknown values (see [`enums`]).

use crate::prelude::*;

/// Declares a JSON model: a struct with the derives every model shares (`Clone`, `Debug`,
/// `Default`, `PartialEq`, serde, and ts-rs in tests with `optional_fields`) and `None` fields left
/// out of the JSON. Each field is `pub name: Type,` (doc comments and attributes allowed), or:
/// - `pub name: Option<T> | null,`: a field the API may send as `null`. In a model it is an
///   `Option<T>` (`null` reads as absent; in TypeScript `name?: T | null`); in a struct marked
///   `#[settings]` (a request body) it is a [`Nullable<T>`](crate::domain::request::Nullable):
///   left out, sent as `null` (cleared) or set;
/// - `..list,`: the fields that the macro `list!` (such as `stream_settings!`) declares, so that a
///   resource's settings are declared once for its model and for its request body;
/// - a last `..extra`: the field `extra: Extra`, which keeps every field the struct does not know.
macro_rules! model {
    (#[settings] $(#[$attr:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $crate::domain::model::model!(@fields settings [$(#[$attr])* pub struct $name] [] $($body)*);
        $crate::domain::model::model!(@fields schema $name [] $($body)*);
    };
    ($(#[$attr:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $crate::domain::model::model!(@fields model [$(#[$attr])* pub struct $name] [] $($body)*);
    };
    // `schema`: a settings struct's `MEMBERS` (name and kind of each field, in order), what the JS
    // binding's parameter reader checks and writes.
    (@fields schema $name:ident [$($done:tt)*] $(.. $extra:ident)?) => {
        #[cfg(feature = "client")]
        impl $name {
            /// The known members: name and kind, in declaration order.
            pub(crate) const MEMBERS: &'static [(&'static str, $crate::domain::request::Kind)] =
                &[$($done)*];
        }
    };
    (@fields schema $name:ident [$($done:tt)*]
        $(#[$m:meta])* pub $field:ident: Option<$ty:ty> | null, $($rest:tt)*) => {
        $crate::domain::model::model!(@fields schema $name [$($done)*
            (stringify!($field), <$ty as $crate::domain::request::NullableMember>::KIND),
        ] $($rest)*);
    };
    (@fields schema $name:ident [$($done:tt)*]
        $(#[$m:meta])* pub $field:ident: Option<$ty:ty>, $($rest:tt)*) => {
        $crate::domain::model::model!(@fields schema $name [$($done)*
            (stringify!($field), <$ty as $crate::domain::request::Member>::KIND),
        ] $($rest)*);
    };
    (@fields $mode:ident $head:tt [$($done:tt)*] .. $extra:ident) => {
        $crate::domain::model::model!(@emit $head [$($done)*
            /// Every field the SDK does not model: kept as read, sent as given.
            #[serde(flatten)]
            #[cfg_attr(test, ts(skip))]
            pub $extra: $crate::domain::model::Extra,
        ]);
    };
    (@fields $mode:ident $head:tt [$($done:tt)*]) => {
        $crate::domain::model::model!(@emit $head [$($done)*]);
    };
    (@fields $mode:ident $head:tt [$($done:tt)*] .. $list:ident, $($rest:tt)*) => {
        $list! { [$mode $head [$($done)*]] $($rest)* }
    };
    (@fields model $head:tt [$($done:tt)*]
        $(#[$m:meta])* pub $field:ident: Option<$ty:ty> | null, $($rest:tt)*) => {
        $crate::domain::model::model!(@fields model $head [$($done)*
            $(#[$m])*
            #[cfg_attr(test, ts(optional = nullable))]
            pub $field: Option<$ty>,
        ] $($rest)*);
    };
    (@fields settings $head:tt [$($done:tt)*]
        $(#[$m:meta])* pub $field:ident: Option<$ty:ty> | null, $($rest:tt)*) => {
        $crate::domain::model::model!(@fields settings $head [$($done)*
            $(#[$m])*
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                with = "::serde_with::rust::double_option"
            )]
            #[cfg_attr(test, ts(as = "_"))]
            pub $field: $crate::domain::request::Nullable<$ty>,
        ] $($rest)*);
    };
    (@fields $mode:ident $head:tt [$($done:tt)*]
        $(#[$m:meta])* pub $field:ident: $ty:ty, $($rest:tt)*) => {
        $crate::domain::model::model!(@fields $mode $head [$($done)* $(#[$m])* pub $field: $ty,] $($rest)*);
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

pub mod enums;
pub mod error;
pub mod resources;
#[cfg(all(test, not(target_family = "wasm")))]
mod typescript;

pub use enums::{
    BroadcastStatus, ConvertedVideoStatus, Projection, RecordType, StreamSourceType, VideoStatus,
};
pub use error::{ErrorBody, FieldErrors};
pub(crate) use resources::{broadcast_settings, stream_settings};
pub use resources::{Broadcast, ConvertedVideo, RecordingNotice, StartRecordingResult, Stream, Video};

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
