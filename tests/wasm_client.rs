//! The client over fetch in Node against the scripted test server (see tests/support/wasm_client_cases.rs).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/wasm_client_cases.rs"]
mod cases;
