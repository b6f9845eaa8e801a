//! Team database passwords in the operating system's keychain, one per database address (the
//! address without password or TLS settings): Keychain on macOS, Credential Manager on Windows,
//! Secret Service (GNOME Keyring, KWallet) on Linux, or the kernel's keyring (keyutils: kept
//! until logout) when no Secret Service answers. Never in a file of the archive, never in a log.

use std::sync::Once;

use keyring::Entry;

use crate::address::DatabaseAddress;
use crate::{Error, Result};

/// The keychain's name for Folio's team passwords.
const SERVICE: &str = "Folio team database";

/// Keeps `password` as the one for `address`'s database, replacing any before.
pub fn store(address: &DatabaseAddress, password: &str) -> Result<()> {
    entry(address)?.set_password(password).map_err(|e| {
        Error::Team(format!(
            "the password for {} could not be kept in this computer's keychain: {e}",
            address.keychain_key()
        ))
    })
}

/// The password kept for `address`'s database, if any.
pub fn password(address: &DatabaseAddress) -> Result<Option<String>> {
    match entry(address)?.get_password() {
        Ok(password) => Ok(Some(password)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(Error::Team(format!(
            "this computer's keychain could not be read: {e}"
        ))),
    }
}

/// Forgets the password kept for `address`'s database; true if there was one.
pub fn forget(address: &DatabaseAddress) -> Result<bool> {
    match entry(address)?.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(Error::Team(format!(
            "this computer's keychain could not be changed: {e}"
        ))),
    }
}

fn entry(address: &DatabaseAddress) -> Result<Entry> {
    choose_store();
    Entry::new(SERVICE, address.keychain_key()).map_err(|e| {
        Error::Team(format!(
            "this computer's keychain cannot keep a password for {}: {e}",
            address.keychain_key()
        ))
    })
}

/// On Linux, Secret Service when a desktop session offers it, else the kernel's keyring
/// (servers, terminals over SSH, CI). Elsewhere the platform's one keychain.
fn choose_store() {
    static CHOSEN: Once = Once::new();
    CHOSEN.call_once(|| {
        #[cfg(target_os = "linux")]
        if !secret_service_answers() {
            keyring::set_default_credential_builder(keyring::keyutils::default_credential_builder());
        }
    });
}

#[cfg(target_os = "linux")]
fn secret_service_answers() -> bool {
    // Without a session bus there is nothing to ask (and asking could start one).
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return false;
    }
    let probe = keyring::secret_service::SsCredential::new_with_target(None, SERVICE, "probe")
        .map(|credential| Entry::new_with_credential(Box::new(credential)));
    match probe.map(|entry| entry.get_password()) {
        Ok(Ok(_) | Err(keyring::Error::NoEntry | keyring::Error::Ambiguous(_))) => true,
        Ok(Err(_)) | Err(_) => false,
    }
}
