"""Tiny PDFs written by hand for the reader tests: text, ruling lines, white boxes, images.

Real documents test the readers end to end (tests/fixtures/pdf/); these test one geometric
rule at a time, with coordinates we choose. Latin text only (Helvetica needs no font file).
Coordinates are PDF points from the bottom-left corner, as PDF draws them.
"""

from __future__ import annotations

import zlib

PAGE_W, PAGE_H = 595, 842


def text(x: float, y: float, s: str, size: float = 10) -> str:
    s = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /F1 {size} Tf {x} {y} Td ({s}) Tj ET"


def line(x0: float, y0: float, x1: float, y1: float) -> str:
    return f"0 0 0 RG 0.8 w {x0} {y0} m {x1} {y1} l S"


def white_box(x: float, y: float, w: float, h: float) -> str:
    """A white rectangle filled without a border: invisible on the page."""
    return f"q 1 1 1 rg {x} {y} {w} {h} re f Q 0 0 0 rg"


def grid(x0: float, y_top: float, col_widths: list[float], row_height: float, n_rows: int) -> list[str]:
    """Ruling lines of a plain grid (no merged cells)."""
    xs = [x0]
    for w in col_widths:
        xs.append(xs[-1] + w)
    ys = [y_top - k * row_height for k in range(n_rows + 1)]
    ops = [line(xs[0], y, xs[-1], y) for y in ys]
    ops += [line(x, ys[0], x, ys[-1]) for x in xs]
    return ops


def image(x: float, y: float, w: float, h: float) -> str:
    """A grey image drawn over (x, y, w, h): what a scanned page is."""
    return f"q {w} 0 0 {h} {x} {y} cm /Im1 Do Q"


def make_pdf(
    pages: list[list[str]],
    encrypt: bool = False,
    width: float = PAGE_W,
    height: float = PAGE_H,
    jpeg: tuple[bytes, int, int] | None = None,
) -> bytes:
    """A PDF with one page per list of content operators.

    `jpeg` (bytes, pixel width, pixel height) replaces the grey image drawn by `image()`:
    a picture of a page makes a scan.

    `encrypt` adds a standard security handler whose user password is not empty, with no
    real encryption behind it: enough for a reader to ask for a password."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    if jpeg:
        pixels, w, h = jpeg
        head = b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 " % (w, h)
        head += b"/Filter /DCTDecode /Length %d >>\nstream\n" % len(pixels)
    else:
        pixels = bytes([128]) * 64
        head = b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        head += b"/Length %d >>\nstream\n" % len(pixels)
    img = add(head + pixels + b"\nendstream")
    kids = []
    for ops in pages:
        stream = zlib.compress("\n".join(ops).encode("latin-1"))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                (
                    f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {width} {height}] "
                    f"/Resources << /Font << /F1 {font} 0 R >> /XObject << /Im1 {img} 0 R >> >> /Contents {content} 0 R >>"
                ).encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    encrypt_ref = ""
    if encrypt:
        o = "<" + "11" * 32 + ">"
        u = "<" + "22" * 32 + ">"
        enc = add(f"<< /Filter /Standard /V 1 /R 2 /O {o} /U {u} /P -44 >>".encode())
        encrypt_ref = f" /Encrypt {enc} 0 R /ID [<{'ab' * 16}> <{'ab' * 16}>]"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R{encrypt_ref} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
