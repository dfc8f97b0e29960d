//! Wire-faithful models of the platform's resources (docs/platform.md: every field optional, unknown fields kept).
//!
//! Field names are the API's snake_case JSON names. Every field is optional unless the API guarantees
//! it, unknown fields are kept in `extra` (so nothing is lost on a round trip), and enumerations keep
//! unknown values (see [`enums`]).

use crate::prelude::*;
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
