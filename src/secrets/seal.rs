//! Sealing at rest: authenticated encryption of text that must not be readable in the
//! database (an outbox body carrying a one-time code, a temporary PIN or CPNI).
//!
//! **Cipher.** ChaCha20-Poly1305 (`ring::aead`, an AEAD: secrecy and integrity in one), with a
//! fresh 96-bit nonce from the operating system (`ring::rand::SystemRandom`) for every body.
//! Random nonces are safe here: at 2^32 bodies under one key the chance that two share a nonce
//! is about 2^-33, and an outbox never comes near that.
//!
//! **Key.** Derived from the host's code key file (`<db>.code-key`, or the PostgreSQL key base's:
//! [`super::key_paths`]) by HKDF-SHA-256 with the fixed label [`LABEL`], so the code key itself
//! never encrypts anything and one code key gives one sealing key. Every host of one database
//! shares that file (the administrator copies it to a joining host), so any host can deliver any
//! item; the database never holds the key (only its HMAC fingerprint, on PostgreSQL), so whoever
//! administers the database can neither read a body nor make one that opens.
//!
//! **Format.** `sealed1:` then the standard base64 of nonce ‖ ciphertext ‖ tag, as text in the
//! same column (no schema change); bytes (an attachment) as the prefix's bytes then nonce ‖
//! ciphertext ‖ tag, raw. The associated data (bytes the tag covers but that are not
//! encrypted) is supplied by the caller: for the outbox, the row's kind, channel, recipient,
//! account, session and Message-ID, so a body moved to another row does not open either.
//!
//! **Old rows.** Text without the prefix was stored by a cpni from before sealing and is read
//! as it is ([`Opened::Plain`]). Text with the prefix that does not open (edited, truncated, or
//! sealed under another code key) is an error; the caller never uses it. Nothing here logs,
//! prints or returns a key or a plaintext in an error.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::hkdf;
use ring::rand::{SecureRandom, SystemRandom};

use crate::error::{Error, Result};

/// What marks sealed text (version 1 of the format).
pub const PREFIX: &str = "sealed1:";

/// The HKDF label (info) of the sealing key: another use of the code key needs another label.
pub const LABEL: &[u8] = b"cpni outbox body sealing v1";

/// A sealing key (never printed: no `Debug`).
pub struct SealKey(LessSafeKey);

/// What stored text turned out to be.
#[derive(PartialEq, Eq)]
pub enum Opened {
    /// Sealed text that opened: the plaintext.
    Sealed(String),
    /// Text from before sealing (no prefix), as stored.
    Plain(String),
}

impl Opened {
    pub fn into_text(self) -> String {
        match self {
            Opened::Sealed(t) | Opened::Plain(t) => t,
        }
    }
}

/// Why sealed text did not open (deliberately no detail: a wrong key and an edit look alike).
#[derive(Debug, PartialEq, Eq)]
pub struct Unopenable;

