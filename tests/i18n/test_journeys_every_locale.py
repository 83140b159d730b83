"""The core journeys work in every language: search by POST, and the first questions."""
from __future__ import annotations

import pytest

from signpost.i18n import LOCALES
from tests.html import check_page
from tests.i18n.helpers import executable_markup

TAGS = [loc.tag for loc in LOCALES]


def _exists(client, url) -> bool:
    return client.get(url).status_code != 404


@pytest.mark.parametrize("tag", TAGS)
def test_a_search_posts_and_shows_results_in_every_language(client, tag):
    if not _exists(client, f"/{tag}/search"):
        pytest.skip("the search page does not exist yet")
    response = client.post(f"/{tag}/search", data={"q": "domestic abuse helpline"})
    check_page(response, lang=tag)
    assert executable_markup(response.get_data(as_text=True)) == []
    html = response.get_data(as_text=True)
    assert f'href="/{tag}/s/' in html, "results link to service pages in the same language"


@pytest.mark.parametrize("tag", TAGS)
def test_the_first_questions_work_in_every_language(client, tag):
    helpers = pytest.importorskip("tests.views.test_pathway_helpers",
                                  reason="the pathway test helpers do not exist yet")
    walker = helpers.Walker(client, lang=tag)
    check_page(walker.start(), lang=tag)
    for step, answer in (("danger", "no"), ("role", "self"), ("concerns", "domestic-abuse")):
        assert walker.step == step, (tag, walker.step)
        check_page(walker.answer(answer), lang=tag)
        assert executable_markup(walker.html) == []
    assert walker.step not in ("danger", "role", "concerns")


@pytest.mark.parametrize("tag", ["pl", "ar"])
def test_a_whole_pathway_reaches_a_result_in_a_translated_language(client, tag):
    helpers = pytest.importorskip("tests.views.test_pathway_helpers",
                                  reason="the pathway test helpers do not exist yet")
    walker = helpers.Walker(client, lang=tag)
    response = walker.walk({"danger": ["no"], "role": ["self"], "concerns": ["domestic-abuse"],
                            "age": ["52"], "gender": ["female"], "relationship": ["partner"],
                            "risk": ["controlling-behaviour"], "thurrock": ["yes"]})
    check_page(response, lang=tag)
    assert "national-da-helpline" in walker.route_ids()
