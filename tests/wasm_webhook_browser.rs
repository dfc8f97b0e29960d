//! The webhook exports, called as JavaScript calls them, in headless Chromium.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm_webhook_shared/cases.rs"]
mod cases;
