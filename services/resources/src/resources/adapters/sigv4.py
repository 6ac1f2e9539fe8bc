"""AWS Signature Version 4 for S3-compatible object stores (AWS S3, MinIO, Ceph RGW, Garage…).

Only what the attachment storage sends needs signing: a path-style request with no query,
its body's sha256 given in ``x-amz-content-sha256`` (the store checks the bytes it got
against it). Kept here rather than pulling botocore (~13 MB) into the image for three
requests; the unit tests compare every signature with botocore's own signer.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from urllib.parse import quote

ALGORITHM = "AWS4-HMAC-SHA256"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode(), hashlib.sha256).digest()


def signed_headers(
    *,
    method: str,
    host: str,
    path: str,
    payload_sha256: str,
    access_key_id: str,
    secret_access_key: str,
    region: str,
    now: datetime,
    service: str = "s3",
) -> dict[str, str]:
    """The headers that make the request ``method host path`` (no query string) signed:
    ``x-amz-date``, ``x-amz-content-sha256`` and ``Authorization``. ``now`` is UTC."""
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    day = amz_date[:8]
    headers = {"host": host, "x-amz-content-sha256": payload_sha256, "x-amz-date": amz_date}
    names = sorted(headers)
    canonical_request = "\n".join(
        [
            method,
            quote(path, safe="/-_.~"),  # S3 encodes the path once (not twice like others)
            "",  # no query string
            "".join(f"{name}:{headers[name].strip()}\n" for name in names),
            ";".join(names),
            payload_sha256,
        ]
    )
    scope = f"{day}/{region}/{service}/aws4_request"
    string_to_sign = "\n".join(
        [ALGORITHM, amz_date, scope, hashlib.sha256(canonical_request.encode()).hexdigest()]
    )
    key = f"AWS4{secret_access_key}".encode()
    for part in (day, region, service, "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return {
        "x-amz-date": amz_date,
        "x-amz-content-sha256": payload_sha256,
        "Authorization": (
            f"{ALGORITHM} Credential={access_key_id}/{scope}, "
            f"SignedHeaders={';'.join(names)}, Signature={signature}"
        ),
    }
