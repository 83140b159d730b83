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


def _rendered_once(key: tuple, template: str, keep: bool = True) -> Markup:
    """A template rendered with no values from the view, kept in the page cache under `key`.
    If the cache cannot be used, it is simply rendered."""
    from flask import render_template
    from signpost.render_cache import page_cache
    try:
        cache = page_cache()
    except Exception:
        cache = None
    html = cache.get(key) if cache is not None else None
    if html is None:
        html = Markup(render_template(template))
        if cache is not None and keep:
            cache.put(key, html)
    return html


def chrome(name: str) -> Markup:
    """The parts of base.html that every page shares (quick exit, header, language menu, help
    strip, footer), rendered once per (locale, page address) and kept with the cached pages.

    They hold nothing a visitor sent: the language links point at the page's own address, and
    POST answers never reach them.
    """
    from flask import request
    from signpost.i18n import current_locale
    key = ("chrome", name, current_locale().tag, request.endpoint,
           tuple(sorted((k, str(v)) for k, v in (request.view_args or {}).items())))
    return _rendered_once(key, f"_chrome/{name}.html", keep=bool(request.endpoint))


def fragment(name: str) -> Markup:
    """A part of a page that is the same for every visitor in a language (intro text, topic
    lists, help boxes), rendered once per language and kept in the page cache.

    The template gets no values from the view, only what every template has (the locale,
    the helpers above, app-wide globals), so what it holds can never depend on a visitor.
    """
    from signpost.i18n import current_locale
    return _rendered_once(("fragment", name, current_locale().tag), name)


def static_url(filename: str) -> str:
    """The address of a file under static/: the same for every request, so built once per app
    (url_for is one of the dearer calls on a page, and every page links three or more)."""
    from flask import current_app, url_for
    urls = current_app.extensions.setdefault("signpost_static_urls", {})
    url = urls.get(filename)
    if url is None:
        url = urls[filename] = url_for("static", filename=filename)
    return url


def init_app(app: Flask) -> None:
    @app.context_processor
    def helpers():
        return {"emergency": emergency, "tel_link": tel_link, "external_link": external_link,
                "chrome": chrome, "fragment": fragment, "static_url": static_url}

    app.jinja_env.filters["nl2br_escaped"] = lambda text: Markup("<br>").join(
        escape(line) for line in str(text).splitlines())
