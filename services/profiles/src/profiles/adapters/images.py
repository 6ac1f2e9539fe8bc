"""Profile photo processing with Pillow: prove the bytes decode as an image, bound its size,
re-encode it (dropping EXIF, e.g. GPS position) and make a square thumbnail."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from eventkit import domain_errors as kinds

ACCEPTED = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4096
MAX_PIXELS = MAX_SIDE * MAX_SIDE
THUMBNAIL_SIDE = 256
STORED_SIDE = 1024


class InvalidImage(kinds.InvalidInput, ValueError):
    pass


@dataclass(frozen=True)
class ProcessedPhoto:
    content_type: str
    image: bytes
    thumbnail: bytes
    width: int
    height: int
    sha256: str


def process(data: bytes, declared_type: str) -> ProcessedPhoto:
    if declared_type not in ACCEPTED:
        raise InvalidImage(f"Send one of {sorted(ACCEPTED)}.")
    if len(data) > MAX_BYTES:
        raise InvalidImage(f"The image is larger than {MAX_BYTES} bytes.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format != ACCEPTED[declared_type]:
                raise InvalidImage(f"The bytes are not {declared_type}.")
            if probe.width > MAX_SIDE or probe.height > MAX_SIDE:
                raise InvalidImage(f"At most {MAX_SIDE}x{MAX_SIDE} pixels.")
            probe.verify()  # structure check; the image must be reopened to be used
            image = Image.open(io.BytesIO(data))
            image.load()  # full decode: truncated or corrupt data fails here
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombWarning) as exc:
        raise InvalidImage("The file is not a readable image.") from exc
    except Image.DecompressionBombError as exc:
        raise InvalidImage("The image has too many pixels.") from exc
    upright = ImageOps.exif_transpose(image).convert("RGB")
    upright.thumbnail((STORED_SIDE, STORED_SIDE))
    thumb = ImageOps.fit(upright, (THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    stored = _jpeg(upright)
    return ProcessedPhoto(
        content_type="image/jpeg",
        image=stored,
        thumbnail=_jpeg(thumb),
        width=upright.width,
        height=upright.height,
        sha256=hashlib.sha256(stored).hexdigest(),
    )


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)  # no exif= : metadata is dropped
    return out.getvalue()
