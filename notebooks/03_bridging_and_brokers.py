# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Bridging and brokers
#
# External influentials matter because they bridge the firm to audiences it cannot
# reach itself. This notebook computes the bridging measures (Burt's **constraint**
# and **effective size**, **local bridges** and their span, the **participation
# coefficient** over segments, and Gould & Fernandez **brokerage roles**) with
# `infnet.measures`, first on the 10-actor toy network where every value can be
# checked by eye, then on a synthetic business network. Along the way, each measure
# is compared with networkx (or with a brute-force count) on small graphs.

# %% tags=["parameters"]
N_ACTORS = 2_000  # size of the synthetic business network
SEED = 0  # generator seed
N_RANDOM = 60  # actors of the random graph used for the networkx comparison

# %%
import numpy as np
import pandas as pd

import infnet
from infnet.algorithms import bridging
from infnet.synthetic import business_network, toy_network

toy = toy_network()
print(toy)

# %% [markdown]
# ## The bridging table of the toy network
#
# Acme (`ana`, `ben`, `cara`, `dev`) reaches the fintech cluster only through the
# weak tie `cara - eva`. Constraint uses tie strengths; effective size, local
# bridges and betweenness count ties.

# %%
table = pd.concat(
    [
        infnet.measures(toy, ["constraint"], weight="strength"),
        infnet.measures(toy, ["effective_size", "n_local_bridges", "betweenness_centrality"]),
        infnet.measures(toy, ["participation_coefficient"], groups="segment"),
        infnet.measures(toy, ["brokerage_roles"], groups="organisation"),
    ],
    axis=1,
)
table.round(3)

# %% [markdown]
# `cara` and `eva` have the lowest constraint, the only local bridge and the highest
# betweenness: they span the structural hole between Acme and its market. `jo` has
# no tie, so constraint and effective size are undefined (NaN).
#
# The local bridge itself, with its span (the distance between its ends once it is
# removed; infinite when removing it disconnects them):

# %%
bridges = bridging.local_bridges(toy)
ids = toy.actor_ids
bridge_table = pd.DataFrame(
    {"source": ids[bridges.source], "target": ids[bridges.target], "span": bridges.span}
)
bridge_table.head()

# %% [markdown]
# ## The same numbers from networkx
#
# infnet's constraint and effective size follow networkx's definitions exactly; local
# bridges and betweenness too. We check on the toy network and on a random weighted
# graph.

# %%
import networkx as nx


def networkx_table(graph: nx.Graph) -> pd.DataFrame:
    """Constraint (weighted), effective size, betweenness and local bridges per actor."""
    n_bridges = dict.fromkeys(graph, 0)
    for u, v in nx.local_bridges(graph, with_span=False):
        n_bridges[u] += 1
        n_bridges[v] += 1
    return pd.DataFrame(
        {
            "constraint": pd.Series(nx.constraint(graph, weight="strength")),
            "effective_size": pd.Series(nx.effective_size(graph)),
            "n_local_bridges": pd.Series(n_bridges, dtype=float),
            "betweenness_centrality": pd.Series(nx.betweenness_centrality(graph)),
        }
    )


def infnet_table(network: infnet.Network) -> pd.DataFrame:
    """The same four measures from infnet."""
    return pd.concat(
        [
            infnet.measures(network, ["constraint"], weight="strength"),
            infnet.measures(network, ["effective_size", "n_local_bridges",
                                      "betweenness_centrality"]),
        ],
        axis=1,
    )


rng = np.random.default_rng(SEED)
random_graph = nx.gnm_random_graph(N_RANDOM, 3 * N_RANDOM, seed=SEED)
for u, v in random_graph.edges:
    random_graph.edges[u, v]["strength"] = float(np.round(rng.uniform(0.05, 1.0), 3))
random_net = infnet.Network.from_networkx(random_graph)

differences = {}
for name, net, graph in [("toy", toy, toy.to_networkx()),
                         ("random", random_net, random_graph)]:
    ours = infnet_table(net)
    theirs = networkx_table(graph).loc[ours.index, ours.columns]
    differences[name] = (ours - theirs).abs().max()
pd.DataFrame(differences)

# %% [markdown]
# networkx has no brokerage roles, so we count them by brute force: every two-path
# $a \to b \to c$ with $a \ne c$ and no tie $a \to c$ is a brokerage by $b$, classified
# by the organisations of $a$, $b$ and $c$. An undirected tie goes both ways.

