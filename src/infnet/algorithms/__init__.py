"""Measures over the graph core: pure functions from a Network to per-actor arrays.

One module per family:

* :mod:`~infnet.algorithms.centrality` — degree and strength, PageRank (and
  personalized), eigenvector, Katz, harmonic closeness, core number;
* :mod:`~infnet.algorithms.betweenness` — exact (Brandes) and sampled betweenness;
* :mod:`~infnet.algorithms.bridging` — constraint, effective size, local bridges,
  overlap, participation coefficient, brokerage roles, communities;
* :mod:`~infnet.algorithms.reach` — direct, k-hop and sketched targeted reach, target
  share, acquisition and retention reach;
* :mod:`~infnet.algorithms.diffusion` — cascade models, reverse-reachable sets,
  expected targeted reach, IMM selection;
* :mod:`~infnet.algorithms.paths` — warm paths from employees to external actors.

Every measure returns an ndarray of shape ``(n_actors,)`` aligned with
``network.actor_ids``; :meth:`infnet.Network.to_series` labels it.
"""

from __future__ import annotations

from infnet.algorithms.betweenness import approximate_betweenness, betweenness_centrality
from infnet.algorithms.bridging import (
    BROKERAGE_ROLES,
    TieSet,
    brokerage_roles,
    communities,
    constraint,
    effective_size,
    local_bridges,
    n_local_bridges,
    overlap,
    participation_coefficient,
)
from infnet.algorithms.centrality import (
    SolverInfo,
    core_number,
    degree,
    diffusion_centrality,
    eigenvector_centrality,
    harmonic_centrality,
    katz_centrality,
    pagerank,
    personalized_pagerank,
)
from infnet.algorithms.diffusion import (
    IMMResult,
    ReachEstimate,
    RRSampler,
    activation_probabilities,
    expected_reach,
    imm,
    simulate_cascade,
)
from infnet.algorithms.paths import WarmPaths, warm_paths
from infnet.algorithms.reach import (
    acquisition_reach,
    direct_reach,
    khop_reach,
    retention_reach,
    target_share,
)

__all__ = [
    "BROKERAGE_ROLES",
    "IMMResult",
    "RRSampler",
    "ReachEstimate",
    "SolverInfo",
    "TieSet",
    "WarmPaths",
    "acquisition_reach",
    "activation_probabilities",
    "approximate_betweenness",
    "betweenness_centrality",
    "brokerage_roles",
    "communities",
    "constraint",
    "core_number",
    "degree",
    "diffusion_centrality",
    "direct_reach",
    "effective_size",
    "eigenvector_centrality",
    "expected_reach",
    "harmonic_centrality",
    "imm",
    "katz_centrality",
    "khop_reach",
    "local_bridges",
    "n_local_bridges",
    "overlap",
    "pagerank",
    "participation_coefficient",
    "personalized_pagerank",
    "retention_reach",
    "simulate_cascade",
    "target_share",
    "warm_paths",
]
