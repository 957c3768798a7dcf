"""infnet.plot: each plot renders (Agg) and draws the data of the shortlist."""

from __future__ import annotations

import sys

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt

import infnet
from infnet import plot
from infnet._optional import MissingDependencyError, require
from infnet.exceptions import InfnetTypeError, MissingColumnError, UnknownActorError

NO_BAND = None


@pytest.fixture
def shortlist(toy):
    return infnet.rank_influentials(toy, "fintech", k=4, band=NO_BAND)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _renders(ax) -> None:
    fig = ax.figure
    fig.canvas.draw()
    image = np.asarray(fig.canvas.buffer_rgba())
    assert image.ndim == 3
    assert image.shape[0] > 50
    assert (image[..., :3] < 250).any(), "something was drawn"


def test_contributions_bars_equal_the_shortlist(shortlist):
    ax = plot.contributions(shortlist)
    _renders(ax)
    picks = shortlist[~shortlist["excluded"]]
    columns = [c for c in shortlist.columns if c.startswith("contribution_")]
    assert len(ax.containers) == len(columns)
    total = np.zeros(len(picks))
    for container, col in zip(ax.containers, columns, strict=True):
        widths = np.array([bar.get_width() for bar in container])
        lefts = np.array([bar.get_x() for bar in container])
        np.testing.assert_allclose(widths, picks[col].to_numpy())
        np.testing.assert_allclose(lefts, total)
        total += widths
    np.testing.assert_allclose(total, picks["score"].to_numpy())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == picks["actor"].tolist()
    # first pick drawn on top
    ys = [bar.get_y() for bar in ax.containers[0]]
    assert ys == sorted(ys, reverse=True)


def test_contributions_draws_into_given_axes_and_refuses_bad_input(shortlist):
    _, ax = plt.subplots()
    assert plot.contributions(shortlist, ax=ax) is ax
    with pytest.raises(InfnetTypeError, match="`ax`"):
        plot.contributions(shortlist, ax="left")
    with pytest.raises(InfnetTypeError, match="shortlist"):
        plot.contributions([1, 2])
    with pytest.raises(MissingColumnError, match="contribution_"):
        plot.contributions(shortlist.drop(columns=[c for c in shortlist.columns
                                                   if c.startswith("contribution_")]))


def test_ego_network_draws_the_neighbours_path_and_target(toy, shortlist):
    ax = plot.ego_network(toy, "hana", shortlist=infnet.rank_influentials(
        toy, "fintech", k=6, band=NO_BAND))
    _renders(ax)
    names = [t.get_text() for t in ax.texts]
    offsets = ax.collections[-1].get_offsets()
    assert len(names) == len(offsets)
    np.testing.assert_allclose(offsets[0], [0.0, 0.0])  # the ego in the centre
    assert names[0] == "hana"
    neighbours = {"gil", "ivo"}  # hana's ties in the toy
    assert neighbours <= set(names)
    paths = [c for c in ax.collections if c.get_label() == "warm path"]
    assert len(paths) == 1
    # the warm path cara > eva > gil > hana: 3 segments, all between drawn actors
    assert len(paths[0].get_segments()) == 3
    colors = ax.collections[-1].get_facecolors()
    target = {"eva", "finn", "gil", "hana", "ivo"}
    orange = matplotlib.colors.to_rgba(plot.COLORS["target"])
    for name, color in zip(names, colors, strict=True):
        assert (tuple(color) == orange) == (name in target), name


def test_ego_network_layout_is_deterministic(toy):
    actors, ties = toy.to_frames()
    shuffled = infnet.Network.from_frames(actors.iloc[::-1], ties.iloc[::-1], directed=False,
                                          focal_organisation="Acme")
    a = plot.ego_network(toy, "cara", target="fintech")
    b = plot.ego_network(shuffled, "cara", target="fintech")
    assert [t.get_text() for t in a.texts] == [t.get_text() for t in b.texts]
    np.testing.assert_allclose(a.collections[-1].get_offsets(), b.collections[-1].get_offsets())


