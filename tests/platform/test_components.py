"""The shared NL Design System components (templates/macros/components.html) where the areas use them:
tabs with aria-current="page" on the current view, the import's step indicator with aria-current="step",
breadcrumbs whose last item is the current page, and status labels (issue 10, item 1)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from flask import url_for

from tests.platform.test_isolation import _factories


class Component(HTMLParser):
    """The links or items inside the first element with class `css_class`: (text, attributes)."""

    def __init__(self, css_class, item_tag):
        super().__init__(convert_charrefs=True)
        self.css_class, self.item_tag = css_class, item_tag
        self.depth, self.items, self.found, self._item = 0, [], False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.depth:
            self.depth += 1
        elif not self.found and self.css_class in (a.get("class") or "").split():
            self.depth, self.found = 1, True
        if self.depth and tag == self.item_tag:
            self._item = [a, ""]
            self.items.append(self._item)

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        if tag == self.item_tag:
            self._item = None

    def handle_data(self, data):
        if self._item is not None:
            self._item[1] += data


def parse(html, css_class, item_tag):
    parser = Component(css_class, item_tag)
    parser.feed(html)
    assert parser.found, f"no .{css_class} on the page"
    return [(text.strip(), attrs) for attrs, text in parser.items]


@pytest.fixture()
def coordinator(app, world, login):
    """The coordinator of tenant a, reading English, and a network of a."""
    network_id = _factories()["network_id"](world)
    b = login("coordinator_a")
    with app.test_request_context():
        assert b.post(url_for("i18n.switch_language"), {"lang": "en", "next": "/"}).status_code == 302
    return b, getattr(network_id, "id", network_id)


def _url(app, world, endpoint, **values):
    with app.test_request_context():
        return url_for(endpoint, tenant_slug=world.slugs["a"], **values)


@pytest.mark.parametrize("endpoint, current", [
    ("tenant.keypersons.index", "List"),
    ("tenant.keypersons.board", "Pipeline board"),
    ("tenant.composition.index", "Composition"),
    ("tenant.recruitment.index", "Recruitment"),
    ("tenant.care.appreciation", "Appreciation"),
    ("tenant.care.trainings", "Trainings"),
    ("tenant.health.index", "Health score"),
    ("tenant.transfer.export", "Export"),
    ("tenant.transfer.import_upload", "Import"),
])
def test_area_tabs_mark_the_current_view(app, world, coordinator, endpoint, current):
    b, network_id = coordinator
    r = b.get(_url(app, world, endpoint, netwerk=network_id))
    assert r.status_code == 200
    links = parse(r.get_data(as_text=True), "sn-tabs", "a")
    marked = [text for text, attrs in links if attrs.get("aria-current") == "page"]
    assert marked == [current], links
    assert len(links) > 1


def test_import_shows_its_steps(app, world, coordinator):
    b, _ = coordinator
    items = parse(b.get(_url(app, world, "tenant.transfer.import_upload")).get_data(as_text=True), "sn-steps", "li")
    assert [text for text, _ in items] == ["Upload the file", "Match the columns", "Check", "Import"]
    assert [attrs.get("aria-current") for _, attrs in items] == ["step", None, None, None]


def test_network_pages_have_breadcrumbs_and_status_labels(app, world, coordinator):
    b, network_id = coordinator
    html = b.get(_url(app, world, "tenant.network.support", network_id=network_id)).get_data(as_text=True)
    crumbs = parse(html, "utrecht-breadcrumb-nav__list", "li")
    assert [text for text, _ in crumbs][0] == "Networks" and crumbs[-1][0] == "Administrative support"
    assert html.count('aria-current="page"', html.index("utrecht-breadcrumb-nav"), html.index("</nav>",
                      html.index("utrecht-breadcrumb-nav"))) == 1
    overview = b.get(_url(app, world, "tenant.network.overview", network_id=network_id)).get_data(as_text=True)
    assert re.search(r'<span class="utrecht-status-badge utrecht-status-badge--(success|warning|neutral)">', overview)
