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
# # Targets and reach
#
# Who does a campaign want to reach, and how much of that audience does each actor
# reach? This notebook builds target audiences in the three ways infnet supports
# (segments, accounts with values, expressions), then measures **direct**, **2-hop**
# and **sketched** targeted reach, the **target share**, the split between
# **acquisition** and **retention** reach, and the **expected reach** of a set of
# actors under an independent cascade, with its standard error.

# %% tags=["parameters"]
SEED = 0  # seed of every random estimate below
N_SETS = 5_000  # reverse-reachable sets for expected reach
N_RUNS = 1_000  # forward cascade simulations (the Monte-Carlo check)
SKETCH_PRECISION = 6  # sketch size 2**6 = 64: small on purpose, to see the error
MODEL = "weighted_cascade"  # cascade model: p_uv = 1 / in-degree(v)

# %%
import itertools

import numpy as np
import pandas as pd

import infnet
from infnet.algorithms import diffusion, reach
from infnet.synthetic import demo_network, toy_network

toy = toy_network()
print(toy)
toy.actors.head(10)

# %% [markdown]
# ## Three ways to say who the target is
#
# The toy network has a focal organisation, Acme (four employees in `software`),
# and a `fintech` market: two people at the customer Beta, an analyst at Gamma and
# two consultants at Delta. `jo` (press, `retail`) has no tie.
#
# **By segment.** Every target is worth 1.

# %%
by_segment = infnet.Target(segments="fintech")
w_segment = by_segment.weights(toy)
toy.to_series(w_segment, name="w")

# %% [markdown]
# **By account, with values.** Account-based marketing: the Beta account is worth
# five times as much as Delta. Values given per organisation apply to every member.

# %%
accounts = infnet.Target(organisations=["Beta", "Delta"], values={"Beta": 5.0})
w_accounts = accounts.weights(toy)
print(accounts.summary(toy))
toy.to_series(w_accounts, name="w")

# %% [markdown]
# **By expression**, optionally intersected with `within=`: here, fintech actors
# with an audience above 1,000 who are not customers yet (prospects).

# %%
prospects = infnet.Target(
    where="segment == 'fintech' and audience > 1000", within="is_customer == False"
)
w_prospects = prospects.weights(toy)
print(prospects.summary(toy))
print(toy.actor_ids[w_prospects > 0].tolist())

# %% [markdown]
# Targets have a plain-data form for services and configuration files.

# %%
as_dict = accounts.to_dict()
print(as_dict)
assert infnet.Target.from_dict(as_dict) == accounts

# %% [markdown]
# ## Direct reach, 2-hop reach and target share
#
# *Direct targeted reach* is the strength-weighted value of the targets one tie away,
# $R_1(u) = \sum_{v \in N^{out}(u)} w_v s_{uv}$. *2-hop reach* counts the value of the
# distinct targets within two ties, strengths ignored. *Target share* is the share of
# an actor's tie strength that goes into the target.

# %%
direct = infnet.targeted_reach(toy, accounts, hops=1)
two_hop = infnet.targeted_reach(toy, accounts, hops=2)
share = toy.to_series(reach.target_share(toy, w_accounts), name="target_share")
pd.concat([direct, two_hop, share], axis=1)

# %% [markdown]
# Direct reach is one sparse matrix-vector product, so it can be checked by hand:

# %%
by_hand = toy.strength @ w_accounts
np.testing.assert_allclose(direct.to_numpy(), by_hand)

# %% [markdown]
# And 2-hop reach against a breadth-first search in networkx:

# %%
import networkx as nx

graph = toy.to_networkx()
value = dict(zip(toy.actor_ids, w_accounts, strict=True))
bfs = pd.Series(
    {
        u: sum(value[v] for v, d in nx.single_source_shortest_path_length(graph, u, 2).items()
               if d >= 1)
        for u in toy.actor_ids
    }
)
np.testing.assert_allclose(two_hop.to_numpy(), bfs.loc[toy.actor_ids].to_numpy())

# %% [markdown]
# `cara` is Acme's only tie into fintech: a direct reach of $0.4 \times 5 = 2$ through
# the weak tie to `eva`, but a target share of only $0.4 / 2.5 = 16\%$ because most of
# her ties stay inside Acme. The analyst `gil` sends all of his tie strength into the
# target (share 100 %): a micro-influential.

# %% [markdown]
# ## Acquisition and retention reach
#
# *Retention reach* counts targets the firm already knows (tied to an employee);
# *acquisition reach* counts the others, the new audiences only external
# influentials can open. On the toy network, only `eva` is tied to Acme.

# %%
acquisition = toy.to_series(reach.acquisition_reach(toy, w_accounts), name="acquisition")
retention = toy.to_series(reach.retention_reach(toy, w_accounts), name="retention")
pd.concat([direct, acquisition, retention], axis=1)

# %% [markdown]
# ## At scale: the demo network, exact and sketched reach
#
# On larger networks, k-hop reach is estimated from bottom-k distance sketches. We
# use a deliberately small sketch (64 entries) so the error is visible, and compare
# with the exact values.

# %%
network, truth = demo_network()
print(network)
print(truth.target)
target = infnet.Target.from_dict(truth.target)
w = target.weights(network)
print(target.summary(network))

