//! The fast path's exports: the input buffer, `__gsParse`, result tapes (read by `pkg-template/fast.js`).

use super::*;

/// Set when the package's JS (`pkg-template/fast.js`), which wraps every method returning an
/// `ApplyResult`, first asks for the memory (`__gsMemory`): results come back as the address of
/// their tape instead of an object.
static TAPE_RESULTS: AtomicBool = AtomicBool::new(false);

/// The result as a JS object (through JSON text), or its tape's address for the package's JS.
///
/// The package's builds (no `std`) always answer tapes: every entry installs `fast.js`, whose
/// wrappers switch tapes on before any method that returns an `ApplyResult` runs, so the JSON
/// branch would be dead code there (~130 B gzip). Builds with `std` (the wasm tests, which call the
/// exports without `fast.js`) keep it.
pub(super) fn result_js(r: &crate::domain::webhook::ApplyResult) -> Result<JsValue, JsValue> {
    #[cfg(feature = "std")]
    if !TAPE_RESULTS.load(Relaxed) {
        return js_sys::JSON::parse(&r.to_json());
    }
    Ok(JsValue::from_f64(result_tape(r) as f64))
}

/// Writes `r` into the scratch tape for `fast.js`; its address, or 0 (busy). Layout: a header of
/// `TAPE_HEADER` numbers: ops after the header, bytes address, bytes length, `outcome` (address,
/// length of the literal), `stage` (the same, or 0, 0 for `null`), then where `entity`, `changes` and
/// `actions` start among the ops; then the ops (each of the three a value of its own).
pub(super) fn result_tape(r: &crate::domain::webhook::ApplyResult) -> usize {
    with_scratch(|s| {
        let tape = &mut s.tape;
        tape.clear();
        tape.ops.extend_from_slice(&[0.0; TAPE_HEADER]);
        let at = |t: &Tape| t.ops.len().saturating_sub(TAPE_HEADER) as f64;
        let entity = at(tape);
        r.write_entity(tape);
        let changes = at(tape);
        r.write_changes(tape);
        let actions = at(tape);
        r.write_actions(tape);
        let literal = |s: &'static str| [s.as_ptr() as usize as f64, s.len() as f64];
        let [outcome, outcome_len] = literal(r.outcome.as_str());
        let [stage, stage_len] = r.stage.map_or([0.0, 0.0], |s| literal(s.as_str()));
        let head = [
            at(tape),
            tape.bytes.as_ptr() as usize as f64,
            tape.bytes.len() as f64,
            outcome,
            outcome_len,
            stage,
            stage_len,
            entity,
            changes,
            actions,
        ];
        if let Some(h) = tape.ops.get_mut(..TAPE_HEADER) {
            h.copy_from_slice(&head);
        }
        tape.ops.as_ptr() as usize
    })
    .unwrap_or(0)
}

/// Numbers before the ops of a result tape.
const TAPE_HEADER: usize = layout::RESULT_HEADER;

// ------------------------------------------------------------------ the fast path
//
// The package's JavaScript (`pkg-template/fast.js`) calls these for string bodies instead of the
// exports above: it writes the body's UTF-8 straight into `Scratch::input` (`TextEncoder.encodeInto`,
// no allocation per call), and reads results from a `Tape` in wasm memory (no JSON text to decode
// and parse). Anything off the fast path (an error, a BOM, an option) answers "slow path" and the
// caller repeats the call through the exports above, which throw the precise error.

#[derive(Default)]
pub(super) struct Scratch {
    pub(super) input: Vec<u8>,
    pub(super) tape: Tape,
    /// The entity tape of the last `__gsParse`.
    pub(super) entity: Vec<f64>,
}

/// The module's one scratch space (made at first use). wasm32 without threads runs one call at a
/// time, and nothing run on the scratch calls into JS, so the lock is never contended.
static SCRATCH: SpinMutex<Option<Box<Scratch>>> = SpinMutex::new(None);

/// Runs `f` on the scratch space, taken out of the lock for the time of the call: a trap inside `f`
/// (out of memory) unwinds nothing, and leaves no scratch space behind (the next call makes a new
/// one) instead of a lock held forever, so the next call works (the package's JS asks for a new
/// input buffer after a trap).
pub(super) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> Option<R> {
    let mut s = scratch(None)?;
    let r = f(&mut s);
    scratch(Some(s));
    Some(r)
}

/// Takes the scratch space out of the lock (`None`: made when absent), or puts it back.
#[inline(never)]
fn scratch(back: Option<Box<Scratch>>) -> Option<Box<Scratch>> {
    let taking = back.is_none();
    let out = core::mem::replace(&mut *SCRATCH.try_lock()?, back);
    // Putting back, `out` is the empty slot.
    if taking {
        Some(out.unwrap_or_default())
    } else {
        out
    }
}

/// (Internal to the package's JS.) The address of a buffer of at least `len` bytes for the next
/// body, or 0.
#[wasm_bindgen(js_name = __gsInput, skip_typescript)]
pub fn gs_input(len: usize) -> usize {
    with_scratch(|s| {
        if s.input.len() < len {
            s.input.resize(len, 0);
        }
        s.input.as_mut_ptr() as usize
    })
    .unwrap_or(0)
}

/// (Internal to the package's JS, once, at its first use.) The module's memory; from now on,
/// methods that return an `ApplyResult` return the address of its tape (see `result_tape`).
#[wasm_bindgen(js_name = __gsMemory, skip_typescript)]
pub fn gs_memory() -> JsValue {
    TAPE_RESULTS.store(true, Relaxed);
    wasm_bindgen::memory()
}

/// The body in the input buffer, when it can take the fast path (valid UTF-8, no BOM, not too large).
pub(super) fn scratch_text(input: &[u8], len: usize) -> Option<&str> {
    let text = core::str::from_utf8(input.get(..len)?).ok()?;
    (len <= ParseOptions::default().max_bytes && !text.starts_with('\u{feff}')).then_some(text)
}

/// (Internal to the package's JS.) Validates the `len` bytes in the input buffer as a webhook with
/// the default options. Returns 0 (take the slow path: an error, or the event differs from the
/// body's entity by more than `null` fields), or `code + layout::PARSE_CODES × address`: `code` holds in its
/// `layout::KIND_BITS` low bits
/// the event's kind (its place in `event::ENTITIES`, from 1; `vod` is `video`) and
/// above them the mask of the entity's known fields sent as `null` (see [`quick_tape`]); at `address`
/// (8-aligned) is the entity as an entity tape (a `json::Tape`'s format, spans into the body). The event
/// is `{type, [entity]: <the tape's object>}`, which is also `message[entity]` of `JSON.parse(body)`
/// with those fields deleted.
#[wasm_bindgen(js_name = __gsParse, skip_typescript)]
pub fn gs_parse(len: usize) -> f64 {
    with_scratch(|s| {
        let Scratch { input, entity, .. } = s;
        let Some(text) = scratch_text(input, len) else {
            return 0.0;
        };
        let Some((kind, nulls)) = quick_tape(text, entity) else {
            return 0.0;
        };
        f64::from(kind | (nulls << layout::KIND_BITS))
            + f64::from(layout::PARSE_CODES) * entity.as_ptr() as usize as f64
    })
    .unwrap_or(0.0)
}
