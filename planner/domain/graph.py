"""Prerequisite graphs: cycle detection for the loader."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def find_cycle(edges: Mapping[str, Iterable[str]]) -> list[str] | None:
    """Return one cycle as ``[a, b, ..., a]`` if the graph has one, else ``None``.

    ``edges`` maps each node to the nodes it depends on; unknown targets are ignored.
    Iterative, so a long prerequisite chain cannot overflow the stack.
    """
    visiting, done = 1, 2
    state: dict[str, int] = {}
    for root in edges:
        if state.get(root):
            continue
        stack: list[tuple[str, list[str]]] = [(root, [d for d in edges[root] if d in edges])]
        path = [root]
        state[root] = visiting
        while stack:
            node, pending = stack[-1]
            if not pending:
                state[node] = done
                stack.pop()
                path.pop()
                continue
            nxt = pending.pop()
            if state.get(nxt) == visiting:
                return [*path[path.index(nxt) :], nxt]
            if not state.get(nxt):
                state[nxt] = visiting
                path.append(nxt)
                stack.append((nxt, [d for d in edges[nxt] if d in edges]))
    return None
