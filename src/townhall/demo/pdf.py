"""Small PDFs with real text on each page, for the demo's documents, tests and benchmarks."""

FONT = 4  # object number of the shared Helvetica font


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content(title: str, lines: list[str]) -> bytes:
    commands = ["BT", "/F1 18 Tf", "72 770 Td", f"({_escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        commands += ["0 -20 Td", f"({_escape(line)}) Tj"]
    commands.append("ET")
    return "\n".join(commands).encode("latin-1", "replace")


def pdf_document(title: str, pages: list[list[str]]) -> bytes:
    """A PDF with one page per list of lines; each page is headed with the title."""
    # Objects: 1 catalog, 2 page tree, 3 unused, 4 font, then a page and its content per page.
    page_numbers = [5 + 2 * index for index in range(len(pages))]
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % number for number in page_numbers), len(pages)),
        3: b"<< >>",
        FONT: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for number, lines in zip(page_numbers, pages, strict=True):
        stream = _content(title, lines)
        objects[number] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (FONT, number + 1)
        )
        objects[number + 1] = (
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + (b"\nendstream")
        )
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number in range(1, len(objects) + 1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)


def simple_pdf(title: str, lines: list[str]) -> bytes:
    return pdf_document(title, [lines])
