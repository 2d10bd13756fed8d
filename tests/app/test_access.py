"""Who may open the app: open on a laptop by default; on a server, school accounts or one shared password."""

import pytest

from equity.app import access
from equity.app.access import AccessConfig, ConfigError, Identity, check_password, decide, hash_password, load

AUTH = {"auth": {"redirect_uri": "https://equity.example.org/oauth2callback", "cookie_secret": "x" * 32,
                 "client_id": "id", "client_secret": "secret",
                 "server_metadata_url": "https://accounts.example.org/.well-known/openid-configuration"}}
FAST_HASH = hash_password("correct horse battery", iterations=1_000)


def test_open_by_default():
    assert load({}, {}) == AccessConfig()
    assert decide(load({}, {}), Identity()).allowed


def test_settings_come_from_the_environment_before_the_secrets():
    secrets = {**AUTH, "access": {"mode": "oidc", "allowed_domains": ["School.org", "@district.k12.us"]}}
    assert load({}, secrets).domains == ("district.k12.us", "school.org")
    overridden = load({"EQUITY_ACCESS": "oidc", "EQUITY_ALLOWED_DOMAINS": "other.org, third.org"}, secrets)
    assert overridden.mode == "oidc" and overridden.domains == ("other.org", "third.org")


@pytest.mark.parametrize("env,secrets,word", [
    ({"EQUITY_ACCESS": "oidc", "EQUITY_ALLOWED_DOMAINS": "school.org"}, {}, "[auth]"),
    ({"EQUITY_ACCESS": "oidc"}, AUTH, "domain"),
    ({"EQUITY_ACCESS": "password"}, {}, "password_hash"),
    ({"EQUITY_ACCESS": "password", "EQUITY_PASSWORD_HASH": "plain-text-password"}, {}, "password_hash"),
    ({"EQUITY_ACCESS": "everyone"}, {}, "unknown"),
])
def test_settings_that_cannot_work_keep_the_app_closed(env, secrets, word):
    with pytest.raises(ConfigError, match=word.replace("[", r"\[").replace("]", r"\]")):
        load(env, secrets)


SCHOOL = AccessConfig("oidc", ("school.org",))


@pytest.mark.parametrize("identity,allowed,action", [
    (Identity(), False, "sign_in"),
    (Identity(True, "ana@school.org", True), True, ""),
    (Identity(True, "Ana@SCHOOL.org", None), True, ""),
    (Identity(True, "ana@gmail.com", True), False, "sign_out"),
    (Identity(True, "ana@school.org.evil.com", True), False, "sign_out"),
    (Identity(True, "ana@sub.school.org", True), False, "sign_out"),
    (Identity(True, "school.org", True), False, "sign_out"),
    (Identity(True, "ana@school.org", False), False, "sign_out"),
    (Identity(True, "", None), False, "sign_out"),
])
def test_only_verified_accounts_of_the_allowed_domains_get_in(identity, allowed, action):
    decision = decide(SCHOOL, identity)
    assert (decision.allowed, decision.action) == (allowed, action)
    assert allowed or decision.reason


def test_any_domain_still_needs_a_signed_in_account():
    config = AccessConfig("oidc", ("*",))
    assert decide(config, Identity(True, "someone@anywhere.net", True)).allowed
    assert not decide(config, Identity()).allowed


def test_password_mode_asks_until_the_password_matches():
    config = load({"EQUITY_ACCESS": "password", "EQUITY_PASSWORD_HASH": FAST_HASH}, {})
    assert decide(config, Identity()).action == "password"
    assert decide(config, Identity(), password_ok=True).allowed
    assert check_password("correct horse battery", FAST_HASH)
    assert not check_password("correct horse batterY", FAST_HASH)
    assert not check_password("", FAST_HASH) and not check_password("x", "not a hash")


def test_hashes_are_salted():
    assert hash_password("same", iterations=1_000) != hash_password("same", iterations=1_000)
    assert access.ITERATIONS >= 600_000 and FAST_HASH.startswith("pbkdf2_sha256$1000$")


def test_the_hash_command_prints_a_secrets_section(monkeypatch, capsys):
    answers = iter(["a long school passphrase", "a long school passphrase"])
    monkeypatch.setattr(access.getpass, "getpass", lambda prompt: next(answers))
    assert access.main(["hash-password"]) == 0
    printed = capsys.readouterr().out
    assert '[access]\nmode = "password"' in printed
    assert check_password("a long school passphrase", printed.split('password_hash = "')[1].split('"')[0])
