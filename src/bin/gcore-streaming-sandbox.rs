//! `gcore-streaming-sandbox`: the platform emulator as an HTTP server on loopback.
//!
//! ```text
//! gcore-streaming-sandbox --listen 127.0.0.1:8787 --webhook-url http://127.0.0.1:3000/webhooks
//! ```

#[cfg(not(target_family = "wasm"))]
mod native {
    use clap::Parser;
    use gcore_streaming::domain::platform::time::{parse_iso8601, DEFAULT_START_MS};
    use gcore_streaming::domain::platform::PlatformConfig;
    use gcore_streaming::server::{start, summary, Chaos, ServerConfig};
    use std::net::SocketAddr;
    use std::time::Duration;

    /// A faithful local emulator of the Gcore Streaming Platform API, with its webhooks.
    #[derive(Parser)]
    #[command(name = "gcore-streaming-sandbox", version, about, long_about = None)]
    struct Args {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: SocketAddr,
        /// Accept only this API key (`Authorization: APIKey <key>`); default: any key.
        #[arg(long, env = "GCORE_SANDBOX_API_KEY", hide_env_values = true)]
        api_key: Option<String>,
        /// Accept `Authorization: Bearer <token>` with this token only; default: no bearer token (an
        /// API key sent as a bearer token is refused, as the platform does).
        #[arg(long, env = "GCORE_SANDBOX_BEARER_TOKEN", hide_env_values = true)]
        bearer_token: Option<String>,
        /// Items per page of the lists (1-100; the video list's default `per_page`).
        #[arg(long, default_value_t = 25, value_parser = clap::value_parser!(u64).range(1..=100))]
        page_size: u64,
        /// Simulated ms between ingest starting (`transcoding: false`) and `transcoding: true`.
        #[arg(long, default_value_t = 1000)]
        transcoding_delay_ms: u64,
        /// POST each webhook here as JSON (repeatable; http:// only).
        #[arg(long = "webhook-url")]
        webhook_url: Vec<String>,
        /// Simulated time factor (2 = twice as fast; 0 = clock stopped, moved only by /_sandbox/advance).
        #[arg(long, default_value_t = 1.0)]
        speed: f64,
        /// Seed of push tokens, slugs and delivery chaos.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Active-stream quota.
        #[arg(long, default_value_t = 3)]
        quota: u32,
        /// Simulated ms between enabling a stream and its publisher connecting.
        #[arg(long, default_value_t = 2000)]
        publisher_delay_ms: u64,
        /// Do not connect publishers automatically (use POST /_sandbox/streams/{id}/connect).
        #[arg(long)]
        no_auto_connect: bool,
        /// Simulated ms between start_recording and `recording: true`.
        #[arg(long, default_value_t = 1000)]
        recording_start_delay_ms: u64,
        /// Simulated ms from the end of a recording to `viewable`.
        #[arg(long, default_value_t = 3000)]
        viewable_after_ms: u64,
        /// Simulated ms from the end of a recording to `ready`.
        #[arg(long, default_value_t = 6000)]
        ready_after_ms: u64,
        /// Simulated start time (ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z).
        #[arg(long)]
        start: Option<String>,
        /// Probability (0–1) of dropping a webhook delivery.
        #[arg(long, default_value_t = 0.0)]
        webhook_drop: f64,
        /// Probability (0–1) of delivering a webhook twice.
        #[arg(long, default_value_t = 0.0)]
        webhook_duplicate: f64,
        /// Delay each delivery by a random 0–N ms (reorders webhooks).
        #[arg(long, default_value_t = 0)]
        webhook_reorder_ms: u64,
        /// Timeout of one webhook POST, in ms.
        #[arg(long, default_value_t = 10_000)]
        webhook_timeout_ms: u64,
        /// No request or webhook log lines.
        #[arg(long)]
        quiet: bool,
    }

    pub fn main() -> std::process::ExitCode {
        let args = Args::parse();
        let start_ms = match args.start.as_deref().map(parse_iso8601) {
            None => DEFAULT_START_MS,
            Some(Some(ms)) => ms,
            Some(None) => {
                eprintln!("error: --start must look like 2026-01-01T00:00:00Z");
                return std::process::ExitCode::from(2);
            }
        };
        let config = ServerConfig {
            platform: PlatformConfig {
                api_key: args.api_key.filter(|k| !k.is_empty()),
                bearer_token: args.bearer_token.filter(|k| !k.is_empty()),
                page_size: usize::try_from(args.page_size).unwrap_or(25),
                transcoding_delay_ms: args.transcoding_delay_ms,
                quota: args.quota,
                publisher_delay_ms: args.publisher_delay_ms,
                auto_connect: !args.no_auto_connect,
                recording_start_delay_ms: args.recording_start_delay_ms,
                viewable_after_ms: args.viewable_after_ms,
                ready_after_ms: args.ready_after_ms,
                seed: args.seed,
                ..PlatformConfig::default()
            },
            webhook_urls: args.webhook_url,
            speed: args.speed,
            start_ms,
            chaos: Chaos {
                drop_rate: args.webhook_drop,
                duplicate_rate: args.webhook_duplicate,
                reorder_ms: args.webhook_reorder_ms,
            },
            delivery_timeout: Duration::from_millis(args.webhook_timeout_ms),
            log: !args.quiet,
        };
        if let Err(e) = config.validate() {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(2);
        }
        let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
            Ok(rt) => rt,
            Err(e) => {
                eprintln!("error: cannot start the runtime: {e}");
                return std::process::ExitCode::FAILURE;
            }
        };
        rt.block_on(async move {
            let running = match start(args.listen, config.clone()).await {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: cannot listen on {}: {e}", args.listen);
                    return std::process::ExitCode::FAILURE;
                }
            };
            eprintln!("{}", summary(&config, running.addr()));
            if !running.addr().ip().is_loopback() {
                eprintln!(
                    "warning: listening on {} beyond loopback: anyone who can reach it can use the API{}",
                    running.addr(),
                    if config.platform.api_key.is_some() {
                        " with the key"
                    } else {
                        " and the control endpoints (no --api-key set)"
                    }
                );
            }
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("shutting down");
            running.stop().await;
            std::process::ExitCode::SUCCESS
        })
    }
}

#[cfg(not(target_family = "wasm"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_family = "wasm")]
fn main() {}
