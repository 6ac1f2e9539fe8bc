"""The attachment storage's SigV4 signatures are botocore's (the AWS SDK's reference signer),
byte for byte, for every request the S3 adapter sends. (That a real verifier accepts them is
tested against an S3-compatible server in api/test_resources_attachment_storage.py.)"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from unittest import mock

import pytest
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from resources.adapters import sigv4

NOW = datetime(2026, 12, 7, 14, 5, 9, tzinfo=UTC)
KEY = "0a" * 32


@pytest.mark.parametrize(
    ("method", "body"),
    [("PUT", b"%PDF-1.7 a report"), ("GET", b""), ("HEAD", b"")],
)
@pytest.mark.parametrize("host", ["127.0.0.1:9000", "s3.eu-west-3.amazonaws.com"])
def test_signatures_match_botocores(method: str, body: bytes, host: str) -> None:
    path = f"/diaspora-files/attachments/{KEY}"
    payload = hashlib.sha256(body).hexdigest()
    ours = sigv4.signed_headers(
        method=method,
        host=host,
        path=path,
        payload_sha256=payload,
        access_key_id="AKIDEXAMPLE",
        secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        region="eu-west-3",
        now=NOW,
    )
    request = AWSRequest(
        method=method,
        url=f"https://{host}{path}",
        data=body,
        headers={"x-amz-content-sha256": payload},
    )
    signer = S3SigV4Auth(
        Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), "s3", "eu-west-3"
    )
    with mock.patch("botocore.auth.datetime") as clock:
        clock.datetime.utcnow.return_value = NOW.replace(tzinfo=None)
        signer.add_auth(request)
    assert ours["Authorization"] == request.headers["Authorization"]
    assert ours["x-amz-date"] == request.headers["X-Amz-Date"] == "20261207T140509Z"


def test_an_empty_body_is_signed_as_the_empty_strings_digest() -> None:
    assert hashlib.sha256(b"").hexdigest() == sigv4.EMPTY_SHA256
