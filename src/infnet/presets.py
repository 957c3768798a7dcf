"""Strategy presets: feature weights for the ways firms use influentials.

B2B research distinguishes four managerial strategies [1]_ and two kinds of opinion
leader [2]_ (see the concepts page of the docs and ``DOMAIN.md``). Each preset is a frozen
mapping from feature name (see :data:`infnet.features.FEATURES`) to a non-negative
weight; :func:`infnet.rank_influentials` normalises the weights to sum to 1.

``balanced`` (the default)
    Reach into the target within two hops, relevance (target share), spread into the
    target (diffusion centrality), a place in the dense core (k-core, which does not
    depend on the direction of ties) and a warm path: the hybrid programme the research
    recommends. The weights are *chosen on real outcomes* by a stated procedure
    (``benchmarks/validity.py``, ``docs/validity.md``): the best worst case against the
    best single measure over a law firm, managers, Enron email (both orientations) and
    three diffusion studies, among round weight vectors over cheap features.
``reference``
    Customers as references: existing customers with strong ties into the target
    and retention reach.
``content``
    Thought leaders creating content: wide reach into the target within a few hops,
    sought out by the target (personalized PageRank), little sponsored content.
``interaction``
    Social selling by employees: direct reach through existing relationships, with
    targets the firm does not reach yet weighted up.
``purpose``
    Shared purpose and values: relevance and trust (strong ties, authenticity:
    low sponsored and fake shares) over raw reach.
``expert``
    Expert opinion leaders (Goldenberg et al. 2006): whom the target audience seeks
    out, with a high share of ties inside the target.
``social``
    Social opinion leaders: connectors and brokers (reach within k hops, effective
    size, betweenness, participation across segments).

References
----------
.. [1] Mero, J., Vanninen, H., & Keränen, J. (2023). B2B influencer marketing:
   Conceptualization and four managerial strategies. Industrial Marketing
   Management, 108, 79-93.
.. [2] Goldenberg, J., Lowengart, O., Oreg, S., & Bar-Eli, M. (2006). How do revolutions
   emerge? Lead users and opinion leaders. International Studies of Management &
   Organization, 36(1), 11-28.

Examples
--------
>>> from infnet.presets import PRESETS
>>> sorted(PRESETS)
['balanced', 'content', 'expert', 'interaction', 'purpose', 'reference', 'social']
>>> round(sum(PRESETS["balanced"].values()), 6)
1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from infnet._validation import check_option

__all__ = ["PRESETS", "preset"]


def _frozen(**weights: float) -> Mapping[str, float]:
    return MappingProxyType(dict(weights))


PRESETS: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        # Chosen by `python benchmarks/validity.py` (docs/validity.md, "How the default
        # was chosen"): among 3,985 round weight vectors over cheap features, the best
        # worst-case paired margin against the best single baseline on 7 real outcomes,
        # with target_share >= 0.1 and planted micro-influentials recovered (issue 4).
        # core_number (k-core on total degree) is the direction hedge; no betweenness.
        "balanced": _frozen(
            khop_reach=0.30, target_share=0.20, targeted_diffusion_centrality=0.20,
            core_number=0.20, warm_path=0.10,
        ),
        "reference": _frozen(
            is_customer=0.25, strong_reach=0.25, target_share=0.20, retention_reach=0.15,
            warm_path=0.15,
        ),
        "content": _frozen(
            khop_reach=0.30, target_pagerank=0.25, target_share=0.25, direct_reach=0.10,
            sponsored_share=0.10,
        ),
        "interaction": _frozen(
            direct_reach=0.35, acquisition_reach=0.25, target_share=0.25, strong_reach=0.15,
        ),
        "purpose": _frozen(
            target_share=0.35, strong_reach=0.25, sponsored_share=0.15,
            fake_audience_share=0.10, warm_path=0.15,
        ),
        "expert": _frozen(
            target_pagerank=0.35, target_share=0.35, direct_reach=0.20, core_number=0.10,
        ),
        "social": _frozen(
            khop_reach=0.30, effective_size=0.20, betweenness_centrality=0.15, participation_coefficient=0.15,
            direct_reach=0.20,
        ),
    }
)


def preset(name: str) -> Mapping[str, float]:
    """Return the weights of a named strategy preset.

    Parameters
    ----------
    name : str
        One of :data:`PRESETS`.

    Returns
    -------
    mapping of str to float
        Read-only feature weights summing to 1.

    Raises
    ------
    InvalidParameterError
        For an unknown name (the closest is suggested).

    Examples
    --------
    >>> dict(preset("expert"))["target_share"]
    0.35
    """
    check_option(name, name="strategy", caller="rank_influentials", options=tuple(PRESETS))
    return PRESETS[name]
