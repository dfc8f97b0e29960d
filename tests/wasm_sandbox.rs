//! The embedded `Sandbox` walked through the guide in Node (see tests/wasm_sandbox_shared/cases.rs).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "wasm_sandbox_shared/cases.rs"]
mod cases;
