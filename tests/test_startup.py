"""What runs before visitors come: warming a worker."""
from __future__ import annotations

import logging

from signpost import create_app
from signpost.i18n import LOCALES
from signpost.startup import warm


def test_a_warmed_worker_has_answered_every_page_kind_in_every_language(data_dir, caplog):
    app = create_app({"TESTING": True, "DATA_DIR": str(data_dir)})
    with caplog.at_level(logging.DEBUG):
        answered = warm(app)
    assert answered == 6 * len(LOCALES)
    assert not [r for r in caplog.records if r.name.startswith("signpost")]


def test_warming_without_data_stops_quietly_and_in_time(tmp_path):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "nothing")})
    assert warm(app, seconds=2.0) < 6 * len(LOCALES)


def test_warming_keeps_to_its_time_limit(data_dir):
    app = create_app({"TESTING": True, "DATA_DIR": str(data_dir)})
    assert warm(app, seconds=0.0) == 0
