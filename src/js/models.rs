//! TypeScript declarations of the models (`models.d.ts`), shared by every entry of the package.
//! Generated from the Rust models (`src/domain/model/typescript.rs`, a host test that fails when the
//! committed file is not current).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const MODELS: &str = include_str!("models.d.ts");
