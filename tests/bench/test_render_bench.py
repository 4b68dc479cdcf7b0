"""bench/render.py in its smoke size, in process: each page renders in English and in Persian."""

import sys
from argparse import Namespace
from pathlib import Path

import pytest
from django.test import Client

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))  # as when run from there
from bench import render

pytestmark = pytest.mark.django_db


def test_the_render_bench_runs_in_another_language(alliance):
    path = alliance.home_page.url
    args = Namespace(paths=[path], requests=2, profile=False, language="fa")
    [(english, persian)] = render.run(Client(), args)
    assert english["status"] == persian["status"] == 200
    assert english["queries"] > 0 and persian["queries"] > 0
