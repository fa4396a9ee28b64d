"""What a file is, from its first bytes, whatever its name says.

Crawlers save whatever a portal answered under the name of the link: an HTML error page or a
login page as `…部门预算.pdf`, an empty body when the download failed, a Word file as `.pdf`.
Reading by content (not by suffix) lets the right reader take a misnamed file and lets every
other file be rejected with a reason that says what it really is and what to do.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

EMPTY, PDF, HTML, XLSX, XLS, DOCX, DOC, ENCRYPTED_OFFICE, ZIP, OLE2, IMAGE, TEXT, BINARY = (
    "empty",
    "pdf",
    "html",
    "xlsx",
    "xls",
    "docx",
    "doc",
    "encrypted office",
    "zip",
    "ole2",
    "image",
    "text",
    "binary",
)

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")
_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|script|title)\b", re.I | re.S)


def kind_of(data: bytes) -> str:
    """One of the kinds above. `%PDF-` may follow a little junk (PDF readers accept 1 KiB)."""
    if not data.strip():
        return EMPTY
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole2_kind(data)
    if head.startswith(_IMAGE_MAGIC):
        return IMAGE
    text_head = head.lstrip(b"\xef\xbb\xbf")
    if _HTML.match(text_head):
        return HTML
    if head.count(0) > len(head) // 10 and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return BINARY
    return TEXT


def _zip_kind(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return ZIP
    if any(n.startswith("xl/") for n in names):
        return XLSX
    if any(n.startswith("word/") for n in names):
        return DOCX
    return ZIP


def _ole2_kind(data: bytes) -> str:
    """Legacy Office files share one container; its stream names (UTF-16) say what is inside.
    A password-protected .xlsx or .docx is such a container too, holding an EncryptedPackage."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return ENCRYPTED_OFFICE
    if "WordDocument".encode("utf-16-le") in data:
        return DOC
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return XLS
    return OLE2


_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)


def html_title(data: bytes) -> str:
    """The page's <title>, to show the user which page the portal answered with."""
    m = _TITLE.search(data[:65536])
    if not m:
        return ""
    raw = m.group(1)
    for enc in ("utf-8", "gb18030"):
        try:
            return " ".join(raw.decode(enc).split())[:60]
        except UnicodeDecodeError:
            continue
    return ""
