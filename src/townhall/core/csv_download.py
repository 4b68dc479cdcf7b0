"""CSV downloads of records typed by the public: streamed a row at a time, safe to open in
a spreadsheet, and never kept by a cache."""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse

from townhall.core.admin_views import readable


class _Line:
    """A file-like object that hands back what csv.writer writes, one row at a time."""

    def write(self, text: str) -> str:
        return text


def csv_download(
    filename: str, header: list[str], rows: Iterable[Iterable]
) -> StreamingHttpResponse:
    """Each value as people read it (yes/no, local dates) and with a leading quote where a
    spreadsheet would run it as a formula (core.admin_views.readable)."""
    writer = csv.writer(_Line())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([readable(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
