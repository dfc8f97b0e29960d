//! The result of `PUT /streaming/streams/{id}/start_recording`.

use crate::domain::ids::StreamId;
use crate::prelude::*;

model! {
    /// What `start_recording` answered: 204 gives the default (no data, no warnings); 200 carries the
    /// stream's storage figures and warnings such as `client_storage_almost_exceeded`.
    pub struct StartRecordingResult {
        /// The stream and the account's storage figures.
        pub data: Option<StartRecordingData>,
        /// Warnings (recording started anyway); `null` reads as none.
        #[serde(default, deserialize_with = "super::list_or_null")]
        pub warnings: Vec<RecordingNotice>,
        /// Errors reported alongside a 200; `null` reads as none.
        #[serde(default, deserialize_with = "super::list_or_null")]
        pub errors: Vec<RecordingNotice>,
    }
}

model! {
    /// `data` of a 200 `start_recording` answer.
    pub struct StartRecordingData {
        /// The stream.
        pub stream: Option<RecordingStream>,
        ..extra
    }
}

model! {
    /// `data.stream` of a 200 `start_recording` answer.
    pub struct RecordingStream {
        /// The stream's id.
        pub id: Option<StreamId>,
        /// The account's storage figures.
        pub client: Option<RecordingClient>,
        ..extra
    }
}

model! {
    /// The account's storage figures.
    pub struct RecordingClient {
        /// Account id.
        pub id: Option<u64>,
        /// Storage limit in MB.
        pub storage_limit_mb: Option<u64>,
        /// Storage used in MB.
        pub storage_usage_mb: Option<f64>,
        ..extra
    }
}

model! {
    /// A warning or error of `start_recording`, e.g. `{"key": "client_storage_almost_exceeded", …}`.
    pub struct RecordingNotice {
        /// Machine-readable key, e.g. `client_storage_almost_exceeded`.
        pub key: Option<String>,
        /// Free-form details.
        pub meta: Option<serde_json::Value>,
        /// What the notice is about, e.g. `{"id": 58725, "type": "client"}`.
        pub source_object: Option<SourceObject>,
        ..extra
    }
}

model! {
    /// The object a recording notice is about.
    pub struct SourceObject {
        /// Its id.
        pub id: Option<u64>,
        /// Its type, e.g. `client`.
        #[serde(rename = "type")]
        pub kind: Option<String>,
    }
}
