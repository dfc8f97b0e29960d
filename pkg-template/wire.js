// Generated from the Rust definitions by tests/generated.rs (GENERATE=1 cargo test --test generated):
// do not edit.
/** The tape's opcodes (`op` in src/domain/json/tape.rs). */
export const OBJ = 1, ARR = 2, END = 3, NULL = 4, TRUE = 5, FALSE = 6, NUM = 7, STR = 8, SYM = 9, KEY = 10, KEYD = 11, ESC = 12, RAW = 13, FIELD = 14;
/** Where things are (`layout` in src/domain/json/tape.rs). */
export const RESULT_HEADER = 10, PARSE_CODES = 16384, KIND_BITS = 3;
