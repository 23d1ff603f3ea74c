"""The SVG chart module: accessible, well-formed, no style attributes, text escaped."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from sleutelnet.platform import svg

NS = "{http://www.w3.org/2000/svg}"


def _bars():
    return [svg.Bar("Verbinders <script>", 4, "4 (40%)", target=2),
            svg.Bar("Luis in de pels", 0, "0 — ontbreekt", target=1, alert=True),
            svg.Bar("Verborgen", None, "< 5"),
            svg.Bar("Met marge", 60, "60%", target=50, low=40, high=60, alert=False)]


def test_bar_chart_is_accessible_and_well_formed():
    out = str(svg.bar_chart("c1", "Rollen & zo", _bars(), max_value=100, unit="%", description="Uitleg",
                            legend=svg.Legend(bar="Actief", alert="Te weinig", target="Minimum", range="Marge")))
    root = ET.fromstring(out)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Rollen & zo"
    assert root.find(f"{NS}title").text == "Rollen & zo"
    assert root.find(f"{NS}desc").text == "Uitleg"
    assert "style=" not in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "4 (40%)" in texts and "0 — ontbreekt" in texts and "< 5" in texts
    # the hidden bar has no rectangle; the alert bar uses the hatch pattern, not colour alone
    assert 'fill="url(#c1-hatch)"' in out


def test_ticks_are_whole_numbers_for_counts():
    assert svg.ticks(5) == [0, 1, 2, 3, 4, 5]
    assert svg.ticks(100) == [0, 25, 50, 75, 100]
    assert svg.ticks(20) == [0, 5, 10, 15, 20]
    assert svg.nice_max(3) == 5 and svg.nice_max(17) == 20 and svg.nice_max(41) == 50


def test_tree_chart_draws_nodes_and_edges():
    nodes = [svg.TreeNode("1", "Amina", "Actief", 0, 0.5), svg.TreeNode("2", "Bram", "Kandidaat", 1, 0, parent="1"),
             svg.TreeNode("3", "Chris & Co", "Actief", 1, 1, parent="1")]
    out = str(svg.tree_chart("t1", "Wie bracht wie aan", nodes, description="Boom"))
    root = ET.fromstring(out)
    assert root.get("role") == "img" and root.find(f"{NS}title").text == "Wie bracht wie aan"
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert {"Amina", "Bram", "Chris & Co", "Actief", "Kandidaat"} <= set(texts)
    assert len([p for p in root.iter(f"{NS}path")]) == 4  # two edges, each a line and an arrow head
    assert "style=" not in out
