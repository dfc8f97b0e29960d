//! `gcore-streaming-sandbox`: the platform emulator as an HTTP server on loopback.

#[cfg(not(target_family = "wasm"))]
fn main() {
    eprintln!(
        "gcore-streaming-sandbox {}: not implemented yet",
        gcore_streaming::VERSION
    );
    std::process::exit(2);
}

#[cfg(target_family = "wasm")]
fn main() {}
