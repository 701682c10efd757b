"""How wide each column of a table is: shares of the table's width by what the column holds."""

from __future__ import annotations

#: What a table's column widths add up to.
TABLE_WIDTH = 10000
_WIDE = frozenset({"text", "description", "outcome", "commentary", "progress", "milestones"})


def column_weights(keys: list[str]) -> list[int]:
    """
    Return each column's weight: text columns wide (a measure's description a little less, beside
    its figures), owners, lists and results in words middling, the rest narrow.
    """
    return [
        4 if k == "description" else 5 if k in _WIDE else 3 if k in ("owner", "linkages", "result", "objectives") else 2
        for k in keys
    ]


def shares(weights: list[int], total: int) -> list[int]:
    """
    Return the weights as whole shares of `total` that add up to it exactly, each at least 1
    (the largest remainders rounded up), while there are no more weights than `total`.
    """
    if not weights:
        return []
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [max(1, int(e)) for e in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - int(exact[i])), i))
    step = 0
    while sum(parts) != total and len(weights) <= total:
        i = order[step % len(order)]
        if sum(parts) < total:
            parts[i] += 1
        elif parts[i] > 1:
            parts[i] -= 1
        step += 1
    return parts