# %%
w_unit = (w > 0).astype(float)  # count targets, so "reach" is a number of actors
exact = reach.khop_reach(network, w_unit, hops=2, method="exact")
sketch = reach.khop_reach(network, w_unit, hops=2, method="sketch",
                          precision=SKETCH_PRECISION, rng=SEED)
k_sketch = 2**SKETCH_PRECISION
big = exact >= k_sketch  # smaller reaches are (almost always) exact
rel_err = np.abs(sketch[big] - exact[big]) / exact[big]
print(f"{big.sum()} actors reach more than {k_sketch} targets within 2 hops")
print(f"mean relative error {rel_err.mean():.3f}; stated standard error "
      f"{1 / np.sqrt(k_sketch - 2):.3f}")

# %%
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(4.5, 4))
ax.scatter(exact, sketch, s=4, alpha=0.4)
lim = max(exact.max(), sketch.max())
ax.plot([0, lim], [0, lim], color="grey", lw=1)
ax.set_xlabel("exact 2-hop reach")
ax.set_ylabel(f"sketch estimate (k = {k_sketch})")
ax.set_title("Sketched vs exact 2-hop targeted reach")
fig.tight_layout()

# %% [markdown]
# The same through the pandas-level wrapper, which uses the default sketch size
# (1,024, about 3 % relative error):

# %%
sketch_default = infnet.targeted_reach(network, target, hops=2, method="sketch", rng=SEED)
exact_series = infnet.targeted_reach(network, target, hops=2)
default_err = (sketch_default - exact_series).abs() / exact_series.where(exact_series > 0)
print(f"default sketch: mean relative error {default_err.mean():.4f}")

# %% [markdown]
# ## Expected reach of a set, with its standard error
#
# Reach counts who *could* hear; expected reach counts who *will*, under an
# independent cascade. In the *weighted cascade* model a tie into $v$ passes the
# message on with probability $1 / d^{in}(v)$ (the default model of the ranking,
# `"strength"`, uses $0.5\,s_{uv}$). It is estimated from reverse-reachable sets and returned with
# its standard error. We take the five actors with the largest direct reach and
# check the estimate against forward Monte-Carlo simulation.

# %%
direct_big = infnet.targeted_reach(network, target, hops=1)
seeds = direct_big.nlargest(5).index.tolist()
est = infnet.expected_reach(network, target, seeds, model=MODEL, n_sets=N_SETS, rng=SEED)
positions = network.index_of(seeds)
mc = diffusion.simulate_cascade(network, w, positions, model=MODEL, n_runs=N_RUNS,
                               rng=SEED)
print(f"RR sets:     {est.value:8.2f} +- {est.stderr:.2f}  ({est.n_samples} sets)")
print(f"Monte Carlo: {mc.value:8.2f} +- {mc.stderr:.2f}  ({mc.n_samples} runs)")
print(f"total target value {w.sum():.0f}")

# %% [markdown]
# One sampler can be reused to compare many sets on the same sample: expected reach
# then never decreases when an actor is added.

# %%
sampler = diffusion.RRSampler(MODEL, n_sets=N_SETS, rng=SEED).fit(network, w)
growth = [float(sampler.estimate(positions[: i + 1])) for i in range(positions.size)]
print(np.round(growth, 2).tolist())

# %% [markdown]
# ## Checks
#
# The assertions below make this notebook a test: they fail if what it shows stops
# being true.

# %%
# targets resolve as described
fintech = ["eva", "finn", "gil", "hana", "ivo"]
assert toy.actor_ids[w_segment > 0].tolist() == fintech
assert set(np.unique(w_segment)) == {0.0, 1.0}
assert w_accounts[toy.index_of(["eva", "finn"])].tolist() == [5.0, 5.0]
assert w_accounts[toy.index_of(["hana", "ivo"])].tolist() == [1.0, 1.0]
assert w_accounts.sum() == 12.0
assert toy.actor_ids[w_prospects > 0].tolist() == ["gil", "hana"]

# reach on the toy network, by hand
assert np.isclose(direct["cara"], 0.4 * 5.0)
assert np.isclose(share["cara"], 0.4 / (0.8 + 0.7 + 0.6 + 0.4))
assert np.isclose(share["gil"], 1.0)
assert np.isnan(share["jo"])
assert direct["jo"] == 0
assert two_hop["jo"] == 0
# acquisition and retention split direct reach
np.testing.assert_allclose(acquisition + retention, direct)
assert retention.loc[["ana", "ben", "dev"]].eq(0).all()
assert retention["cara"] > 0
assert acquisition["cara"] == 0

# the sketch is within its stated error, and exact where reach is small
sigma = 1 / np.sqrt(k_sketch - 2)
assert big.sum() > 0
assert rel_err.mean() < 1.5 * sigma, rel_err.mean()
small = exact < k_sketch - 1  # the closed ball also holds u when u is a target
np.testing.assert_allclose(sketch[small], exact[small])
assert default_err.mean() < 0.05
# the same seed gives the same sketch
np.testing.assert_array_equal(
    sketch, reach.khop_reach(network, w_unit, hops=2, method="sketch",
                             precision=SKETCH_PRECISION, rng=SEED)
)

# expected reach: RR sets agree with Monte Carlo, and grow with the set
assert 0 < est.value <= w.sum()
assert est.stderr > 0
assert abs(est.value - mc.value) < 4 * np.hypot(est.stderr, mc.stderr)
assert all(b >= a for a, b in itertools.pairwise(growth))
assert growth[-1] > growth[0]
print("all checks passed")
