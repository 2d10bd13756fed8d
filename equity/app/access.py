"""Who may open the app. On a laptop nobody is asked (the default). A school's server can require sign-in
through its identity provider (OpenID Connect: Google Workspace, Microsoft Entra, …) for accounts of its own
e-mail domains, or, without a provider, one shared password kept only as a salted hash.

Pure: the settings arrive as mappings (the environment and Streamlit's secrets) and the visitor as an
`Identity`; `pages.views.shared.signed_in` draws the screens. Settings that cannot be right stop the app with
a `ConfigError` rather than leave it open.

    python -m equity.app.access hash-password    # prints the line to put in .streamlit/secrets.toml
"""

import getpass
import hashlib
import hmac
import secrets as tokens
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from equity.words.messages import Message, Text

OPEN, OIDC, PASSWORD = "open", "oidc", "password"
MODES = (OPEN, OIDC, PASSWORD)
ANY_DOMAIN = "*"
SCHEME = "pbkdf2_sha256"
ITERATIONS = 600_000     # OWASP's figure for PBKDF2-HMAC-SHA256


class ConfigError(Message, ValueError):
    """Sign-in settings that cannot work, worded for the person installing the app (a catalogue key)."""


@dataclass(frozen=True)
class AccessConfig:
    mode: str = OPEN
    domains: tuple[str, ...] = ()     # e-mail domains allowed to sign in (lower case); "*" allows any account
    password_hash: str = ""           # pbkdf2_sha256$iterations$salt-hex$hash-hex
    provider: str | None = None       # the [auth.NAME] provider to sign in with, when several are configured


@dataclass(frozen=True)
class Identity:
    """The visitor as the identity provider describes them (Streamlit's st.user)."""

    signed_in: bool = False
    email: str = ""
    email_verified: bool | None = None    # None when the provider does not say


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""     # what the visitor is told when not allowed (a Text, in the reader's language)
    action: str = ""     # "sign_in", "sign_out" or "password": what the screen offers


def load(env: Mapping[str, str], secrets: Mapping) -> AccessConfig:
    """Settings from the environment (EQUITY_ACCESS, EQUITY_ALLOWED_DOMAINS, EQUITY_PASSWORD_HASH,
    EQUITY_AUTH_PROVIDER), else from an [access] table in secrets.toml; sign-in is off when neither says."""
    section = secrets.get("access") or {}
    mode = (env.get("EQUITY_ACCESS") or section.get("mode") or OPEN).strip().lower()
    if mode not in MODES:
        raise ConfigError("access.unknown_mode", mode=mode, modes=", ".join(MODES))
    config = AccessConfig(mode, _domains(env.get("EQUITY_ALLOWED_DOMAINS") or section.get("allowed_domains")),
                          (env.get("EQUITY_PASSWORD_HASH") or section.get("password_hash") or "").strip(),
                          env.get("EQUITY_AUTH_PROVIDER") or section.get("provider"))
    if mode == OIDC:
        if "auth" not in secrets:
            raise ConfigError("access.no_auth")
        if not config.domains:
            raise ConfigError("access.no_domains")
    if mode == PASSWORD and not _parse_hash(config.password_hash):
        raise ConfigError("access.no_hash")
    return config


def _domains(value: object) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value or ())
    return tuple(sorted({str(item).strip().lower().lstrip("@") for item in items if str(item).strip()}))


def decide(config: AccessConfig, identity: Identity, password_ok: bool = False) -> Decision:
    """Whether this visitor may use the app, and if not what they are told and offered."""
    if config.mode == OPEN:
        return Decision(True)
    if config.mode == PASSWORD:
        return Decision(True) if password_ok else Decision(False, Text("access.enter_password"), "password")
    if not identity.signed_in:
        return Decision(False, Text("access.sign_in"), "sign_in")
    if identity.email_verified is False:
        return Decision(False, Text("access.unverified", email=identity.email), "sign_out")
    if not domain_allowed(config.domains, identity.email):
        account = identity.email or Text("access.this_account")
        return Decision(False, Text("access.other_domain", account=account, domains=", ".join(config.domains)),
                        "sign_out")
    return Decision(True)


def domain_allowed(domains: tuple[str, ...], email: str) -> bool:
    """The part after the last @ is one of the domains exactly (a subdomain is a domain of its own)."""
    if ANY_DOMAIN in domains:
        return bool(email)
    _, at, domain = email.strip().lower().rpartition("@")
    return bool(at) and domain in domains


def hash_password(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or tokens.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"{SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def _parse_hash(encoded: str) -> tuple[int, bytes, bytes] | None:
    try:
        scheme, iterations, salt, digest = encoded.split("$")
        if scheme != SCHEME or int(iterations) < 1:
            return None
        return int(iterations), bytes.fromhex(salt), bytes.fromhex(digest)
    except ValueError:
        return None


def check_password(password: str, encoded: str) -> bool:
    """Compared in constant time, so the time taken says nothing about how close a guess was."""
    parsed = _parse_hash(encoded)
    if parsed is None:
        return False
    iterations, salt, digest = parsed
    return hmac.compare_digest(hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations), digest)


def main(argv: list[str]) -> int:
    if argv != ["hash-password"]:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    password = getpass.getpass("Password for the app: ")
    if len(password) < 12 or password != getpass.getpass("The same again: "):
        print("The passwords differ, or are shorter than 12 characters.", file=sys.stderr)
        return 1
    print(f'[access]\nmode = "password"\npassword_hash = "{hash_password(password)}"')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
