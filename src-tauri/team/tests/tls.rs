//! Encrypted connections to the team's database: a cluster whose certificate a test CA signed
//! (made here with the `openssl` command), reached with `sslmode=require`, `verify-ca` and
//! `verify-full` with and without that CA; and a cluster without TLS, refused in words.

use std::path::{Path, PathBuf};
use std::process::Command;

use folio_team::address::DatabaseAddress;
use folio_team::log::TeamLog;

use crate::postgres::Cluster;

/// A test CA and a server certificate it signed for `localhost` (only), in `dir`.
struct Certificates {
    ca: PathBuf,
    server_cert: PathBuf,
    server_key: PathBuf,
}

fn openssl(dir: &Path, args: &[&str]) {
    let output = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl runs (scripts/setup.sh --test installs it)");
    assert!(
        output.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn make_certificates(dir: &Path) -> Certificates {
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
    openssl(
        dir,
        &[
            &["req", "-x509", "-nodes", "-days", "3"][..],
            &ec,
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-subj",
                "/CN=Folio test CA",
            ],
            &["-addext", "basicConstraints=critical,CA:TRUE"],
            &["-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        ]
        .concat(),
    );
    openssl(
        dir,
        &[
            &["req", "-nodes"][..],
            &ec,
            &[
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost",
            ],
        ]
        .concat(),
    );
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n\
         keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "3",
            "-out",
            "server.pem",
            "-extfile",
            "server.ext",
        ],
    );
    let certificates = Certificates {
        ca: dir.join("ca.pem"),
        server_cert: dir.join("server.pem"),
        server_key: dir.join("server.key"),
    };
    // The server reads its key only when no one else may: as root, pg_virtualenv runs the
    // cluster as the postgres user, who then owns the files.
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(
        &certificates.server_key,
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    if std::fs::metadata(&certificates.server_key).unwrap().uid() == 0 {
        let status = Command::new("chown")
            .arg("postgres")
            .arg(&certificates.server_key)
            .arg(&certificates.server_cert)
            .status()
            .unwrap();
        assert!(status.success());
    }
    certificates
}

fn connect(url: &str) -> Result<(), String> {
    let address = DatabaseAddress::parse(url).map_err(|e| e.to_string())?;
    let mut log = TeamLog::connect(&address).map_err(|e| e.to_string())?;
    // A query through the connection, so the handshake surely happened.
    log.last_seq().map(|_| ()).or_else(|e| {
        // The team schema is not installed in this database: the error came through TLS.
        assert!(e.to_string().contains("folio.log"), "{e}");
        Ok(())
    })
}

#[test]
fn a_server_with_a_certificate_from_the_teams_ca_is_reached_and_checked_as_sslmode_says() {
    let dir = tempfile::tempdir().unwrap();
    let certificates = make_certificates(dir.path());
    let cert = format!("ssl_cert_file={}", certificates.server_cert.display());
    let key = format!("ssl_key_file={}", certificates.server_key.display());
    let cluster = Cluster::start_with(&["-i", "-A trust", "-o", "ssl=on", "-o", &cert, "-o", &key]);
    let database = cluster.new_database();
    let ca = certificates.ca.display();

    connect(&format!("{database}?sslmode=require")).unwrap();
    connect(&format!("{database}?sslmode=verify-full&sslrootcert={ca}")).unwrap();
    connect(&format!("{database}?sslmode=verify-ca&sslrootcert={ca}")).unwrap();
    // The certificate is made out to localhost, not to the same server by its address.
    let by_other_name = database.replace("@localhost:", "@127.0.0.1:");
    let error = connect(&format!(
        "{by_other_name}?sslmode=verify-full&sslrootcert={ca}"
    ))
    .unwrap_err();
    assert!(
        error.contains(
            "the certificate of 127.0.0.1 cannot be trusted (it is not made out to 127.0.0.1)"
        ),
        "{error}"
    );
    connect(&format!(
        "{by_other_name}?sslmode=verify-ca&sslrootcert={ca}"
    ))
    .unwrap();

    // Without the team's CA, the server cannot be trusted: said in words.
    let error = connect(&format!("{database}?sslmode=verify-full")).unwrap_err();
    assert_eq!(
        error,
        "the team's database: the certificate of localhost cannot be trusted (it is not signed by a CA this computer trusts); give the CA that signed it with sslrootcert=PATH in the address, or ask the database's admin"
    );
    // `require` given a CA checks the server against it, as PostgreSQL's tools do.
    let other = tempfile::tempdir().unwrap();
    let stranger = make_certificates(other.path());
    let error = connect(&format!(
        "{database}?sslmode=require&sslrootcert={}",
        stranger.ca.display()
    ))
    .unwrap_err();
    assert!(
        error.contains("not signed by a CA this computer trusts"),
        "{error}"
    );

    let missing = dir.path().join("no-such-ca.pem");
    let error = connect(&format!(
        "{database}?sslmode=verify-full&sslrootcert={}",
        missing.display()
    ))
    .unwrap_err();
    assert!(
        error.contains(&format!(
            "the CA certificate {} (sslrootcert) cannot be read",
            missing.display()
        )),
        "{error}"
    );
}

#[test]
fn a_server_without_tls_is_refused_when_the_address_requires_it() {
    let cluster = Cluster::start_with(&["-i", "-A trust", "-o", "ssl=off"]);
    let database = cluster.new_database();
    connect(&database).unwrap();
    connect(&format!("{database}?sslmode=prefer")).unwrap();
    for mode in ["require", "verify-full"] {
        let error = connect(&format!("{database}?sslmode={mode}")).unwrap_err();
        assert_eq!(
            error,
            format!(
                "the team's database: localhost does not offer encrypted (TLS) connections, and the address asks for them (sslmode={mode}); ask the database's admin to turn on ssl"
            )
        );
    }
}
