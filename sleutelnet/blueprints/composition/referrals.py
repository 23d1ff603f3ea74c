"""The snowball method (§2.1): who referred whom, as a forest laid out in layers (pure Python).

A tree's root is a person without a referrer (in the chain) who referred others; every other person
hangs under their referrer. Trees are shown newest first (by their newest member); only the most
recent `MAX_TREES` chains, up to `MAX_NODES` persons, are drawn — the page says when some are left out.
A referral cycle (possible only through data errors) is cut at its oldest member.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

MAX_TREES = 60
MAX_NODES = 250


@dataclass
class Person:
    id: int
    name: str
    status: str
    referred_by_id: int | None
    created_at: datetime | None = None
    children: list[Person] = field(default_factory=list)
    depth: int = 0
    row: float = 0.0
    parent: Person | None = None


@dataclass
class Chain:
    root: Person
    members: list[Person]  # depth-first order (the table's order)
    newest: tuple
    first_row: int = 0
    rows: int = 0


@dataclass
class Forest:
    chains: list[Chain]     # the chains shown, laid out
    total_chains: int
    total_persons: int      # persons in any chain

    @property
    def shown_persons(self) -> int:
        return sum(len(c.members) for c in self.chains)

    @property
    def truncated(self) -> bool:
        return len(self.chains) < self.total_chains

    @property
    def nodes(self) -> list[Person]:
        return [p for c in self.chains for p in c.members]

    @property
    def edges(self) -> list[tuple[Person, Person]]:
        return [(p.parent, p) for p in self.nodes if p.parent is not None]


def _sort_key(p: Person) -> tuple:
    return (p.created_at or datetime.min, p.id)


def build_forest(rows, *, max_trees: int = MAX_TREES, max_nodes: int = MAX_NODES) -> Forest:
    """rows: (id, name, status, referred_by_id, created_at). Returns the laid-out forest."""
    persons = {r[0]: Person(r[0], r[1], r[2], r[3], r[4] if len(r) > 4 else None) for r in rows}
    for p in persons.values():
        parent = persons.get(p.referred_by_id) if p.referred_by_id is not None else None
        if parent is not None and parent is not p:
            p.parent = parent
            parent.children.append(p)
    for p in persons.values():
        p.children.sort(key=_sort_key)

    roots = sorted((p for p in persons.values() if p.parent is None), key=_sort_key)
    seen: set[int] = set()
    chains: list[Chain] = []

    def collect(root: Person) -> list[Person]:
        members, stack = [], [(root, 0)]
        while stack:
            node, depth = stack.pop()
            if node.id in seen:
                continue
            seen.add(node.id)
            node.depth = depth
            members.append(node)
            stack.extend((c, depth + 1) for c in reversed(node.children) if c.id not in seen)
        return members

    for root in roots:
        chains.append(Chain(root, collect(root), ()))
    # whatever is left hangs in a cycle: cut each at its oldest member
    while len(seen) < len(persons):
        rest = sorted((p for p in persons.values() if p.id not in seen), key=_sort_key)
        root = rest[0]
        if root.parent is not None:
            root.parent.children = [c for c in root.parent.children if c is not root]
            root.parent = None
        chains.append(Chain(root, collect(root), ()))
    # a person alone (referrer outside the loaded set and no referrals) is not a chain
    chains = [c for c in chains if len(c.members) > 1]
    for c in chains:
        c.newest = max(_sort_key(m) for m in c.members)
    chains.sort(key=lambda c: c.newest, reverse=True)
    total_chains, total_persons = len(chains), sum(len(c.members) for c in chains)

    shown, count = [], 0
    for c in chains:
        if len(shown) >= max_trees or (shown and count + len(c.members) > max_nodes):
            break
        shown.append(c)
        count += len(c.members)
    _layout(shown)
    return Forest(shown, total_chains, total_persons)


def _layout(chains: list[Chain]) -> None:
    """Leaves get consecutive rows; a parent sits midway between its first and last child."""
    next_row = 0

    def place(node: Person) -> float:
        nonlocal next_row
        kids = [c for c in node.children if c.parent is node]
        if not kids:
            node.row = next_row
            next_row += 1
        else:
            rows = [place(k) for k in kids]
            node.row = (rows[0] + rows[-1]) / 2
        return node.row

    for chain in chains:
        chain.first_row = next_row
        place(chain.root)
        chain.rows = next_row - chain.first_row
