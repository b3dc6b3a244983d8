//! The `xaman-proxy` binary: its start lines, static files, live-mode credentials, --help, and a
//! clean exit on SIGTERM.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_xaman-proxy");
const SANDBOX_KEY: &str = "c0ffee00-5a4d-4b0b-8a11-000000000001";
const SANDBOX_SECRET: &str = "5ec7e700-0000-4000-8000-000000000002";

/// A spawned proxy, killed on drop if still running.
struct Proc {
    child: Child,
    lines: Vec<String>,
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Proc {
    fn labels(&self) -> HashMap<String, String> {
        self.lines
            .iter()
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    /// Sends SIGTERM and waits for the exit status.
    fn terminate(mut self) -> std::process::ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "no exit 10 s after SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("XAMAN_API_KEY")
        .env_remove("XAMAN_API_SECRET");
    cmd
}

/// `xaman-proxy --sandbox` on free ports, then `args`.
fn sandbox_command(args: &[&str]) -> Command {
    let mut cmd = command(&["--sandbox", "--port", "0", "--sandbox-port", "0"]);
    cmd.args(args);
    cmd
}

/// Spawns and reads stdout up to `ready`.
fn spawn_ready(mut cmd: Command) -> Proc {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut proc = Proc {
        child,
        lines: Vec::new(),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) if line == "ready" => return proc,
            Ok(line) => proc.lines.push(line),
            Err(_) => {
                let mut err = String::new();
                if let Some(mut stderr) = proc.child.stderr.take() {
                    let _ = proc.child.kill();
                    let _ = stderr.read_to_string(&mut err);
                }
                panic!("no `ready`; stdout {:?}, stderr {err}", proc.lines);
            }
        }
    }
}

async fn get(url: &str) -> reqwest::Response {
    reqwest::get(url)
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"))
}

