//! [`Client::call`]: any operation of the generated table ([`crate::domain::api::OPERATIONS`]) with
//! the client's headers, timeouts, retries and typed errors.

use super::{CallOptions, Client, ClientError, Transport};
use crate::domain::api::{self, ApiOperation};
use crate::domain::request::Operation;
use crate::prelude::*;
use serde_json::Value;

impl<T: Transport> Client<T> {
    /// Calls `op` with `params` (every argument under its wire name: see
    /// [`ApiOperation::request`]): the answer's JSON, or `None` for an empty answer or an operation
    /// whose answer is not JSON.
    ///
    /// ```no_run
    /// # async fn f(client: &gcore_streaming::client::Client<gcore_streaming::client::native::HyperTransport>) {
    /// use gcore_streaming::domain::api;
    /// let op = api::operation("players.list").unwrap();
    /// let page = client.call(op, &serde_json::json!({ "page": 1 }), &Default::default()).await;
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`ClientError`]: invalid parameters, the API's error, a transport failure after the retries
    /// allowed, or a 2xx body that is not JSON (`invalid_response`).
    pub async fn call(
        &self,
        op: &ApiOperation,
        params: &Value,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Option<Value>, ClientError> {
        let req = op.request(params).map_err(ClientError::InvalidParams)?;
        let raw = self.execute_raw(&req, opts).await?;
        if !op.json || raw.body.trim().is_empty() {
            return Ok(None);
        }
        serde_json::from_str(&raw.body)
            .map(Some)
            .map_err(|_| ClientError::InvalidResponse {
                operation: Operation::Call,
                status: raw.status,
                message: "unexpected response body: not valid JSON".to_owned(),
            })
    }

    /// Creates a video (`videos.create`: status `empty`) and gets the parameters of its direct
    /// upload (`videos.get_parameters_for_direct_upload`): `{servers, token, video}`, what a browser's
    /// tus client (the npm package's `uploadVideo`) needs, without the API key. `video` holds the
    /// fields of `POST /streaming/videos`'s `video` (`name` is required).
    ///
    /// # Errors
    /// As [`Client::call`]; an answer to the creation without a video id is `invalid_response`.
    pub async fn create_direct_upload(
        &self,
        video: &Value,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Value, ClientError> {
        let invalid = |message: &str| ClientError::InvalidResponse {
            operation: Operation::Call,
            status: 200,
            message: message.to_owned(),
        };
        let (Some(create), Some(params)) = (
            api::operation("videos.create"),
            api::operation("videos.get_parameters_for_direct_upload"),
        ) else {
            return Err(invalid("the API table lacks the video operations"));
        };
        let created = self
            .call(create, &serde_json::json!({ "video": video }), opts)
            .await?
            .unwrap_or(Value::Null);
        // The spec writes the answer as an array of videos; the platform (and the official SDK) a video.
        let first = match &created {
            Value::Array(items) => items.first().cloned().unwrap_or(Value::Null),
            other => other.clone(),
        };
        let Some(id) = first.get("id").and_then(Value::as_u64) else {
            return Err(invalid("unexpected response body: no video id"));
        };
        self.call(params, &serde_json::json!({ "video_id": id }), opts)
            .await?
            .ok_or_else(|| invalid("unexpected response body: empty"))
    }
}
