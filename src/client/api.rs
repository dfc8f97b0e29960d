//! [`Client::call`]: any operation of the generated table ([`crate::domain::api::OPERATIONS`]) with
//! the client's headers, timeouts, retries and typed errors.

use super::{CallOptions, Client, ClientError, Transport};
use crate::domain::api::ApiOperation;
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
}
