"""Synthetic business networks: tiny canonical networks and large generators.

The tiny networks are written out as code, with their expected measures computable
by hand, for doctests and tests (as scikit-network's ``house()``):

* :func:`toy_network` — 10 actors of a focal organisation and its market, with strong
  and weak ties, exactly one local bridge and one isolated actor;
* :func:`star` — a directed star;
* :func:`barbell` — two segments joined by a single tie.
"""

from __future__ import annotations

import pandas as pd

from infnet._validation import check_int
from infnet.network import Network

__all__ = ["barbell", "star", "toy_network"]

_TOY_ACTORS = pd.DataFrame(
    {
        "id": ["ana", "ben", "cara", "dev", "eva", "finn", "gil", "hana", "ivo", "jo"],
        "organisation": ["Acme", "Acme", "Acme", "Acme", "Beta", "Beta", "Gamma", "Delta",
                         "Delta", "Omega"],
        "segment": ["software"] * 4 + ["fintech"] * 5 + ["retail"],
        "audience": [1200, 800, 3000, 400, 5000, 2000, 45000, 9000, 700, 100],
        "is_customer": [False] * 4 + [True, True, False, False, False, False],
        "role": ["sales", "sales", "engineer", "marketing", "cto", "buyer", "analyst",
                 "consultant", "consultant", "press"],
    }
)
_TOY_TIES = pd.DataFrame(
    [
        ("ana", "ben", 0.9), ("ana", "cara", 0.8), ("ben", "cara", 0.7), ("cara", "dev", 0.6),
        ("ben", "dev", 0.3), ("cara", "eva", 0.4), ("eva", "finn", 0.9), ("eva", "gil", 0.5),
        ("finn", "gil", 0.6), ("gil", "hana", 0.2), ("hana", "ivo", 0.8), ("gil", "ivo", 0.3),
    ],
    columns=["source", "target", "strength"],
)


def toy_network() -> Network:
    """Return the 10-actor toy business network used across docs and tests.

    Acme (the focal organisation: ana, ben, cara, dev, all ``software``) is tied
    through a single weak local bridge ``cara - eva`` to a ``fintech`` cluster of
    customers (eva, finn of Beta), an analyst (gil of Gamma) and consultants
    (hana, ivo of Delta). ``jo`` (press, ``retail``) has no tie. The ties are
    undirected; 8 of the 12 are strong (strength >= 0.5).

    Returns
    -------
    Network
        Undirected, with ``focal_organisation="Acme"`` so that ``kind`` is derived.

    See Also
    --------
    star, barbell : Other canonical test networks.

    Examples
    --------
    >>> from infnet.synthetic import toy_network
    >>> net = toy_network()
    >>> net
    Network(n_actors=10, n_ties=12, directed=False, focal_organisation='Acme')
    >>> int(net.strong().sum()) // 2
    8
    """
    return Network.from_frames(
        _TOY_ACTORS, _TOY_TIES, directed=False, focal_organisation="Acme"
    )


def star(n_leaves: int = 5, *, strength: float = 1.0) -> Network:
    """Return a directed star: actor 0 has a tie to each of actors 1..n_leaves.

    Parameters
    ----------
    n_leaves : int, default=5
        Number of leaves (>= 1).
    strength : float, default=1.0
        Strength of every tie, in (0, 1].

    Returns
    -------
    Network
        Directed; integer ids; the hub is ``internal`` of organisation ``"hub"``, the
        leaves ``external`` of organisation ``"leaf"``, all in segment ``"s"``.

    Examples
    --------
    >>> from infnet.synthetic import star
    >>> star(3).strength.toarray().tolist()[0]
    [0.0, 1.0, 1.0, 1.0]
    """
    n = check_int(n_leaves, name="n_leaves", caller="star", low=1)
    actors = pd.DataFrame(
        {"id": range(n + 1), "organisation": ["hub"] + ["leaf"] * n, "segment": "s"}
    )
    ties = pd.DataFrame({"source": 0, "target": range(1, n + 1), "strength": strength})
    return Network.from_frames(actors, ties, directed=True, focal_organisation="hub")


def barbell(m: int = 4, *, bridge_strength: float = 0.2) -> Network:
    """Return two ``m``-cliques in segments ``"a"`` and ``"b"`` joined by one weak tie.

    Actors ``0 .. m-1`` (organisation ``"A"``, the focal one, segment ``"a"``) form a
    clique of strong ties (strength 1), as do ``m .. 2m-1`` (organisation ``"B"``,
    segment ``"b"``); the bridge joins ``m-1`` and ``m``.

    Parameters
    ----------
    m : int, default=4
        Clique size (>= 2).
    bridge_strength : float, default=0.2
        Strength of the bridge tie, in (0, 1].

    Returns
    -------
    Network
        Undirected, ``focal_organisation="A"``.

    Examples
    --------
    >>> from infnet.synthetic import barbell
    >>> barbell(3).n_ties
    7
    """
    m = check_int(m, name="m", caller="barbell", low=2)
    rows = [(i, j, 1.0) for base in (0, m) for i in range(base, base + m) for j in range(i + 1, base + m)]
    rows.append((m - 1, m, bridge_strength))
    actors = pd.DataFrame(
        {"id": range(2 * m), "organisation": ["A"] * m + ["B"] * m, "segment": ["a"] * m + ["b"] * m}
    )
    ties = pd.DataFrame(rows, columns=["source", "target", "strength"])
    return Network.from_frames(actors, ties, directed=False, focal_organisation="A")
