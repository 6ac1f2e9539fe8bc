"""Attachments: the type comes from the content (magic bytes), never from the name."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventkit.domain_errors import ContentTooLarge, UnsupportedMediaType

#: media type -> file extensions it may carry
ALLOWED: dict[str, frozenset[str]] = {
    "application/pdf": frozenset({"pdf"}),
    "image/png": frozenset({"png"}),
    "image/jpeg": frozenset({"jpg", "jpeg"}),
    "image/gif": frozenset({"gif"}),
    "image/webp": frozenset({"webp"}),
    "audio/mpeg": frozenset({"mp3"}),
    "audio/ogg": frozenset({"ogg", "oga"}),
    "video/mp4": frozenset({"mp4", "m4v", "m4a"}),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": frozenset({"docx"}),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": frozenset({"xlsx"}),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": frozenset(
        {"pptx"}
    ),
    "application/vnd.oasis.opendocument.text": frozenset({"odt"}),
    "application/epub+zip": frozenset({"epub"}),
    "text/plain": frozenset({"txt", "md"}),
    "text/csv": frozenset({"csv"}),
}


class UnsupportedFileType(UnsupportedMediaType):
    """The content is not a type we accept, or does not match its file name."""


class FileTooLarge(ContentTooLarge):
    pass


@dataclass(frozen=True)
class Attachment:
    id: UUID
    resource_id: UUID
    filename: str
    media_type: str
    size: int
    sha256: str
    storage_key: str
    uploaded_by: UUID
    uploaded_at: datetime


def sniff(content: bytes) -> str | None:
    """The media type the bytes really are, or None for anything we do not accept."""
    head = content[:64]
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(content)
    return _sniff_text(content)


def _sniff_zip(content: bytes) -> str | None:
    """Office and EPUB files are ZIP archives told apart by their members."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                if declared in ALLOWED:
                    return declared
            if "[Content_Types].xml" in names:
                for prefix, media in (
                    (
                        "word/",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    ),
                    ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                    (
                        "ppt/",
                        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    ),
                ):
                    if any(n.startswith(prefix) for n in names):
                        return media
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None  # a bare ZIP may carry anything: refused


def _sniff_text(content: bytes) -> str | None:
    if not content or b"\x00" in content[:8192]:
        return None
    try:
        sample = content[:8192].decode("utf-8")
    except UnicodeDecodeError:
        # a multibyte character cut at the sample boundary is fine; anything else is binary
        try:
            content[:8188].decode("utf-8")
            sample = content[:8188].decode("utf-8")
        except UnicodeDecodeError:
            return None
    if any(ord(c) < 9 or 13 < ord(c) < 32 for c in sample):
        return None
    return "text/plain"


def extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def validate(filename: str, content: bytes, max_bytes: int) -> tuple[str, str]:
    """Check size and type; return (media type, sha256 hex)."""
    if len(content) > max_bytes:
        raise FileTooLarge(f"attachments are limited to {max_bytes} bytes")
    media = sniff(content)
    if media is None:
        raise UnsupportedFileType("the content is not a supported file type")
    ext = extension(filename)
    if media == "text/plain" and ext == "csv":
        media = "text/csv"
    if ext not in ALLOWED[media]:
        raise UnsupportedFileType(
            f"the content is {media}, which does not match the file name's .{ext or '(none)'}"
        )
    return media, hashlib.sha256(content).hexdigest()
