"""The journal's optional lock: entries sealed at rest, readable only with the passphrase.

Why sealed this way: a learner must be able to *save* a reflection without typing the
passphrase each time, yet nobody who opens the file (someone sharing the device, a
controlling partner) can *read* what it holds. So the journal keeps a public key in the
clear, which seals each new entry (X25519 key agreement, HKDF, AES-GCM: the ``cryptography``
library's primitives), and keeps the matching private key only wrapped with a key derived
from the passphrase (scrypt). The passphrase and the key it makes are never stored: a lost
passphrase means the sealed entries are lost, and the course says so before the lock is set.

``cryptography`` loads only when a lock is set, opened or used (about 30 ms that a journal
without a lock, the usual case, never pays at a notebook's start).

The browser edition's Python (Pyodide) has no ``cryptography`` (it is compiled, and Pyodide's
build of it is not on PyPI), so there the lock is not available: ``AVAILABLE`` is False, the
journal panel says so plainly, and anything that would seal or open raises ``LockUnavailable``.
Nothing is ever sealed some weaker way instead.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .location import in_browser

if TYPE_CHECKING:  # pragma: no cover
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

PREFIX = "sealed1:"
MIN_PASSPHRASE = 8
# scrypt's cost: about a tenth of a second and 32 MB here, so guessing passphrases is slow.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_INFO = b"closer-journal-entry"


# Whether this Python can lock the journal, found without loading the library. The browser
# edition ships no `cryptography` (it is compiled), and looking for it there would search the
# notebook's folder, a round trip through the page for every file in it.
AVAILABLE = not in_browser() and importlib.util.find_spec("cryptography") is not None


class WrongPassphrase(ValueError):
    """The passphrase does not open this journal."""


UNAVAILABLE = (
    "The lock is not available in the browser edition: the encryption it needs does not run in "
    "the browser's Python. Use the course on your own computer for it."
)


class LockUnavailable(RuntimeError):
    """This Python cannot seal or open entries (the browser edition)."""

    def __init__(self) -> None:
        super().__init__(UNAVAILABLE)


def _need() -> None:
    if not AVAILABLE:
        raise LockUnavailable()


@dataclass(frozen=True)
class LockInfo:
    """What the journal stores about its lock: nothing that opens it without the passphrase."""

    public: bytes
    salt: bytes
    nonce: bytes
    wrapped: bytes  # the private key, sealed with the passphrase's key

    def to_json(self) -> str:
        return json.dumps(
            {k: base64.b64encode(getattr(self, k)).decode() for k in ("public", "salt", "nonce", "wrapped")}
        )

    @classmethod
    def from_json(cls, text: str) -> LockInfo:
        data = json.loads(text)
        return cls(**{k: base64.b64decode(data[k]) for k in ("public", "salt", "nonce", "wrapped")})


def check_passphrase(passphrase: object) -> str:
    if not isinstance(passphrase, str):
        raise ValueError("The passphrase must be text.")
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters; a few words work well."
        )
    return passphrase


def _passphrase_key(passphrase: str, salt: bytes) -> bytes:
    _need()
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def _raw(key: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    if isinstance(key, X25519PrivateKey):
        return key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def create(passphrase: str) -> tuple[LockInfo, X25519PrivateKey]:
    """A new lock: what to store, and the private key for this session."""
    _need()
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    check_passphrase(passphrase)
    private = X25519PrivateKey.generate()
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = AESGCM(_passphrase_key(passphrase, salt)).encrypt(nonce, _raw(private), b"closer-journal-key")
    return LockInfo(_raw(private.public_key()), salt, nonce, wrapped), private


def unwrap(info: LockInfo, passphrase: str) -> X25519PrivateKey:
    """The private key, if ``passphrase`` is the one the lock was set with."""
    _need()
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        raw = AESGCM(_passphrase_key(passphrase, info.salt)).decrypt(
            info.nonce, info.wrapped, b"closer-journal-key"
        )
    except (InvalidTag, TypeError, UnicodeEncodeError):
        raise WrongPassphrase("That passphrase does not open this journal.") from None
    return X25519PrivateKey.from_private_bytes(raw)


def rewrap(info: LockInfo, private: X25519PrivateKey, passphrase: str) -> LockInfo:
    """The same lock under a new passphrase (the entries stay sealed as they are)."""
    _need()
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    check_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = AESGCM(_passphrase_key(passphrase, salt)).encrypt(nonce, _raw(private), b"closer-journal-key")
    return LockInfo(info.public, salt, nonce, wrapped)


def _entry_key(shared: bytes, ephemeral: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral, info=_INFO).derive(shared)


def seal(public: bytes, text: str) -> str:
    """``text`` sealed so that only the private key opens it."""
    _need()
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ephemeral = X25519PrivateKey.generate()
    eph_public = _raw(ephemeral.public_key())
    key = _entry_key(ephemeral.exchange(X25519PublicKey.from_public_bytes(public)), eph_public)
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, text.encode("utf-8"), eph_public)
    return PREFIX + base64.b64encode(eph_public + nonce + sealed).decode("ascii")


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def open_sealed(private: X25519PrivateKey, value: str) -> str:
    """The text inside a sealed value."""
    _need()
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    blob = base64.b64decode(value[len(PREFIX) :])
    eph_public, nonce, sealed = blob[:32], blob[32:44], blob[44:]
    key = _entry_key(private.exchange(X25519PublicKey.from_public_bytes(eph_public)), eph_public)
    return AESGCM(key).decrypt(nonce, sealed, eph_public).decode("utf-8")
