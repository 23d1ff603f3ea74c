"""The current network is remembered per user and tenant (issue 6, item 4): any network picker sets it,
opening a network's pages sets it, every per-network page opens on it, and network pages show it."""
from __future__ import annotations

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


def _two_networks(world):
    from sleutelnet.blueprints.network import services

    with tenant_context(world.tenant_ids["a"]):
        first = services.create_network("Eerste netwerk").id
        second = services.create_network("Tweede netwerk").id
        db.session.commit()
    return first, second


def _selected(page: str) -> str:
    import re

    match = re.search(r'<option selected value="(\d+)">', page)
    return match.group(1) if match else ""


def test_a_picker_choice_is_remembered_on_every_page(login, world):
    first, second = _two_networks(world)
    base = f"/g/{world.slugs['a']}"
    b = login("coordinator_a")
    assert _selected(b.get(f"{base}/samenstelling/").get_data(as_text=True)) == str(first)  # default: the first
    b.get(f"{base}/samenstelling/?netwerk={second}")  # the composition picker
    for path in ("/sleutelpersonen/bord", "/sleutelpersonen/aantallen", "/werving/", "/samenstelling/"):
        page = b.get(base + path).get_data(as_text=True)
        assert _selected(page) == str(second), path
        assert "Huidig netwerk: Tweede netwerk" in page, path


def test_opening_a_network_makes_it_current_and_its_pages_say_so(login, world):
    first, second = _two_networks(world)
    base = f"/g/{world.slugs['a']}"
    b = login("coordinator_a")
    b.get(f"{base}/sleutelpersonen/bord?netwerk={second}")
    page = b.get(f"{base}/netwerken/{first}/voorbereiding").get_data(as_text=True)
    assert "Huidig netwerk: Eerste netwerk" in page and "Ander netwerk kiezen" in page
    assert _selected(b.get(f"{base}/sleutelpersonen/bord").get_data(as_text=True)) == str(first)
    index = b.get(f"{base}/netwerken/").get_data(as_text=True)
    assert index.count("huidig netwerk") == 1
    assert index.index("huidig netwerk") > index.index("Eerste netwerk") and \
        index.index("huidig netwerk") < index.index("Tweede netwerk")


def test_the_choice_is_per_user(login, world):
    first, second = _two_networks(world)
    base = f"/g/{world.slugs['a']}"
    login("coordinator_a").get(f"{base}/samenstelling/?netwerk={second}")
    other = login("official_a")
    assert _selected(other.get(f"{base}/samenstelling/").get_data(as_text=True)) == str(first)


def test_a_choice_of_another_tenants_network_is_ignored(login, world):
    from sleutelnet.blueprints.network import services
    from sleutelnet.blueprints.network.models import CurrentNetwork

    first, _second = _two_networks(world)
    with tenant_context(world.tenant_ids["b"]):
        other = services.create_network("Netwerk Zwolle").id
        db.session.commit()
    b = login("coordinator_a")
    page = b.get(f"/g/{world.slugs['a']}/samenstelling/?netwerk={other}").get_data(as_text=True)
    assert _selected(page) == str(first) and "Netwerk Zwolle" not in page
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalar(db.select(CurrentNetwork.network_id)) in (None, first)


# list filters whose default is "All networks" on purpose (they are not pages about one network)
ALL_NETWORKS_FILTERS = {"tenant.signals.index", "tenant.signals.counts"}


def test_network_b_picked_once_is_shown_on_every_network_page(app, login, world):
    """Every tenant page without URL parameters that has a network picker or names the current network,
    found from the URL map (a new page is covered the day it is added), opens on the network picked once."""
    import re

    first, second = _two_networks(world)
    base = f"/g/{world.slugs['a']}"
    b = login("coordinator_a")
    b.get(f"{base}/sleutelpersonen/bord?netwerk={second}")  # picked on one page
    checked, wrong = [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/g/<tenant_slug>/") or "GET" not in rule.methods or \
                rule.arguments - {"tenant_slug"} or rule.endpoint in ALL_NETWORKS_FILTERS:
            continue
        r = b.get(rule.rule.replace("<tenant_slug>", world.slugs["a"]))
        if r.status_code != 200 or "text/html" not in r.content_type:
            continue
        page = r.get_data(as_text=True)
        picker = re.search(r'<select[^>]*name="netwerk".*?</select>', page, re.S)
        if picker:
            checked.append(rule.rule)
            chosen = re.findall(r'<option(?=[^>]*\bselected\b)[^>]*value="(\d+)"', picker.group(0))
            if chosen != [str(second)]:
                wrong.append((rule.rule, "picker", chosen))
        if "Huidig netwerk:" in page and "Huidig netwerk: Tweede netwerk" not in page:
            wrong.append((rule.rule, "current network line"))
    assert len(checked) >= 5, checked
    assert not wrong, "\n".join(map(str, wrong))
