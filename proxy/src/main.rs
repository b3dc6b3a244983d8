//! `xaman-proxy`: see `xaman-proxy --help`.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use xaman_proxy::cli::Cli;
use xaman_proxy::server;

async fn stop_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Cli::parse().into_config() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("xaman-proxy: {message}");
            return ExitCode::from(2);
        }
    };
    let running = match server::start(config).await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("xaman-proxy: {e}");
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        for line in running.start_lines() {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out, "ready");
        let _ = out.flush();
    }
    stop_signal().await;
    running.shutdown().await;
    ExitCode::SUCCESS
}
