"""Every button that erases, deactivates, deletes, withdraws, unlinks or cancels carries the destructive
button style (issue 10, item 1), on every page that has one.

The walk opens every GET page of a municipality as its coordinator (URL values from the manifests'
`arg_factories`, as the route walker does) and the platform administrator's pages, reads each POST form
and, where the form posts to a destructive endpoint, checks its submit buttons.
"""
from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

from flask import url_for
from sqlalchemy import text

from sleutelnet.platform.extensions import db
from sleutelnet.platform.features import collect
from sleutelnet.platform.tenancy import tenant_context
from tests.platform.test_isolation import _factories
from tests.privacy.conftest import make_full_person

DESTRUCTIVE_CLASS = "sn-button--destructive"
# the last path segment of a destructive endpoint (paths are Dutch, see docs/conventions.md)
DESTRUCTIVE_SEGMENTS = {"verwijderen", "anonimiseren", "deactiveren", "intrekken", "ontkoppelen", "annuleren"}
# destructive paths that do not say so in their last segment: back to the default targets removes them all
DESTRUCTIVE_PATHS = ("/doelen/standaard",)
# a hidden value that makes a form on such a path keep the data (an agenda item moved to the backlog)
KEEPS = {("bestemming", "backlog")}


class Forms(HTMLParser):
    """The POST forms of a page: action, hidden values and submit buttons (their classes and text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._button = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action"), "hidden": {}, "buttons": []}
            self.forms.append(self._form)
        elif self._form is not None and tag == "input" and a.get("type") == "hidden":
            self._form["hidden"][a.get("name")] = a.get("value")
        elif self._form is not None and tag == "input" and a.get("type") == "submit":
            self._form["buttons"].append({"class": (a.get("class") or "").split(), "text": a.get("value", "")})
        elif self._form is not None and tag == "button" and (a.get("type") or "submit") == "submit":
            self._button = {"class": (a.get("class") or "").split(), "text": ""}
            self._form["buttons"].append(self._button)

    def handle_data(self, data):
        if self._button is not None:
            self._button["text"] += data

    def handle_endtag(self, tag):
        if tag == "button":
            self._button = None
        elif tag == "form":
            self._form = None


def _segment(path):
    return urlsplit(path).path.rstrip("/").rsplit("/", 1)[-1]


def destructive(form, page_path):
    """Does this form do something destructive? Posting to a destructive path, or the platform
    administrator's status form when it deactivates."""
    target = form["action"] or page_path
    if KEEPS & set(form["hidden"].items()):
        return False
    if _segment(target) in DESTRUCTIVE_SEGMENTS or urlsplit(target).path.endswith(DESTRUCTIVE_PATHS):
        return True
    return _segment(target) == "status" and "/beheer/gemeenten/" in target and form["hidden"].get("active") == "0"


def _tenant_values(world, rule, values):
    """URL values of a tenant route from the manifests' factories (one object per parameter, made once);
    a parameter that belongs to another (a link of a network) is read from the child's row."""
    factories, parents = _factories(), dict(collect("arg_parents"))
    args = {}
    for arg in sorted(rule.arguments - {"tenant_slug"}):
        if arg not in values:
            value = factories[arg](world)
            values[arg] = getattr(value, "id", value)
        args[arg] = values[arg]
    for child, (table, column, parent) in parents.items():
        if child in args and parent in args:
            with tenant_context(world.tenant_ids["a"]):
                args[parent] = db.session.execute(text(f'SELECT "{column}" FROM "{table}" WHERE id = :id'),
                                                  {"id": args[child]}).scalar_one()
    return args


