"""Record numbers in addresses (`<id:pk>`): digits within the database's integer range.

Django's `<id:...>` takes any number of digits, and a number past the database's range
makes SQLite raise OverflowError and PostgreSQL an error of its own: a 500 for an address
anyone can type. No record is numbered past the range of a 64-bit signed integer (the
widest key Django makes; ordinary keys and years are far below it), so `<id:...>` matches
only numbers up to it: a bigger one is "not found" before any view runs. Registered once
here (core.apps), used by every pattern whose number reaches the database."""

from django.urls import register_converter
from django.urls.converters import IntConverter

MAX_ID = 2**63 - 1  # the largest BigAutoField; a number past it names no record


class IdConverter(IntConverter):
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("past the database's integer range")  # resolves to no URL: 404
        return number


def register() -> None:
    register_converter(IdConverter, "id")
