"""What a challenge attachment may be: recognised by its first bytes, not its name.

A file whose content does not match its extension ("report.pdf" that is really
an executable) is refused, as is anything larger than the configured limit.
"""

import os
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community import conf
from community.challenges.errors import AttachmentRefusedError


@dataclass(frozen=True)
class Kind:
    content_type: str
    extensions: tuple[str, ...]


PDF = Kind("application/pdf", (".pdf",))
PNG = Kind("image/png", (".png",))
JPEG = Kind("image/jpeg", (".jpg", ".jpeg"))
ZIP = Kind("application/zip", (".zip",))
TEXT = Kind("text/plain", (".txt", ".md"))

MAGIC: tuple[tuple[bytes, Kind], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"PK\x03\x04", ZIP),
)
ALLOWED_EXTENSIONS = sorted(
    {ext for _m, kind in MAGIC for ext in kind.extensions} | set(TEXT.extensions)
)


def sniff(head: bytes) -> Kind | None:
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(head) - 3:
            return None
    return TEXT


def attachment_check(upload: UploadedFile) -> Kind:
    """The attachment's kind, or AttachmentRefusedError with a clear reason."""
    limit = conf.attachment_max_bytes()
    if upload.size is None or upload.size > limit:
        megabytes = limit // (1024 * 1024)
        raise AttachmentRefusedError(
            ngettext(
                "The file is too large: at most %(mb)d megabyte.",
                "The file is too large: at most %(mb)d megabytes.",
                megabytes,
            )
            % {"mb": megabytes}
        )
    extension = os.path.splitext(upload.name or "")[1].lower()
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = sniff(head)
    if kind is None or extension not in kind.extensions:
        raise AttachmentRefusedError(
            _(
                "This file is not what its name says, or not a type we accept. Attach a PDF, PNG, JPEG, plain text or ZIP file whose name ends in what it is."  # noqa: E501
            )
        )
    return kind
