//! Wire-faithful models of the platform's resources (fact sheet §6–§8, §10).
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
