//! TypeScript declarations of the models (`models.d.ts`), shared by every entry of the package.
//! A host test (`tests/ts_models.rs`) checks them against the Rust models so they can not drift.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const MODELS: &str = include_str!("models.d.ts");
