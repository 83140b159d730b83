"""P3, P8: a static check of every template: no inline code or styles, nothing from elsewhere."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


def test_there_are_templates_to_check():
    assert len(TEMPLATES) >= 8


def template_text(path):
    # Jinja comments may mention anything.
    return re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)


def test_no_template_has_an_inline_script():
    for path in TEMPLATES:
        for match in re.finditer(r"<script\b([^>]*)>", template_text(path), flags=re.I):
            assert "src=" in match.group(1), f"{path.name}: inline <script>"


def test_no_template_has_event_handler_attributes_or_style_attributes():
    for path in TEMPLATES:
        text = template_text(path)
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", text, flags=re.I), f"{path.name}: on*= attribute"
        assert not re.search(r"<[^>]*\sstyle\s*=", text, flags=re.I), f"{path.name}: style= attribute"
        assert not re.search(r"<style\b", text, flags=re.I), f"{path.name}: <style> element"
        assert "javascript:" not in text.lower(), f"{path.name}: javascript: URL"


def test_no_template_loads_anything_from_another_origin_or_hints_a_prefetch():
    for path in TEMPLATES:
        text = template_text(path)
        for match in re.finditer(r"<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*>", text, flags=re.I):
            tag = match.group(0)
            assert not re.search(r"(src|href|srcset|data)\s*=\s*[\"']?\s*(https?:)?//", tag, flags=re.I), f"{path.name}: {tag}"
            assert not re.search(r"rel\s*=\s*[\"'][^\"']*(prefetch|preconnect|dns-prefetch|prerender|preload)", tag, flags=re.I), f"{path.name}: {tag}"
        assert "<base" not in text.lower(), f"{path.name}: <base>"


def test_css_loads_no_fonts_or_images_from_another_origin():
    for path in (ROOT / "static").rglob("*.css"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*[\"']?\s*(https?:)?//", text), path.name
        assert "@import" not in text, path.name


def test_css_uses_logical_properties_so_right_to_left_pages_mirror():
    for path in (ROOT / "static").rglob("*.css"):
        text = path.read_text(encoding="utf-8")
        physical = re.findall(r"(?<![-\w])(margin|padding|border)-(left|right)\s*:|(?<![-\w])(left|right)\s*:|text-align\s*:\s*(left|right)|float\s*:\s*(left|right)", text)
        assert not physical, f"{path.name}: physical direction properties {physical}"
