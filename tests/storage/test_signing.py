"""Download links: only an unexpired, untouched link from our secret verifies."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from ingenio.storage import UrlSigner, content_disposition, validate_key
from ingenio.storage.base import InvalidArtifactKey

KEY = "tasks/6f1c2a3e-0d4b-4c5e-9f00-1234567890ab/campus-marketplace.zip"
NAME = "校园二手交易平台.zip"


def test_a_fresh_signature_verifies_until_the_expiry_second(signer: UrlSigner, now: int) -> None:
    expires = signer.expiry(600)
    assert expires == now + 600
    sig = signer.sign(KEY, expires, NAME)
    assert signer.verify(KEY, expires, NAME, sig, now)
    assert signer.verify(KEY, str(expires), NAME, sig, now + 599.9)
    assert not signer.verify(KEY, expires, NAME, sig, now + 600)
    assert not signer.verify(KEY, expires, NAME, sig, now + 10_000)


@pytest.mark.parametrize(
    ("key", "expires_delta", "filename", "content_type"),
    [
        ("tasks/other/campus-marketplace.zip", 0, NAME, "application/zip"),
        (KEY, 1, NAME, "application/zip"),
        (KEY, 0, "evil.exe", "application/zip"),
        (KEY, 0, NAME, "text/html"),
    ],
)
def test_changing_any_signed_value_breaks_the_signature(
    signer: UrlSigner, now: int, key: str, expires_delta: int, filename: str, content_type: str
) -> None:
    expires = now + 600
    sig = signer.sign(KEY, expires, NAME, "application/zip")
    assert signer.verify(KEY, expires, NAME, sig, now, content_type="application/zip")
    assert not signer.verify(
        key, expires + expires_delta, filename, sig, now, content_type=content_type
    )


def test_field_boundaries_cannot_be_shifted(signer: UrlSigner, now: int) -> None:
    assert signer.sign("tasks/a", now, "b/c.zip") != signer.sign("tasks/a/b", now, "c.zip")


@pytest.mark.parametrize(
    "bad_sig",
    ["", "A" * 43, "签名", "\udcff", "x" * 10_000],
    ids=["empty", "zeros", "cjk", "surrogate", "long"],
)
def test_forged_or_garbage_signatures_are_refused(
    signer: UrlSigner, now: int, bad_sig: str
) -> None:
    assert not signer.verify(KEY, now + 600, NAME, bad_sig, now)


def test_a_signature_from_another_secret_is_refused(signer: UrlSigner, now: int) -> None:
    other = UrlSigner(b"another secret of enough length!", clock=lambda: float(now))
    sig = other.sign(KEY, now + 600, NAME)
    assert not signer.verify(KEY, now + 600, NAME, sig, now)


@pytest.mark.parametrize(
    "expires", ["", "12a", "-5", "1e10", " 1800000600", "１８００００００００"]
)
def test_malformed_expiry_is_refused(signer: UrlSigner, now: int, expires: str) -> None:
    sig = signer.sign(KEY, now + 600, NAME)
    assert not signer.verify(KEY, expires, NAME, sig, now)


def test_missing_query_parameters_give_no_grant(signer: UrlSigner, now: int) -> None:
    params = signer.query(KEY, filename=NAME, content_type="application/zip", expires_in=60)
    for missing in params:
        partial = {k: v for k, v in params.items() if k != missing}
        assert signer.verify_query(KEY, partial, now=now) is None
    assert signer.verify_query(KEY, params, now=now) is not None


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        UrlSigner(b"short")


def test_ascii_filename_gives_a_plain_disposition() -> None:
    assert content_disposition("campus-marketplace.zip") == (
        'attachment; filename="campus-marketplace.zip"'
    )


def test_non_ascii_filename_is_carried_by_rfc5987_with_an_ascii_fallback() -> None:
    header = content_disposition(NAME)
    fallback, extended = header.split("; filename*=")
    assert fallback == 'attachment; filename="________.zip"'
    assert extended.startswith("UTF-8''")
    assert unquote(extended.removeprefix("UTF-8''")) == NAME


def test_filename_cannot_break_out_of_the_header() -> None:
    header = content_disposition('a"b\\c\r\nSet-Cookie: x=1.zip')
    assert "\r" not in header
    assert "\n" not in header
    assert header.startswith('attachment; filename="a_b_c__Set-Cookie: x=1.zip"; filename*=')


def test_validate_key_accepts_the_keys_the_service_uses() -> None:
    assert validate_key(KEY) == KEY
    assert validate_key("tasks/abc/preview.html") == "tasks/abc/preview.html"
    assert validate_key("tasks/abc/校园 市场.zip") == "tasks/abc/校园 市场.zip"
    with pytest.raises(InvalidArtifactKey, match="segment starting with a dot"):
        validate_key("tasks/../x")
