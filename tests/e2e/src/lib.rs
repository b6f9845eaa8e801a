//! A small WebDriver harness for the real Folio app: starts `tauri-driver` in its own process
//! group with the app's environment, opens a session on the app, finds elements, and always
//! tears everything down — even when a test fails.
//!
//! Every launch gets a home of its own (`HOME` and the XDG folders in a temporary folder), so the
//! web view's saved settings, caches and the remembered archive of whoever runs the tests never
//! leak into a test, and a test run leaves nothing in their home. Everything else (`DISPLAY`,
//! `XDG_RUNTIME_DIR`, `PATH`…) is passed through: tauri-driver and WebKitWebDriver need it.

pub mod desktop;

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub type Result<T> = std::result::Result<T, String>;

/// Types `text` into an input the way a person does, so React sees the change.
pub const TYPE_INTO: &str = r#"
const [selector, text] = arguments;
const input = document.querySelector(selector);
const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
input.focus();
setter.call(input, text);
input.dispatchEvent(new Event('input', { bubbles: true }));
return true;
"#;

/// The app binary under test: `FOLIO_DESKTOP_BIN`, else the shared debug build.
pub fn app_binary() -> PathBuf {
    std::env::var_os("FOLIO_DESKTOP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/folio-desktop")
        })
}

/// The `folio` CLI built beside the app.
pub fn cli_binary() -> PathBuf {
    app_binary().with_file_name("folio")
}

/// The profile variables a launch gets its own folders for, and where each goes in its home.
pub const PROFILE_VARIABLES: [(&str, &str); 5] = [
    ("HOME", ""),
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_CONFIG_HOME", ".config"),
    ("XDG_CACHE_HOME", ".cache"),
    ("XDG_STATE_HOME", ".local/state"),
];

pub struct Driver {
    child: Child,
    base: String,
    agent: ureq::Agent,
    /// The launch's own home; removed after the processes have ended (fields drop after `drop`).
    home: tempfile::TempDir,
}

impl Driver {
    /// Starts tauri-driver on a free port with a fresh home; `env` is passed down to the app it
    /// launches.
    pub fn start(env: &[(&str, &Path)]) -> Result<Self> {
        let home = tempfile::Builder::new()
            .prefix("folio-e2e-home.")
            .tempdir()
            .map_err(|e| format!("cannot make a home for the app: {e}"))?;
        let port = free_port()?;
        let native_port = free_port()?;
        let mut command = Command::new(tauri_driver());
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            // Its own process group, so that ending the group also ends WebKitWebDriver and the
            // app; killing tauri-driver alone leaves them holding the test's output open.
            .process_group(0);
        if let Some(native) = which("WebKitWebDriver") {
            command.arg("--native-driver").arg(native);
        }
        for (variable, folder) in PROFILE_VARIABLES {
            let path = home.path().join(folder);
            std::fs::create_dir_all(&path).map_err(|e| format!("cannot make {folder}: {e}"))?;
            command.env(variable, path);
        }
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command
            .spawn()
            .map_err(|e| format!("cannot start tauri-driver: {e}"))?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let driver = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
            agent,
            home,
        };
        // tauri-driver passes a new session on to WebKitWebDriver, which it starts beside itself:
        // a session asked for before that one listens is dropped ("peer disconnected").
        driver.wait_until_listening(port, "tauri-driver")?;
        driver.wait_until_listening(native_port, "WebKitWebDriver")?;
        Ok(driver)
    }

    /// The home this launch runs with (`HOME`; the XDG folders are inside it).
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// The processes this launch started and that still run — WebKitWebDriver, the app, its
    /// web processes — read from `/proc` as descendants of tauri-driver (Linux, where these tests
    /// run), for measuring them.
    pub fn processes(&self) -> Vec<u32> {
        let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
                    .filter_map(|pid| Some((pid, parent_of(pid)?)))
                    .collect()
            })
            .unwrap_or_default();
        let mut found = vec![self.child.id()];
        let mut next = 0;
        while next < found.len() {
            let parent = found[next];
            found.extend(
                parents
                    .iter()
                    .filter(|(_, p)| *p == parent)
                    .map(|(c, _)| *c),
            );
            next += 1;
        }
        found.remove(0);
        found
    }

    fn wait_until_listening(&self, port: u16, who: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(());
            }
            sleep(Duration::from_millis(100));
        }
        Err(format!("{who} did not start listening within 30 s"))
    }

    /// Launches the app and opens a WebDriver session on its window.
    pub fn session(&self, app: &Path) -> Result<Session<'_>> {
        let body = json!({
            "capabilities": {"alwaysMatch": {
                "browserName": "wry",
                "tauri:options": {"application": app.display().to_string()}
            }}
        });
        let value = self.request("POST", "/session", Some(body))?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {value}"))?
            .to_string();
        Ok(Session { driver: self, id })
    }

    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        let url = format!("{}{}", self.base, path);
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, Some(body)) => self.agent.post(&url).send_json(body),
            (_, None) => self.agent.post(&url).send_json(json!({})),
        };
        let mut response = response.map_err(|e| format!("{method} {path}: {e}"))?;
        let status = response.status();
        let value: Value = response
            .body_mut()
            .read_json()
            .map_err(|e| format!("{method} {path}: {e}"))?;
        if !status.is_success() {
            return Err(format!(
                "{method} {path}: HTTP {status}: {}",
                value["value"]
            ));
        }
        Ok(value.get("value").cloned().unwrap_or(Value::Null))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM to the whole group, then make sure.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        sleep(Duration::from_millis(300));
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

