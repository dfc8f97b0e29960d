//! Actions: the next steps the guide prescribes, as data a caller can execute.

use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::request::{ApiRequest, Method, Operation};
use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

/// One API call the guide says to make next, e.g. "the stream is live: set the broadcast live".
///
/// JSON shape (what JS receives): `{ "operation": "update_broadcast", "broadcast_id": 192470,
/// "body": {"broadcast": {"status": "live"}}, "reason": "…", "step": 5 }`.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// The API operation to call.
    pub operation: Operation,
    /// The stream it concerns (path id for stream operations).
    pub stream_id: Option<StreamId>,
    /// The broadcast it concerns (path id for broadcast operations).
    pub broadcast_id: Option<BroadcastId>,
    /// The video it concerns (path id for video operations).
    pub video_id: Option<VideoId>,
    /// The exact JSON body to send, already wrapped (e.g. `{"broadcast": {"status": "live"}}`).
    pub body: Option<serde_json::Value>,
    /// Why, in words (for logs and UIs).
    pub reason: String,
    /// The guide's step number, when the action is one of its 19 steps.
    pub step: Option<u8>,
}

impl Action {
    /// The request that performs this action, or `None` when an id the operation needs is missing.
    pub fn request(&self) -> Option<ApiRequest> {
        let (method, path) = match self.operation {
            Operation::CreateStream => (Method::Post, "/streaming/streams".to_owned()),
            Operation::ListStreams => (Method::Get, "/streaming/streams".to_owned()),
            Operation::CreateBroadcast => (Method::Post, "/streaming/broadcasts".to_owned()),
            Operation::ListBroadcasts => (Method::Get, "/streaming/broadcasts".to_owned()),
            Operation::ListVideos => (Method::Get, "/streaming/videos".to_owned()),
            Operation::GetStream => (Method::Get, format!("/streaming/streams/{}", self.stream_id?)),
            Operation::UpdateStream => (Method::Patch, format!("/streaming/streams/{}", self.stream_id?)),
            Operation::DeleteStream => (Method::Delete, format!("/streaming/streams/{}", self.stream_id?)),
            Operation::StartRecording => (
                Method::Put,
                format!("/streaming/streams/{}/start_recording", self.stream_id?),
            ),
            Operation::StopRecording => (
                Method::Put,
                format!("/streaming/streams/{}/stop_recording", self.stream_id?),
            ),
            Operation::GetBroadcast => (
                Method::Get,
                format!("/streaming/broadcasts/{}", self.broadcast_id?),
            ),
            Operation::UpdateBroadcast => (
                Method::Patch,
                format!("/streaming/broadcasts/{}", self.broadcast_id?),
            ),
            Operation::DeleteBroadcast => (
                Method::Delete,
                format!("/streaming/broadcasts/{}", self.broadcast_id?),
            ),
            Operation::GetVideo => (Method::Get, format!("/streaming/videos/{}", self.video_id?)),
            Operation::DeleteVideo => (Method::Delete, format!("/streaming/videos/{}", self.video_id?)),
        };
        Some(ApiRequest {
            operation: self.operation,
            method,
            path,
            query: Vec::new(),
            body: self.body.as_ref().map(ToString::to_string),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_becomes_the_request_it_names() {
        let a = Action {
            operation: Operation::UpdateBroadcast,
            stream_id: Some(StreamId(320423)),
            broadcast_id: Some(BroadcastId(192470)),
            video_id: None,
            body: Some(serde_json::json!({"broadcast": {"status": "live"}})),
            reason: "the stream is live".into(),
            step: Some(5),
        };
        let r = a.request().unwrap();
        assert_eq!(
            (r.method, r.path.as_str()),
            (Method::Patch, "/streaming/broadcasts/192470")
        );
        assert_eq!(r.body.as_deref(), Some(r#"{"broadcast":{"status":"live"}}"#));
        let json = serde_json::to_string(&a).unwrap();
        assert!(
            json.starts_with(r#"{"operation":"update_broadcast","stream_id":320423"#),
            "{json}"
        );
        let missing = Action {
            operation: Operation::GetVideo,
            ..a
        };
        assert!(missing.request().is_none());
    }
}
