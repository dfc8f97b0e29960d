//! The embedded `Sandbox` walked through the guide in headless Chromium
//! (see tests/wasm_sandbox_shared/cases.rs).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm_sandbox_shared/cases.rs"]
mod cases;
