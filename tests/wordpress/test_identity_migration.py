"""The migration that splits each old record's `source` into its site, kind and number."""

import importlib
from dataclasses import dataclass

migration = importlib.import_module("townhall.wordpress.migrations.0002_identified_by_site")


@dataclass
class OldRecord:
    pk: int
    organisation_id: int
    source: str
    site: str = ""
    kind: str = ""
    wordpress_id: int = 0

    def save(self, update_fields) -> None:
        pass


class Records(list):
    def order_by(self, *fields):
        return self

    def iterator(self):
        return iter(self)


class Apps:
    def __init__(self, records) -> None:
        self.model = type("ImportedItem", (), {"objects": Records(records)})

    def get_model(self, app, name):
        return self.model


def test_each_record_gets_the_site_kind_and_number_it_named():
    records = [
        OldRecord(1, 7, "https://www.Blog.example/ post 12"),
        OldRecord(2, 7, "https://blog.example/news comment 5"),
        OldRecord(3, 7, " page 2"),  # an export that named no site
    ]
    migration.split_sources(Apps(records), None)
    assert [(r.site, r.kind, r.wordpress_id) for r in records] == [
        ("blog.example", "post", 12),
        ("blog.example/news", "comment", 5),
        ("", "page", 2),
    ]


def test_two_records_that_now_name_one_item_are_both_kept():
    records = [
        OldRecord(1, 7, "http://blog.example post 1"),
        OldRecord(2, 7, "https://blog.example post 1"),
        OldRecord(3, 8, "https://blog.example post 1"),  # another organisation's: no clash
    ]
    migration.split_sources(Apps(records), None)
    keys = [(r.organisation_id, r.site, r.kind, r.wordpress_id) for r in records]
    assert keys == [
        (7, "blog.example", "post", 1),
        (7, "https://blog.example", "post", 1),
        (8, "blog.example", "post", 1),
    ]


def test_it_goes_back_as_it_came():
    records = [OldRecord(1, 7, "", site="blog.example", kind="post", wordpress_id=12)]
    migration.join_sources(Apps(records), None)
    assert records[0].source == "blog.example post 12"


def test_the_migrations_site_is_the_importers():
    from townhall.wordpress.wxr import site_identity

    for url in ["https://www.Blog.example/", "http://x.example/news/", "x.example", ""]:
        assert migration._site(url) == site_identity(url)
