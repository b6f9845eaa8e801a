//! A throwaway PostgreSQL cluster for the tests, started by `pg_virtualenv` (Debian's
//! postgresql-common; it works as root too) with trust authentication, one per test binary run,
//! and a fresh database per test; and clusters of their own for the tests that need other
//! settings (passwords, TLS). A cluster goes away when this process ends.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub struct Cluster {
    child: Child,
    dir: tempfile::TempDir,
    host: String,
    port: String,
    user: String,
    password: String,
    /// The variables that name the cluster to `pg_ctlcluster` (its configuration root, version).
    control: Vec<(String, String)>,
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();
static DATABASES: AtomicU32 = AtomicU32::new(0);

/// The address of a new, empty database in the shared test cluster.
pub fn new_database() -> String {
    CLUSTER.get_or_init(Cluster::start).new_database()
}

/// Removes a test database, as if the team's server had lost it.
pub fn drop_database(url: &str) {
    let cluster = CLUSTER.get().expect("the cluster runs");
    let name = url.rsplit('/').next().unwrap();
    let mut admin = cluster.admin();
    admin
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .unwrap();
}

/// A name no other test of this run uses (roles belong to the whole cluster).
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        DATABASES.fetch_add(1, Ordering::SeqCst)
    )
}

/// `url` with another login role and no password.
pub fn as_role(url: &str, role: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (_, place) = rest.split_once('@').unwrap();
    format!("{scheme}://{role}@{place}")
}

impl Cluster {
    fn start() -> Cluster {
        Cluster::start_with(&["-i", "-A trust"])
    }

    /// A cluster of its own, started with these `pg_virtualenv` options (`-i "-A md5"`,
    /// `-o ssl=off`, …); it goes away when the returned value is dropped or the process ends.
    pub fn start_with(options: &[&str]) -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        let env_file = dir.path().join("env");
        let stop_file = dir.path().join("stop");
        // The shell inside the cluster's life writes its connection settings, then lives as long
        // as this test process does (or until told to stop); when it ends, pg_virtualenv
        // removes the cluster.
        let script = format!(
            "env > '{0}.part' && mv '{0}.part' '{0}'; while kill -0 {1} 2>/dev/null && [ ! -e '{2}' ]; do sleep 0.5; done",
            env_file.display(),
            std::process::id(),
            stop_file.display()
        );
        // Clusters of one run may start at once: each in a folder of its own (`-t`, also as
        // root, where the cluster would otherwise be the one "regress" in /etc/postgresql) on a
        // port of its own.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new("pg_virtualenv")
            .env("PGPORT", port.to_string())
            .arg("-t")
            .args(options)
            .args(["sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("pg_virtualenv runs (scripts/setup.sh --test installs postgresql)");
        let env = wait_for(&env_file);
        let get = |name: &str| {
            env.lines()
                .find_map(|line| line.strip_prefix(&format!("{name}=")))
                .unwrap_or_else(|| panic!("pg_virtualenv set no {name}"))
                .to_owned()
        };
        let host = get("PGHOST");
        let control = env
            .lines()
            .filter_map(|line| line.split_once('='))
            .filter(|(name, _)| name.starts_with("PG"))
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        Cluster {
            control,
            // A socket folder cannot go in a URL; the cluster also listens on localhost.
            host: if host.starts_with('/') {
                "localhost".into()
            } else {
                host
            },
            port: get("PGPORT"),
            user: get("PGUSER"),
            password: get("PGPASSWORD"),
            child,
            dir,
        }
    }

    /// Stops the server as an administrator would (`pg_ctlcluster … stop`, fast mode: open
    /// sessions are ended, their transactions rolled back); its data stays for [`Self::start_server`].
    #[allow(dead_code)]
    pub fn stop_server(&self) {
        self.pg_ctlcluster(&["stop", "-m", "fast"]);
    }

    /// Starts the stopped server again, and waits until it takes connections.
    #[allow(dead_code)]
    pub fn start_server(&self) {
        self.pg_ctlcluster(&["start"]);
        let deadline = Instant::now() + Duration::from_secs(60);
        while postgres::Client::connect(&self.url("postgres"), postgres::NoTls).is_err() {
            assert!(
                Instant::now() < deadline,
                "the test cluster did not start again"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn pg_ctlcluster(&self, action: &[&str]) {
        let version = self
            .control
            .iter()
            .find(|(name, _)| name == "PGVERSION")
            .map(|(_, value)| value.clone())
            .expect("pg_virtualenv names the cluster's version");
        let status = Command::new("pg_ctlcluster")
            .envs(self.control.iter().map(|(n, v)| (n.as_str(), v.as_str())))
            .args([version.as_str(), "regress"])
            .args(action)
            .status()
            .expect("pg_ctlcluster runs");
        assert!(status.success(), "pg_ctlcluster {action:?} failed");
    }

    /// The superuser's address of `database`, with its password.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://{}:{}@{}:{}/{database}",
            self.user, self.password, self.host, self.port
        )
    }

    /// The superuser's login role (the CLI's tests sign in with it).
    #[allow(dead_code)]
    pub fn superuser(&self) -> &str {
        &self.user
    }

    /// The superuser's password.
    #[allow(dead_code)]
    pub fn password(&self) -> &str {
        &self.password
    }

    /// A connection to the cluster's `postgres` database as its superuser.
    pub fn admin(&self) -> postgres::Client {
        postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .expect("the test cluster accepts connections")
    }

    /// The address of a new, empty database in this cluster.
    pub fn new_database(&self) -> String {
        let name = unique("team");
        self.admin()
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("a test database is created");
        self.url(&name)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = std::fs::write(self.dir.path().join("stop"), "");
        let _ = self.child.wait();
    }
}

fn wait_for(file: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if let Ok(text) = std::fs::read_to_string(file) {
            return text;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the test PostgreSQL cluster did not start within 2 minutes");
}
