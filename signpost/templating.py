"""Small template helpers shared by every page."""
from __future__ import annotations

from flask import Flask
from markupsafe import Markup, escape

from signpost import emergency


def tel_link(number: str, label: str | None = None) -> Markup:
    """A phone number as a tel: link, kept left-to-right inside right-to-left text."""
    return Markup('<a class="tel" href="{href}" dir="ltr">{text}</a>').format(
        href=emergency.tel_href(number), text=label or number)


def external_link(href: str, text: str) -> Markup:
    """A link to another site that sends no Referer and gets no handle on this page (P4)."""
    return Markup('<a href="{href}" rel="noreferrer noopener">{text}</a>').format(
        href=href, text=text)


def init_app(app: Flask) -> None:
    @app.context_processor
    def helpers():
        return {"emergency": emergency, "tel_link": tel_link, "external_link": external_link}

    app.jinja_env.filters["nl2br_escaped"] = lambda text: Markup("<br>").join(
        escape(line) for line in str(text).splitlines())