#[tokio::test]
async fn sandbox_start_lines_static_files_and_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(
        www.join("index.html"),
        "<!doctype html><title>demo page</title>",
    )
    .unwrap();
    std::fs::write(pkg.join("xaman_wasm_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(pkg.join("index.js"), "export const x = 1;").unwrap();
    let db = dir.path().join("s.db");

    let mut cmd = sandbox_command(&[]);
    cmd.arg("--www")
        .arg(&www)
        .arg("--pkg")
        .arg(&pkg)
        .arg("--db")
        .arg(&db);
    let proc = spawn_ready(cmd);
    let l = proc.labels();
    for label in [
        "app",
        "proxy api",
        "platform",
        "oauth",
        "phone",
        "xapp host",
        "api key",
        "api secret",
        "policy",
    ] {
        assert!(
            l.contains_key(label),
            "missing `{label}:` in {:?}",
            proc.lines
        );
    }
    let app = &l["app"];
    let platform = &l["platform"];
    assert!(
        app.starts_with("http://127.0.0.1:") && app.ends_with('/'),
        "{app}"
    );
    assert!(
        platform.starts_with("http://127.0.0.1:") && !platform.ends_with('/'),
        "{platform}"
    );
    assert_ne!(app.trim_end_matches('/'), platform);
    assert_eq!(l["proxy api"], format!("{}api/xaman", app));
    assert_eq!(l["oauth"], format!("{platform}/oauth2"));
    assert_eq!(l["phone"], format!("{platform}/sandbox/phone"));
    assert_eq!(l["xapp host"], format!("{platform}/sandbox/xapp?url="));
    assert_eq!(l["api key"], SANDBOX_KEY);
    assert_eq!(l["api secret"], SANDBOX_SECRET);
    assert_eq!(l["policy"], "none: only SignIn is allowed");
    assert_eq!(l["db"], db.to_str().unwrap());

    let index = get(app).await;
    assert_eq!(index.status(), 200);
    assert!(index.text().await.unwrap().contains("demo page"));
    let wasm = get(&format!("{app}pkg/xaman_wasm_bg.wasm")).await;
    assert_eq!(wasm.status(), 200);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    let js = get(&format!("{app}pkg/index.js")).await;
    assert!(js.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(get(&format!("{app}pkg/missing.js")).await.status(), 404);

    let config: Value = get(&format!("{}/config", l["proxy api"]))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(config["endpoint"], platform.as_str());
    assert_eq!(config["oauthEndpoint"], format!("{platform}/oauth2"));
    assert_eq!(config["apiKey"], SANDBOX_KEY);
    let ping = reqwest::Client::new()
        .get(format!("{platform}/api/v1/platform/ping"))
        .header("x-api-key", SANDBOX_KEY)
        .header("x-api-secret", SANDBOX_SECRET)
        .send()
        .await
        .unwrap();
    assert_eq!(
        ping.status(),
        200,
        "the sandbox listener serves the platform at its root"
    );
    let webhook = ping.json::<Value>().await.unwrap()["auth"]["application"]["webhookurl"].clone();
    assert_eq!(
        webhook,
        format!("{}/webhook", l["proxy api"]),
        "the proxy registered its webhook"
    );

    let status = proc.terminate();
    assert!(status.success(), "graceful exit: {status:?}");
}

#[tokio::test]
async fn live_mode_needs_credentials_and_never_prints_the_secret() {
    let out = command(&["--port", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("XAMAN_API_KEY") && err.contains("XAMAN_API_SECRET"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    let out = command(&["--port", "0"])
        .env("XAMAN_API_KEY", "not-a-uuid")
        .env("XAMAN_API_SECRET", "x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UUID"));

    let dir = tempfile::tempdir().unwrap();
    let key = "6d1f0c2a-3b4c-4d5e-8f60-718293a4b5c6";
    let secret = "9e8d7c6b-5a49-4382-a716-05f4e3d2c1b0";
    let mut cmd = command(&["--port", "0"]);
    cmd.arg("--db")
        .arg(dir.path().join("live.db"))
        .env("XAMAN_API_KEY", key)
        .env("XAMAN_API_SECRET", secret);
    let proc = spawn_ready(cmd);
    let l = proc.labels();
    assert_eq!(l["platform"], "https://xumm.app");
    assert_eq!(l["oauth"], "https://oauth2.xumm.app");
    assert_eq!(l["api key"], key);
    assert!(
        !l.contains_key("api secret") && !l.contains_key("phone"),
        "{:?}",
        proc.lines
    );
    assert!(!proc.lines.join("\n").contains(secret));
    let config: Value = get(&format!("{}/config", l["proxy api"]))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        config,
        serde_json::json!({"apiKey": key, "endpoint": "https://xumm.app", "oauthEndpoint": "https://oauth2.xumm.app"})
    );
    assert!(proc.terminate().success());
    assert!(
        dir.path().join("live.db").exists(),
        "the session database was created"
    );
}

#[test]
fn policy_file_is_named_in_the_start_line_and_bad_ones_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("policy.toml");
    std::fs::write(&good, "transaction_types = [\"SignIn\", \"Payment\"]\ndestinations = [\"*\"]\n[max_amounts]\nXRP = 1000000\n").unwrap();
    let mut cmd = sandbox_command(&[]);
    cmd.arg("--policy").arg(&good);
    let proc = spawn_ready(cmd);
    assert_eq!(proc.labels()["policy"], good.to_str().unwrap());
    drop(proc);

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "transaction_types = [\"Payment\"]\nmax_amount = 5\n").unwrap();
    let out = sandbox_command(&["--policy", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("max_amount"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = sandbox_command(&["--allow-origin", "http://x.test/path"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-origin"));
}

#[test]
fn help_documents_flags_environment_policy_and_sandbox_credentials() {
    let out = command(&["--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--sandbox",
        "--port",
        "--sandbox-port",
        "--www",
        "--pkg",
        "--db",
        "--policy",
        "--allow-origin",
        "--upstream",
        "--host",
        "XAMAN_API_KEY",
        "XAMAN_API_SECRET",
        SANDBOX_KEY,
        SANDBOX_SECRET,
        "transaction_types",
        "max_amounts",
        ":memory:",
        "SIGTERM",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
}
