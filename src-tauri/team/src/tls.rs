//! TLS for the team's database, on rustls (ring) as everywhere else in Folio: the address's
//! `sslmode` and `sslrootcert` as PostgreSQL's own tools read them. `prefer` and `require`
//! encrypt without checking the server (unless `require` is given a CA, which then checks it as
//! `verify-ca` does); `verify-ca` checks that a trusted CA signed the server's certificate;
//! `verify-full` also that the certificate names the host. The CAs trusted are those of
//! `sslrootcert` when given, else the system's.

use std::sync::Arc;

use postgres::config::SslMode as ClientSslMode;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::address::{SslMode, TlsSettings};
use crate::{Error, Result};

/// What the PostgreSQL client asks of the server.
pub(crate) fn client_mode(tls: &TlsSettings) -> ClientSslMode {
    match tls.mode {
        SslMode::Disable => ClientSslMode::Disable,
        SslMode::Prefer => ClientSslMode::Prefer,
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => ClientSslMode::Require,
    }
}

/// The TLS connector for these settings.
pub(crate) fn connector(tls: &TlsSettings) -> Result<MakeRustlsConnect> {
    // ring, as for the rest of Folio's TLS (it builds with a C compiler alone everywhere);
    // rustls deprecates its provider only for lacking post-quantum key exchange.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let check = match (tls.mode, &tls.root_cert) {
        (SslMode::Disable | SslMode::Prefer, _) | (SslMode::Require, None) => Check::Nothing,
        (SslMode::Require | SslMode::VerifyCa, _) => Check::Signer,
        (SslMode::VerifyFull, _) => Check::SignerAndName,
    };
    let verifier: Arc<dyn ServerCertVerifier> = match check {
        Check::Nothing => Arc::new(Unchecked {
            algorithms: provider.signature_verification_algorithms,
        }),
        Check::Signer | Check::SignerAndName => {
            let webpki = WebPkiServerVerifier::builder_with_provider(
                Arc::new(roots(tls)?),
                provider.clone(),
            )
            .build()
            .map_err(|e| Error::Database(format!("the trusted CAs cannot be used: {e}")))?;
            if check == Check::Signer {
                Arc::new(SignerOnly(webpki))
            } else {
                webpki
            }
        }
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Database(format!("TLS cannot be set up: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Nothing,
    Signer,
    SignerAndName,
}

/// The CAs trusted: `sslrootcert`'s, else the system's.
fn roots(tls: &TlsSettings) -> Result<RootCertStore> {
    let mut roots = RootCertStore::empty();
    match &tls.root_cert {
        Some(path) => {
            let unreadable = |e: &dyn std::fmt::Display| {
                Error::Database(format!(
                    "the CA certificate {} (sslrootcert) cannot be read: {e}",
                    path.display()
                ))
            };
            let certificates = CertificateDer::pem_file_iter(path)
                .map_err(|e| unreadable(&e))?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| unreadable(&e))?;
            let (added, _) = roots.add_parsable_certificates(certificates);
            if added == 0 {
                return Err(unreadable(&"it holds no certificate in PEM form"));
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            roots.add_parsable_certificates(found.certs);
        }
    }
    Ok(roots)
}

/// `verify-ca`: a trusted CA signed the certificate, whatever host it names.
#[derive(Debug)]
struct SignerOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for SignerOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// `prefer` and `require` without a CA: encrypted, the server's certificate taken as it comes
/// (its handshake signatures are still checked).
#[derive(Debug)]
struct Unchecked {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}
