//! The webhook exports, called as JavaScript calls them, in Node.
#![cfg(target_arch = "wasm32")]

#[path = "wasm_webhook_shared/cases.rs"]
mod cases;