def test_ego_network_caps_neighbours_and_refuses_unknown_actor(toy):
    ax = plot.ego_network(toy, "cara", max_neighbours=2)
    assert len(ax.texts) >= 3
    assert "of 4 neighbours" in ax.get_title()
    with pytest.raises(UnknownActorError, match="nobody"):
        plot.ego_network(toy, "nobody")


def test_isolated_actor_is_drawn_alone(toy):
    ax = plot.ego_network(toy, "jo")
    assert [t.get_text() for t in ax.texts] == ["jo"]


def test_reach_curve_draws_the_estimates(toy):
    ax = plot.reach_curve(toy, "fintech", k=3, band=NO_BAND, n_sets=3000, rng=1)
    _renders(ax)
    labels = [line.get_label() for line in ax.lines]
    assert labels == ["complementary", "top-k (balanced)"]
    for line in ax.lines:
        x, y = line.get_data()
        assert list(x) == [1, 2, 3]
        assert (np.diff(y) >= -1e-12).all(), "reach grows with more picks"
    top = infnet.rank_influentials(toy, "fintech", k=3, band=NO_BAND, rng=1)
    comp = infnet.rank_influentials(toy, "fintech", k=3, band=NO_BAND, rng=1,
                                    method="complementary")
    for line, df in zip(ax.lines, (comp, top), strict=True):
        est = infnet.expected_reach(toy, "fintech", df.loc[~df["excluded"], "actor"],
                                    n_sets=20_000, rng=5)
        assert abs(line.get_data()[1][-1] - est.value) < 5 * (est.stderr + 0.05)
    assert len(ax.collections) == 2, "two error bands"


def test_strategy_overlap_image_equals_the_overlap(toy):
    table = infnet.compare_strategies(toy, "fintech", strategies=["balanced", "reference",
                                                                  "interaction"],
                                      k=3, band=NO_BAND, n_sets=500)
    ax = plot.strategy_overlap(table)
    _renders(ax)
    drawn = np.asarray(ax.images[0].get_array())
    expected = table[[f"overlap_{n}" for n in table.index]].to_numpy()
    np.testing.assert_allclose(drawn, expected)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(table.index)
    # the same from a dict of shortlists
    shortlists = {n: infnet.rank_influentials(toy, "fintech", k=3, strategy=n, band=NO_BAND)
                  for n in table.index}
    np.testing.assert_allclose(plot.overlap_matrix(shortlists).to_numpy(), expected)
    with pytest.raises(InfnetTypeError, match="compare_strategies"):
        plot.strategy_overlap([1, 2])


def test_missing_optional_dependency_names_the_pip_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "infnet\[plot\]"') as info:
        plot.contributions(infnet.rank_influentials(infnet.synthetic.toy_network(),
                                                    "fintech", k=2, band=NO_BAND))
    assert isinstance(info.value, ImportError)
    assert "\n" not in str(info.value)
    for module, extra in [("pyarrow", "parquet"), ("networkx", "networkx"), ("igraph", "igraph")]:
        monkeypatch.setitem(sys.modules, module, None)
        with pytest.raises(ImportError, match=rf'pip install "infnet\[{extra}\]"'):
            require(module, caller="test")


def test_import_infnet_is_light():
    import subprocess

    code = ("import sys, infnet; heavy = [m for m in ('pandas', 'scipy', 'numba', "
            "'matplotlib', 'pyarrow', 'networkx', 'igraph') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_ego_network_names_actors_by_a_label_column(toy):
    actors, ties = toy.to_frames()
    actors = actors.assign(name=[f"N-{a}" if a != "gil" else None for a in actors["id"]])
    named = infnet.Network.from_frames(actors, ties, directed=toy.directed,
                                       focal_organisation="Acme")
    ax = plot.ego_network(named, "hana", label="name")
    texts = [t.get_text() for t in ax.texts]
    assert texts[0] == "N-hana"
    assert "gil" in texts  # no name: the id
    assert "Ego network of N-hana" in ax.get_title()
    with pytest.raises(MissingColumnError, match="nmae.*Did you mean 'name'"):
        plot.ego_network(named, "hana", label="nmae")