# %%
def brute_force_brokerage(network: infnet.Network, column: str) -> pd.DataFrame:
    """Gould-Fernandez role counts by enumerating two-paths (small networks only)."""
    graph = network.to_networkx().to_directed()
    group = network.actors[column]
    counts = pd.DataFrame(0.0, index=network.actor_ids, columns=list(bridging.BROKERAGE_ROLES))
    for b in graph:
        for a in graph.predecessors(b):
            for c in graph.successors(b):
                if a == c or graph.has_edge(a, c):
                    continue
                ga, gb, gc = group[a], group[b], group[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif gb == gc:
                    role = "gatekeeper"
                elif ga == gb:
                    role = "representative"
                else:
                    role = "liaison"
                counts.loc[b, role] += 1
    return counts.add_prefix("brokerage_")


brute = brute_force_brokerage(toy, "organisation")
ours = infnet.measures(toy, ["brokerage_roles"], groups="organisation")
pd.concat({"infnet": ours, "brute force": brute}, axis=1).loc[["cara", "eva", "gil"]]

# %% [markdown]
# ## A business network
#
# On a synthetic business network, the same table shows who brokers between
# organisations and who spreads ties across segments. Constraint and effective size
# tell the same story from two sides: actors with large non-redundant networks are
# the least constrained.

# %%
network = business_network(N_ACTORS, n_segments=6, rng=SEED)
print(network)
big = pd.concat(
    [
        infnet.measures(network, ["constraint", "effective_size", "n_local_bridges"]),
        infnet.measures(network, ["participation_coefficient"], groups="segment"),
        infnet.measures(network, ["brokerage_roles"], groups="organisation"),
    ],
    axis=1,
)
big.describe().T.round(3)

# %% [markdown]
# The top liaisons, who broker between two organisations that are not their own:

# %%
brokers = big.join(network.actors[["kind", "organisation", "segment"]])
brokers.nlargest(10, "brokerage_liaison")[
    ["kind", "organisation", "segment", "brokerage_liaison", "constraint",
     "participation_coefficient"]
].round(3)

# %% [markdown]
# The top liaison's ego network (`infnet.plot.ego_network`): its ties, the employees
# (green) and the warm path from one of them (red). Its neighbours belong to many
# organisations, which is what makes it a liaison.

# %%
import infnet.plot

liaison = brokers["brokerage_liaison"].idxmax()
ax = infnet.plot.ego_network(network, liaison, max_neighbours=30)

# %%
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.scatter(big["effective_size"], big["constraint"], s=4, alpha=0.3)
ax.set_xscale("log")
ax.set_xlabel("effective size")
ax.set_ylabel("constraint")
ax.set_title("Non-redundant networks are unconstrained")
fig.tight_layout()
rho = big["constraint"].corr(big["effective_size"], method="spearman")
print(f"Spearman correlation of constraint and effective size: {rho:.2f}")

# %% [markdown]
# ## Checks

# %%
# toy network: the bridge and its ends
assert bridge_table[["source", "target"]].values.tolist() == [["cara", "eva"]]
assert np.isinf(bridge_table["span"]).all()
assert table["n_local_bridges"].to_dict() == {
    a: (1.0 if a in ("cara", "eva") else 0.0) for a in toy.actor_ids
}
with_ties = table.drop(index="jo")
assert set(with_ties["constraint"].nsmallest(2).index) <= {"cara", "eva", "gil"}
assert table["betweenness_centrality"].idxmax() in ("cara", "eva")
assert np.isnan(table.loc["jo", "constraint"])
assert np.isnan(table.loc["jo", "effective_size"])
assert table.loc[["ana", "ben", "dev"], "participation_coefficient"].eq(0).all()
assert table.loc["cara", "participation_coefficient"] > 0

# agreement with networkx (NaN where both are NaN)
for name, diff in differences.items():
    assert (diff.fillna(0) < 1e-9).all(), (name, diff)

# brokerage: brute force agrees, and the bridge ends carry cross-organisation roles
pd.testing.assert_frame_equal(ours, brute, check_dtype=False)
assert ours.loc["cara", ["brokerage_representative", "brokerage_gatekeeper"]].gt(0).all()
assert ours.loc["jo"].eq(0).all()

# business network: shapes, ranges and the constraint / effective-size trade-off
assert len(big) == network.n_actors
isolated = infnet.measures(network, ["degree"])["degree"].eq(0)
assert big.loc[~isolated, "constraint"].notna().all()
assert big.loc[isolated, "constraint"].isna().all()
participation = big["participation_coefficient"]
assert participation.between(0, 1, inclusive="left").all()
brokerage = big.filter(like="brokerage_")
assert (brokerage >= 0).all().all()
assert (brokerage == np.round(brokerage)).all().all()
assert rho < -0.3
print("all checks passed")
