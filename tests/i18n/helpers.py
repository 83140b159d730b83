"""The pages every language must serve, and what "no executable markup" means."""
from __future__ import annotations

import re

from tests.html import parse

PAGES = ("", "safety", "privacy", "accessibility", "emergency", "translations",
         "services", "search", "questions", "staff")
SITE_SCRIPTS = "/static/js/"   # the site's own files; nothing inline, nothing from elsewhere
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data")


def page_urls(client, lang: str) -> list[str]:
    """Every fixed page in a language, plus the first service page the directory links to."""
    urls = [f"/{lang}/{name}" for name in PAGES]
    browse = client.get(f"/{lang}/services").get_data(as_text=True)
    service = re.search(rf'href="(/{lang}/s/[^"/]+)"', browse)
    if service:
        urls.append(service.group(1))
    return urls


def executable_markup(html: str) -> list[str]:
    """Everything in a page that could run script: empty for a safe page."""
    doc = parse(html)
    found = []
    for el in doc.elements:
        if el.tag == "script" and (not el.attrs.get("src", "").startswith(SITE_SCRIPTS) or el.text.strip()):
            found.append(f"<script {el.attrs}>")
        if el.tag in {"svg", "iframe", "object", "embed", "img", "math", "base"}:
            found.append(f"<{el.tag}>")
        for name, value in el.attrs.items():
            if name.startswith("on"):
                found.append(f"{el.tag} {name}=")
            if name in URL_ATTRS and re.match(r"\s*(javascript|vbscript|data)\s*:", value or "", re.I):
                found.append(f"{el.tag} {name}={value}")
    if re.search(r"<script(?![^>]*src=\"" + re.escape(SITE_SCRIPTS) + ")", html, re.I):
        found.append("raw <script")
    return found
