//! A throwaway PostgreSQL cluster for the tests, started by `pg_virtualenv` (Debian's
//! postgresql-common; it works as root too) in a temporary folder of its own (`-t`: as root it
//! would otherwise be the one cluster named "regress", and two runs at once would collide), with
//! trust authentication, one per test binary run, and a fresh database per test. The cluster goes away when this process ends.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub struct Cluster {
    _child: Child,
    _dir: tempfile::TempDir,
    host: String,
    port: String,
    user: String,
    password: String,
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();
static DATABASES: AtomicU32 = AtomicU32::new(0);

/// The address of a new, empty database in the shared test cluster.
pub fn new_database() -> String {
    let cluster = CLUSTER.get_or_init(Cluster::start);
    let name = format!(
        "team_{}_{}",
        std::process::id(),
        DATABASES.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = postgres::Client::connect(&cluster.url("postgres"), postgres::NoTls)
        .expect("the test cluster accepts connections");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("a test database is created");
    cluster.url(&name)
}

/// Removes a test database, as if the team's server had lost it.
pub fn drop_database(url: &str) {
    let cluster = CLUSTER.get().expect("the cluster runs");
    let name = url.rsplit('/').next().unwrap();
    let mut admin = postgres::Client::connect(&cluster.url("postgres"), postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .unwrap();
}

impl Cluster {
    fn start() -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        let env_file = dir.path().join("env");
        // The shell inside the cluster's life writes its connection settings, then lives as long
        // as this test process does; when it ends, pg_virtualenv removes the cluster.
        let script = format!(
            "env > '{0}.part' && mv '{0}.part' '{0}'; while kill -0 {1} 2>/dev/null; do sleep 0.5; done",
            env_file.display(),
            std::process::id()
        );
        let child = Command::new("pg_virtualenv")
            .args(["-t", "-i", "-A trust", "sh", "-c", &script])
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
        Cluster {
            // A socket folder cannot go in a URL; the cluster also listens on localhost.
            host: if host.starts_with('/') {
                "localhost".into()
            } else {
                host
            },
            port: get("PGPORT"),
            user: get("PGUSER"),
            password: get("PGPASSWORD"),
            _child: child,
            _dir: dir,
        }
    }

    fn url(&self, database: &str) -> String {
        format!(
            "postgres://{}:{}@{}:{}/{database}",
            self.user, self.password, self.host, self.port
        )
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
