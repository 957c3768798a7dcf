"""Shared fixtures: canonical tiny networks and the real networks in ../shared/data."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

from infnet import Network
from infnet.synthetic import barbell, star, toy_network

# ------------------------------------------------------------------ hypothesis profiles
# "ci" (the default): the same examples on every machine and every run. derandomize
# draws them from a seed fixed per test, and database=None means no example saved by an
# earlier run (on this machine only) can change what a fresh checkout tries.
# "dev": random examples, more of them, and the local example database, for deeper runs:
#     HYPOTHESIS_PROFILE=dev python -m pytest
# Tests that pass their own settings(max_examples=...) keep that count in both profiles;
# no test may set derandomize, database or seed, or the "ci" guarantee breaks.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    max_examples=50,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev",
    derandomize=False,
    deadline=None,
    print_blob=True,
    max_examples=500,
    suppress_health_check=[HealthCheck.too_slow],
)
HYPOTHESIS_PROFILES = ("ci", "dev")
_profile = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if _profile not in HYPOTHESIS_PROFILES:
    msg = f"HYPOTHESIS_PROFILE must be one of {list(HYPOTHESIS_PROFILES)}; got {_profile!r}."
    raise pytest.UsageError(msg)
settings.load_profile(_profile)


def _shared_data_dir() -> Path | None:
    env = os.environ.get("INFNET_SHARED_DATA")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [p / "shared" / "data" for p in here.parents]
    for c in candidates:
        if (c / "README.md").exists():
            return c
    return None


SHARED_DATA = _shared_data_dir()


def load_shared(
    name: str, *, relation: str | None = None, directed: bool | None = None, **kwargs: object
) -> Network:
    """Load a network from ../shared/data/<name>; skip the test when it is absent.

    ``relation`` keeps only ties with that ``relation`` value (lazega, krackhardt).
    ``weight`` columns (uk_faculty) stay as the tie attribute ``weight``; strength is
    1.0 unless ``strength=`` is passed.
    """
    if SHARED_DATA is None or not (SHARED_DATA / name).exists():
        pytest.skip(f"shared dataset {name!r} not available")
    folder = SHARED_DATA / name
    actors = pd.read_csv(folder / "nodes.csv")
    ties = pd.read_csv(folder / "ties.csv")
    if relation is not None:
        ties = ties[ties["relation"] == relation].drop(columns="relation")
    if directed is None:
        directed = name != "github_developers"
    kwargs.setdefault("duplicates", "max")
    return Network.from_frames(actors, ties, directed=directed, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def toy() -> Network:
    """The 10-actor toy (undirected, Acme focal, one local bridge cara-eva, jo isolated)."""
    return toy_network()


@pytest.fixture
def star_net() -> Network:
    """Directed star: 0 -> 1..5."""
    return star(5)


@pytest.fixture
def barbell_net() -> Network:
    """Two 4-cliques (segments a, b) joined by the weak tie 3 - 4."""
    return barbell(4)