impl SealKey {
    /// The sealing key derived from a code key.
    pub fn derive(code_key: &[u8; 32]) -> SealKey {
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, b"cpni").extract(code_key);
        // A 32-byte output from HKDF-SHA-256 is always available (at most 255 × 32 bytes).
        let okm = prk
            .expand(&[LABEL], &CHACHA20_POLY1305)
            .unwrap_or_else(|_| unreachable!());
        SealKey(LessSafeKey::new(UnboundKey::from(okm)))
    }

    /// nonce ‖ ciphertext ‖ tag of `plain`, bound to `ad`.
    fn seal_raw(&self, ad: &[u8], plain: &[u8]) -> Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| Error::internal("the operating system gave no random bytes"))?;
        let mut buf = plain.to_vec();
        self.0
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(ad), &mut buf)
            .map_err(|_| Error::internal("cannot seal the text"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&buf);
        Ok(out)
    }

    /// The plaintext of nonce ‖ ciphertext ‖ tag bound to `ad`.
    fn open_raw(&self, ad: &[u8], raw: &[u8]) -> std::result::Result<Vec<u8>, Unopenable> {
        if raw.len() < NONCE_LEN + CHACHA20_POLY1305.tag_len() {
            return Err(Unopenable);
        }
        let (nonce, sealed) = raw.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| Unopenable)?;
        let mut buf = sealed.to_vec();
        let plain = self
            .0
            .open_in_place(nonce, Aad::from(ad), &mut buf)
            .map_err(|_| Unopenable)?;
        Ok(plain.to_vec())
    }

    /// Seals `plaintext`, bound to `ad`, as text (`sealed1:` and base64).
    pub fn seal(&self, ad: &[u8], plaintext: &str) -> Result<String> {
        let raw = self.seal_raw(ad, plaintext.as_bytes())?;
        Ok(format!("{PREFIX}{}", STANDARD.encode(raw)))
    }

    /// Opens stored text bound to `ad`: sealed text that opens, or text from before sealing.
    pub fn open(&self, ad: &[u8], stored: &str) -> std::result::Result<Opened, Unopenable> {
        let Some(b64) = stored.strip_prefix(PREFIX) else {
            return Ok(Opened::Plain(stored.to_string()));
        };
        let raw = STANDARD.decode(b64.trim_end()).map_err(|_| Unopenable)?;
        String::from_utf8(self.open_raw(ad, &raw)?)
            .map(Opened::Sealed)
            .map_err(|_| Unopenable)
    }

    /// Seals bytes (an attachment), bound to `ad`: `sealed1:` then nonce ‖ ciphertext ‖ tag.
    pub fn seal_bytes(&self, ad: &[u8], plain: &[u8]) -> Result<Vec<u8>> {
        let mut out = PREFIX.as_bytes().to_vec();
        out.extend(self.seal_raw(ad, plain)?);
        Ok(out)
    }

    /// Opens stored bytes bound to `ad`; bytes without the prefix are from before sealing and
    /// returned as they are.
    pub fn open_bytes(&self, ad: &[u8], stored: &[u8]) -> std::result::Result<Vec<u8>, Unopenable> {
        match stored.strip_prefix(PREFIX.as_bytes()) {
            Some(raw) => self.open_raw(ad, raw),
            None => Ok(stored.to_vec()),
        }
    }
}

/// Whether stored text is sealed (has the prefix), without opening it.
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

/// Associated data from fields: each length-prefixed (so no two lists give the same bytes),
/// `None` distinct from an empty string.
pub fn associated_data(fields: &[Option<&str>]) -> Vec<u8> {
    let mut ad = Vec::new();
    for f in fields {
        match f {
            Some(s) => {
                ad.extend_from_slice(&(s.len() as u64).to_be_bytes());
                ad.extend_from_slice(s.as_bytes());
            }
            None => ad.extend_from_slice(&u64::MAX.to_be_bytes()),
        }
    }
    ad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens() {
        let k = SealKey::derive(&[7u8; 32]);
        let ad = associated_data(&[Some("email-code"), Some("a@example.com"), None]);
        let s = k.seal(&ad, "Your code is: 482913").unwrap();
        assert!(s.starts_with(PREFIX) && !s.contains("482913"));
        assert!(k.open(&ad, &s) == Ok(Opened::Sealed("Your code is: 482913".into())));
        // A fresh nonce each time.
        assert_ne!(s, k.seal(&ad, "Your code is: 482913").unwrap());
        // Another key, other associated data, one flipped character: refused.
        assert!(SealKey::derive(&[8u8; 32]).open(&ad, &s).is_err());
        let other = associated_data(&[Some("email-code"), Some("b@example.com"), None]);
        assert!(k.open(&other, &s).is_err());
        let mut edited = s.clone().into_bytes();
        let i = edited.len() - 5;
        edited[i] = if edited[i] == b'A' { b'B' } else { b'A' };
        assert!(k.open(&ad, &String::from_utf8(edited).unwrap()).is_err());
        assert!(k.open(&ad, "sealed1:").is_err());
        assert!(k.open(&ad, "sealed1:!!").is_err());
        // Old plaintext reads as it is.
        assert!(k.open(&ad, "hello") == Ok(Opened::Plain("hello".into())));
        // Bytes likewise.
        let b = k.seal_bytes(&ad, b"\x00statement").unwrap();
        assert!(b.starts_with(PREFIX.as_bytes()));
        assert_eq!(k.open_bytes(&ad, &b).unwrap(), b"\x00statement");
        assert!(k.open_bytes(&other, &b).is_err());
        let mut cut = b.clone();
        cut.pop();
        assert!(k.open_bytes(&ad, &cut).is_err());
        assert_eq!(k.open_bytes(&ad, b"old").unwrap(), b"old");
    }

    #[test]
    fn associated_data_is_unambiguous() {
        assert_ne!(
            associated_data(&[Some("ab"), Some("c")]),
            associated_data(&[Some("a"), Some("bc")])
        );
        assert_ne!(associated_data(&[None]), associated_data(&[Some("")]));
    }
}
