//! The client over fetch in headless Chromium (cross-origin: the test server sends CORS headers).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/wasm_client_cases.rs"]
mod cases;