def _pages(app, world):
    """(account, path) of every GET page the walk opens, plus the pages that need a state of their own:
    the erasure of a person who has left."""
    values = {}
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            if rule.rule.startswith("/g/<tenant_slug>"):
                args = _tenant_values(world, rule, values)
                yield "coordinator_a", url_for(rule.endpoint, tenant_slug=world.slugs["a"], **args)
            elif rule.endpoint.startswith("admin.") and rule.arguments <= {"slug"}:
                yield "platform_admin", url_for(rule.endpoint, **({"slug": world.slugs["b"]} if rule.arguments else {}))
        exited = make_full_person(world, "a", exited=True)
        yield "coordinator_a", url_for("tenant.privacy.erase", tenant_slug=world.slugs["a"], person_id=exited.person_id)


def _destructive_forms(app, world, login):
    clients, found = {}, []
    coordinator = clients["coordinator_a"] = login("coordinator_a")
    coordinator.get(f"/g/{world.slugs['a']}/team/")
    r = coordinator.post(f"/g/{world.slugs['a']}/team/uitnodigen", {"email": "nieuw@example.org", "role": "official"})
    assert r.status_code == 302  # an open invitation: the team page offers to withdraw it
    for who, path in _pages(app, world):
        client = clients.get(who) or clients.setdefault(who, login(who))
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        parser = Forms()
        parser.feed(response.get_data(as_text=True))
        found += [(path, form) for form in parser.forms if destructive(form, path)]
    return found


def test_parser_reads_forms_and_buttons():
    parser = Forms()
    parser.feed('<form method="post" action="/x/verwijderen"><input type="hidden" name="a" value="1">'
                '<button class="utrecht-button sn-button--destructive" type="submit">Yes, <b>delete</b></button>'
                '</form><form method="get"><button>Search</button></form>')
    assert parser.forms == [{"action": "/x/verwijderen", "hidden": {"a": "1"},
                             "buttons": [{"class": ["utrecht-button", "sn-button--destructive"],
                                          "text": "Yes, delete"}]}]
    assert destructive(parser.forms[0], "/x")
    assert not destructive({"action": None, "hidden": {}, "buttons": []}, "/g/a/team/")
    assert not destructive({"action": None, "hidden": {"bestemming": "backlog"}, "buttons": []}, "/g/a/x/verwijderen")
    assert destructive({"action": None, "hidden": {"active": "0"}, "buttons": []}, "/beheer/gemeenten/b/status")
    assert not destructive({"action": None, "hidden": {"active": "1"}, "buttons": []}, "/beheer/gemeenten/b/status")


def test_every_destructive_button_has_the_destructive_style(app, world, login):
    found = _destructive_forms(app, world, login)
    # the walk must really reach the confirmation pages (else this test proves nothing)
    reached = {_segment(form["action"] or path) for path, form in found}
    assert {"verwijderen", "anonimiseren", "deactiveren", "intrekken", "ontkoppelen", "status", "standaard"} <= reached, \
        reached
    wrong = [(path, form["action"], b["text"].strip(), b["class"]) for path, form in found for b in form["buttons"]
             if DESTRUCTIVE_CLASS not in b["class"]]
    assert not wrong, "destructive buttons without the destructive style:\n" + "\n".join(map(str, wrong))
    assert all(form["buttons"] for _, form in found), "a destructive form without a submit button"


def test_moderation_remove_button_is_destructive(app, ctx):
    """The ESS moderator's "Remove" (a post or reply) posts to the decision endpoint with a value, not to a
    destructive path: its button is checked here, rendered by the macro every moderation page uses."""
    from flask import render_template_string

    with app.test_request_context("/ess/uitwisseling/"):
        html = render_template_string('{% from "exchange/_decide.html" import decide %}'
                                      '{{ decide(post, approve=True, reject=True) }}', post=type("P", (), {"id": 1})())
    parser = Forms()
    parser.feed(html)
    (form,) = parser.forms
    publish, reject, remove = form["buttons"]
    assert DESTRUCTIVE_CLASS in remove["class"], remove
    assert DESTRUCTIVE_CLASS not in publish["class"] and DESTRUCTIVE_CLASS not in reject["class"]
