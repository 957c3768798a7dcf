from __future__ import annotations

import json
import tracemalloc

import numpy as np
import pandas as pd
import pytest

from infnet import InfnetWarning, Network, read_network
from infnet.exceptions import (
    InvalidFileError,
    InvalidNetworkError,
    InvalidParameterError,
    UnknownActorError,
)
from infnet.store import build_store, open_store, read_manifest, save_store, store_arrays
from infnet.synthetic import business_network, toy_network


def _directed(n: int = 1500, rng: int = 3) -> Network:
    actors, ties = business_network(n_actors=n, rng=rng).to_frames()
    return Network.from_frames(actors, ties, directed=True)


@pytest.mark.parametrize("make", [toy_network, _directed])
def test_round_trip_is_equal_and_memory_mapped(tmp_path, make):
    net = make()
    save_store(net, tmp_path / "s")
    back = open_store(tmp_path / "s", verify=True)
    assert back.equals(net)
    assert back.directed == net.directed
    assert back.focal_organisation == net.focal_organisation
    assert isinstance(back.strength.data, np.memmap)
    assert isinstance(back.strength.indices, np.memmap)
    assert not back.strength.data.flags.writeable
    assert back.strength.indices.dtype == net.strength.indices.dtype
    np.testing.assert_array_equal(back.in_degree(), net.in_degree())
    assert (back.in_matrix() != net.in_matrix()).nnz == 0
    # read_network opens a store directory
    assert read_network(tmp_path / "s").equals(net)
    m = read_manifest(tmp_path / "s")
    assert m["n_ties"] == net.n_ties
    assert m["directed"] == net.directed


def test_open_does_not_copy_the_tie_arrays(tmp_path):
    net = _directed(4000)
    save_store(net, tmp_path / "s")
    nbytes = net.strength.data.nbytes + net.strength.indices.nbytes
    tracemalloc.start()
    back = open_store(tmp_path / "s")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # the actors frame and O(n_actors) row pointers only: far below one tie array
    assert peak < nbytes / 2, (peak, nbytes)
    assert back.n_ties == net.n_ties


def test_int64_indices_when_counts_pass_int32(tmp_path, monkeypatch):
    from infnet import store

    monkeypatch.setattr(store, "_INT32_LIMIT", 5)  # pretend 2**31 is 5
    net = toy_network()
    save_store(net, tmp_path / "s")
    arrays = store_arrays(tmp_path / "s")
    assert arrays["indices"].dtype == np.int64
    assert arrays["indptr"].dtype == np.int64
    back = open_store(tmp_path / "s")
    assert back.strength.indptr.dtype == np.int64
    assert back.strength.indices.dtype == np.int64
    assert back.equals(net)


def _partitioned(tmp_path, ties: pd.DataFrame, parts: int = 5):
    folder = tmp_path / "ties"
    folder.mkdir()
    shuffled = ties.sample(frac=1.0, random_state=1)
    for i in range(parts):
        shuffled.iloc[i::parts].to_parquet(folder / f"part-{i}.parquet", index=False)
    return folder


@pytest.mark.parametrize("directed", [True, False])
def test_build_store_matches_from_frames(tmp_path, directed):
    actors, ties = business_network(n_actors=2500, rng=5).to_frames()
    folder = _partitioned(tmp_path, ties)
    a = actors.set_index("id")
    build_store(folder, tmp_path / "s", actors=a, directed=directed, block_actors=300)
    ref = Network.from_frames(actors, ties, directed=directed)
    assert open_store(tmp_path / "s", verify=True).equals(ref.with_options(focal_organisation=None))
    build_store(str(folder / "*.parquet"), tmp_path / "s2", directed=directed, block_actors=777)
    net = open_store(tmp_path / "s2")
    assert net.n_ties == ref.n_ties
    assert list(net.actor_ids) == sorted(net.actor_ids)


def test_build_store_peak_memory_is_a_block_not_all_ties(tmp_path):
    rng = np.random.default_rng(0)
    n, m = 20_000, 400_000
    src = rng.integers(0, n, m)
    dst = (src + rng.integers(1, n, m)) % n
    ties = pd.DataFrame({"source": src, "target": dst, "strength": rng.uniform(0.1, 1, m)})
    ties = ties.drop_duplicates(["source", "target"])
    folder = _partitioned(tmp_path, ties, parts=8)
    all_ties_bytes = len(ties) * 24  # source, target, strength as 8-byte columns
    tracemalloc.start()
    build_store(folder, tmp_path / "s", block_actors=500, batch_size=10_000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < all_ties_bytes / 4, (peak, all_ties_bytes)
    net = open_store(tmp_path / "s", verify=True)
    assert net.n_ties == len(ties)


def test_build_store_refuses_bad_input_by_name(tmp_path):
    ties = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "b", "c"],
                         "strength": [0.5, 0.6, 1.0]})
    folder = _partitioned(tmp_path, ties, parts=1)
    with pytest.raises(InvalidNetworkError, match=r"\('a', 'b'\)"):
        build_store(folder, tmp_path / "s")
    build_store(folder, tmp_path / "s", duplicates="max")
    assert open_store(tmp_path / "s").strength.data.tolist() == [0.6, 1.0]
    with pytest.raises(UnknownActorError, match="'c'"):
        build_store(folder, tmp_path / "s3", duplicates="max",
                    actors=pd.DataFrame(index=["a", "b"]))
    bad = pd.DataFrame({"source": ["a"], "target": ["b"], "strength": [1.5]})
    bad.to_parquet(tmp_path / "bad.parquet")
    with pytest.raises(InvalidNetworkError, match="strength"):
        build_store(tmp_path / "bad.parquet", tmp_path / "s4")
    loop = pd.DataFrame({"source": ["a", "a"], "target": ["a", "b"], "strength": [1.0, 1.0]})
    loop.to_parquet(tmp_path / "loop.parquet")
    with pytest.warns(InfnetWarning, match="1 self-ties"):
        build_store(tmp_path / "loop.parquet", tmp_path / "s5")
    with pytest.raises(InvalidFileError, match="matches no Parquet"):
        build_store(tmp_path / "nothing-*.parquet", tmp_path / "s6")
    with pytest.raises(InvalidParameterError, match="exists"):
        build_store(folder, tmp_path / "s", duplicates="max")


def test_open_store_refuses_damaged_stores(tmp_path):
    save_store(toy_network(), tmp_path / "s")
    manifest = tmp_path / "s" / "manifest.json"
    m = json.loads(manifest.read_text())
    m["csr"]["data"] = "../../etc/passwd"
    manifest.write_text(json.dumps(m))
    with pytest.raises(InvalidFileError, match="inside the store"):
        open_store(tmp_path / "s")
    m["csr"]["data"] = "data.npy"
    m["n_entries"] = 3
    manifest.write_text(json.dumps(m))
    with pytest.raises(InvalidFileError, match="shape"):
        open_store(tmp_path / "s")
    manifest.write_text("{not json")
    with pytest.raises(InvalidFileError, match="JSON"):
        open_store(tmp_path / "s")
    with pytest.raises(InvalidFileError, match="manifest"):
        open_store(tmp_path)
    save_store(toy_network(), tmp_path / "t")
    with pytest.raises(InvalidParameterError, match="directed"):
        read_network(tmp_path / "t", directed=True)