pub struct Session<'a> {
    driver: &'a Driver,
    id: String,
}

impl Session<'_> {
    fn path(&self, rest: &str) -> String {
        format!("/session/{}{}", self.id, rest)
    }

    /// Runs a script in the page and returns its value.
    pub fn execute(&self, script: &str, args: Value) -> Result<Value> {
        self.driver.request(
            "POST",
            &self.path("/execute/sync"),
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Runs an asynchronous script; it finishes by calling its last argument with the result.
    pub fn execute_async(&self, script: &str, args: Value, timeout: Duration) -> Result<Value> {
        let ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
        self.driver
            .request("POST", &self.path("/timeouts"), Some(json!({"script": ms})))?;
        self.driver.request(
            "POST",
            &self.path("/execute/async"),
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Calls a command of the app exactly as the UI does, through Tauri's IPC.
    pub fn invoke(&self, command: &str, args: Value, timeout: Duration) -> Result<Value> {
        self.invoke_answer(command, args, timeout)?
            .map_err(|error| format!("{command} failed: {error}"))
    }

    /// Calls a command as `invoke` does, answering its rejection (the `{code, message}` error)
    /// as the inner `Err`, for tests of what the app refuses.
    pub fn invoke_answer(
        &self,
        command: &str,
        args: Value,
        timeout: Duration,
    ) -> Result<std::result::Result<Value, Value>> {
        let script = "const done = arguments[arguments.length - 1];
            window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(
                (value) => done({ok: value}),
                (error) => done({error: error}));";
        let answer = self.execute_async(script, json!([command, args]), timeout)?;
        Ok(match answer.get("ok") {
            Some(value) => Ok(value.clone()),
            None => Err(answer["error"].clone()),
        })
    }

    /// Waits until some element matching `css` has text containing `needle`.
    pub fn wait_for_text(&self, css: &str, needle: &str, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            let found = self.execute(
                "return Array.from(document.querySelectorAll(arguments[0]))
                    .some((e) => e.textContent.includes(arguments[1]));",
                json!([css, needle]),
            )?;
            if found == Value::Bool(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                let body = self
                    .execute(
                        "return document.body ? document.body.innerText : '';",
                        json!([]),
                    )
                    .unwrap_or_default();
                return Err(format!(
                    "no {css} with {needle:?} within {timeout:?}; page: {body}"
                ));
            }
            sleep(Duration::from_millis(200));
        }
    }

    /// Waits until `css` matches an element, then returns its text.
    pub fn text_of(&self, css: &str, timeout: Duration) -> Result<String> {
        let deadline = Instant::now() + timeout;
        loop {
            let found = self.execute(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
                json!([css]),
            )?;
            if let Some(text) = found.as_str() {
                return Ok(text.to_string());
            }
            if Instant::now() > deadline {
                let body = self
                    .execute(
                        "return document.body ? document.body.innerText : '';",
                        json!([]),
                    )
                    .unwrap_or_default();
                return Err(format!(
                    "no element {css} within {timeout:?}; page shows: {body}"
                ));
            }
            sleep(Duration::from_millis(200));
        }
    }

    pub fn title(&self) -> Result<String> {
        Ok(self
            .driver
            .request("GET", &self.path("/title"), None)?
            .as_str()
            .unwrap_or("")
            .into())
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = self.driver.request("DELETE", &self.path(""), None);
    }
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = which("tauri-driver") {
        return path;
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin/tauri-driver")
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// The parent of a process, from `/proc/PID/stat` ("PID (name) STATE PPID …").
fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}
