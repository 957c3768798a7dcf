"""Networks stored as a directory: memory-mapped CSR arrays, Parquet actors, a manifest.

A *store* is how infnet holds a network larger than memory. :func:`save_store` writes
one from a :class:`~infnet.Network`; :func:`build_store` builds one from partitioned
Parquet ties without ever holding all ties in memory; :func:`open_store` (and
:func:`infnet.read_network` given the directory) opens it **memory-mapped and
read-only**: the tie arrays stay on disk and the operating system pages in what an
algorithm touches.

Layout of a store directory::

    manifest.json        format version, n_actors, n_ties, direction, focal organisation,
                         strong threshold, index dtype, and the names of the files below
    actors/part-00000.parquet ...
                         one row per actor in network order (the id mapping: row i of
                         the concatenated parts is actor position i, its id the index)
    indptr.npy           int64, shape (n_actors + 1,): row pointers (row = source)
    indices.npy          int32 while n_actors and the entry count are below 2**31,
                         int64 otherwise: column (target) of each stored entry
    data.npy             float64: strength of each stored entry
    in_indptr.npy, in_indices.npy, in_perm.npy, in_data.npy
                         directed networks only: the transposed structure (row =
                         target), ``in_perm`` the position of each entry in ``data``
    tie_<name>.npy       one file per extra tie attribute, aligned with ``data``

Examples
--------
>>> import tempfile, pathlib
>>> from infnet.store import open_store, save_store
>>> from infnet.synthetic import toy_network
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "toy.infnet"
>>> save_store(toy_network(), folder)
>>> net = open_store(folder)
>>> net.equals(toy_network()), type(net.strength.data).__name__
(True, 'memmap')
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Hashable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse

from infnet._optional import require
from infnet._validation import MIN_STRENGTH, check_bool, check_float, check_int, check_option
from infnet.exceptions import (
    InfnetTypeError,
    InfnetWarning,
    InvalidFileError,
    InvalidNetworkError,
    InvalidParameterError,
    MissingColumnError,
    UnknownActorError,
)
from infnet.network import Network

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["FORMAT_VERSION", "MANIFEST", "build_store", "is_store", "open_store", "save_store"]

#: Name of the manifest file inside a store directory.
MANIFEST = "manifest.json"

#: Version of the store layout written by this infnet; :func:`open_store` refuses others.
FORMAT_VERSION = 1

_FORMAT = "infnet-store"


def _arrow(caller: str) -> tuple[Any, Any, Any, Any]:
    """Import pyarrow (the ``parquet`` extra): pyarrow, compute, dataset, parquet."""
    pa = require("pyarrow", extra="parquet", caller=caller)
    return (pa, require("pyarrow.compute", extra="parquet", caller=caller),
            require("pyarrow.dataset", extra="parquet", caller=caller),
            require("pyarrow.parquet", extra="parquet", caller=caller))
_INT32_LIMIT = int(np.iinfo(np.int32).max)
_ACTORS_PER_PART = 1_000_000
_RECORD = np.dtype([("src", np.int64), ("dst", np.int64), ("s", np.float64)])
_IN_RECORD = np.dtype([("dst", np.int64), ("src", np.int64), ("pos", np.int64), ("s", np.float64)])


def _index_dtype(n_actors: int, n_entries: int) -> type[np.integer[Any]]:
    """int32 while every count fits (the in-memory Network's rule), int64 beyond."""
    return np.int32 if max(n_actors, n_entries) < _INT32_LIMIT else np.int64


def _path(value: object, name: str, caller: str) -> Path:
    if not isinstance(value, (str, os.PathLike)):
        msg = f"`{name}` of {caller} must be a str or path; got {type(value).__name__}."
        raise InfnetTypeError(msg)
    return Path(os.fspath(value))


def is_store(path: object) -> bool:
    """Return whether `path` is a store directory (holds a ``manifest.json``).

    Parameters
    ----------
    path : str or path
        Any path.

    Returns
    -------
    bool
        True for a directory with a manifest file; never raises.

    Examples
    --------
    >>> is_store("/nonexistent"), is_store(__file__)
    (False, False)
    """
    if not isinstance(path, (str, os.PathLike)):
        return False
    p = Path(os.fspath(path))
    return p.is_dir() and (p / MANIFEST).is_file()


def _jsonable(value: Hashable | None, caller: str) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    msg = (
        f"{caller} can record a focal organisation that is a str, int, float or bool; got "
        f"{type(value).__name__} {value!r}."
    )
    raise InvalidParameterError(msg)


def _write_npy(path: Path, array: np.ndarray) -> None:
    np.save(path, np.ascontiguousarray(array), allow_pickle=False)


def _write_actors(frame: pd.DataFrame, folder: Path) -> list[str]:
    folder.mkdir()
    parts = []
    n = len(frame)
    for i, start in enumerate(range(0, max(n, 1), _ACTORS_PER_PART)):
        name = f"part-{i:05d}.parquet"
        frame.iloc[start : start + _ACTORS_PER_PART].to_parquet(folder / name, index=True)
        parts.append(f"actors/{name}")
    return parts


def _manifest(
    *,
    n_actors: int,
    n_entries: int,
    directed: bool,
    focal: Any,
    threshold: float,
    index_dtype: str,
    actor_parts: list[str],
    tie_files: Mapping[str, str],
) -> dict[str, Any]:
    from infnet import __version__

    csr = {"indptr": "indptr.npy", "indices": "indices.npy", "data": "data.npy"}
    in_csr = (
        {"indptr": "in_indptr.npy", "indices": "in_indices.npy", "perm": "in_perm.npy",
         "data": "in_data.npy"}
        if directed else None
    )
    return {
        "format": _FORMAT,
        "format_version": FORMAT_VERSION,
        "n_actors": n_actors,
        "n_entries": n_entries,
        "n_ties": n_entries if directed else n_entries // 2,
        "directed": directed,
        "focal_organisation": focal,
        "strong_threshold": threshold,
        "index_dtype": index_dtype,
        "id_mapping": actor_parts,
        "csr": csr,
        "in_csr": in_csr,
        "tie_attributes": dict(tie_files),
        "infnet_version": __version__,
    }


def _prepare_dest(path: Path, overwrite: bool, caller: str) -> Path:
    if path.exists():
        if not overwrite:
            msg = f"`path` of {caller}: {str(path)!r} exists; pass overwrite=True to replace it."
            raise InvalidParameterError(msg)
        if not is_store(path):
            msg = (
                f"`path` of {caller}: {str(path)!r} exists and is not an infnet store; it is "
                "never replaced (remove it yourself)."
            )
            raise InvalidParameterError(msg)
    path.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))


def _commit(tmp: Path, path: Path, manifest: dict[str, Any]) -> None:
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    if path.exists():
        shutil.rmtree(path)
    tmp.rename(path)


def save_store(network: Network, path: str | os.PathLike[str], *, overwrite: bool = False) -> None:
    """Write a network as a store directory (memory-mappable arrays and Parquet actors).

    Parameters
    ----------
    network : Network
        The network.
    path : str or path
        Directory to create. Written next to it first and renamed when complete, so a
        failed write never leaves a half store under this name.
    overwrite : bool, default=False
        Replace an existing store at `path` (anything else there is never removed).

    Raises
    ------
    InvalidParameterError
        When `path` exists (and `overwrite` is False or it is not a store), or the focal
        organisation cannot be recorded in JSON.
    InfnetTypeError
        When `network` is not a Network or `path` not a path.

    See Also
    --------
    open_store : The inverse, memory-mapped.
    build_store : Build a store from Parquet ties that do not fit in memory.

    Notes
    -----
    Files: see the module docstring. ``indptr`` is always int64 on disk; ``indices``
    int32 while every count is below 2**31 (as in memory), int64 beyond. A directed
    network also gets its transposed structure (row = target), so that opening the
    store needs no transpose: 20 more bytes per tie on disk (16 with int64 indices
    adds 4). Memory: the arrays are written one at a time, plus the transposed
    structure of a directed network when not yet cached.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from infnet.synthetic import star
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "star"
    >>> save_store(star(3), folder)
    >>> sorted(p.name for p in folder.iterdir())[:4]
    ['actors', 'data.npy', 'in_data.npy', 'in_indices.npy']
    """
    caller = "save_store"
    if not isinstance(network, Network):
        msg = f"`network` of {caller} must be an infnet Network; got {type(network).__name__}."
        raise InfnetTypeError(msg)
    dest = _path(path, "path", caller)
    overwrite = check_bool(overwrite, name="overwrite", caller=caller)
    focal = _jsonable(network.focal_organisation, caller)
    _arrow(caller)  # the actors are written as Parquet
    tmp = _prepare_dest(dest, overwrite, caller)
    try:
        s = network.strength
        n, nnz = network.n_actors, int(s.nnz)
        idx = _index_dtype(n, nnz)
        _write_npy(tmp / "indptr.npy", s.indptr.astype(np.int64))
        _write_npy(tmp / "indices.npy", s.indices.astype(idx))
        _write_npy(tmp / "data.npy", s.data.astype(np.float64))
        if network.directed:
            in_indptr, in_indices, perm = network._transposed()
            _write_npy(tmp / "in_indptr.npy", in_indptr.astype(np.int64))
            _write_npy(tmp / "in_indices.npy", in_indices.astype(idx))
            _write_npy(tmp / "in_perm.npy", perm.astype(np.int64))
            _write_npy(tmp / "in_data.npy", s.data[perm])
        tie_files = {}
        for i, name in enumerate(network.tie_attributes):
            values = np.asarray(network.tie_attribute(name))
            if values.dtype == object:
                msg = (
                    f"{caller}: tie attribute {name!r} holds Python objects (dtype object); a "
                    "store keeps numeric, boolean or fixed-width tie attributes only."
                )
                raise InvalidParameterError(msg)  # noqa: TRY301
            tie_files[name] = f"tie_{i:03d}.npy"
            _write_npy(tmp / tie_files[name], values)
        parts = _write_actors(network._actors, tmp / "actors")
        _commit(tmp, dest, _manifest(
            n_actors=n, n_entries=nnz, directed=network.directed, focal=focal,
            threshold=network.strong_threshold, index_dtype=np.dtype(idx).name,
            actor_parts=parts, tie_files=tie_files,
        ))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


# ----------------------------------------------------------------------------- open
def _bad(path: Path, what: str) -> InvalidFileError:
    return InvalidFileError(f"open_store: {str(path)!r} is not a valid infnet store: {what}.")


def read_manifest(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and check a store's manifest.

    Parameters
    ----------
    path : str or path
        The store directory.

    Returns
    -------
    dict
        The manifest (see the module docstring).

    Raises
    ------
    InvalidFileError
        When the directory, the manifest or one of its fields is missing or malformed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from infnet.synthetic import star
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "s"
    >>> save_store(star(2), folder)
    >>> read_manifest(folder)["n_actors"]
    3
    """
    root = _path(path, "path", "open_store")
    file = root / MANIFEST
    if not file.is_file():
        raise _bad(root, f"no {MANIFEST} (is it a store directory?)")
    try:
        if file.stat().st_size > 1 << 24:
            raise _bad(root, f"{MANIFEST} is larger than 16 MiB")
        m = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(root, f"{MANIFEST} cannot be read as JSON ({exc})") from None
    if not isinstance(m, dict) or m.get("format") != _FORMAT:
        raise _bad(root, f"{MANIFEST} is not an infnet store manifest")
    if m.get("format_version") != FORMAT_VERSION:
        raise _bad(root, f"format_version {m.get('format_version')!r}; this infnet reads "
                         f"{FORMAT_VERSION}")
    checks: dict[str, Callable[[Any], bool]] = {
        "n_actors": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1,
        "n_entries": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "directed": lambda v: isinstance(v, bool),
        "focal_organisation": lambda v: v is None or isinstance(v, (str, int, float, bool)),
        "strong_threshold": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
        and 0.0 < float(v) <= 1.0,
        "index_dtype": lambda v: v in ("int32", "int64"),
        "id_mapping": lambda v: isinstance(v, list) and bool(v)
        and all(isinstance(x, str) for x in v),
        "csr": lambda v: isinstance(v, dict),
        "tie_attributes": lambda v: isinstance(v, dict)
        and all(isinstance(a, str) and isinstance(b, str) for a, b in v.items()),
    }
    for key, ok in checks.items():
        if key not in m or not ok(m[key]):
            raise _bad(root, f"manifest field {key!r} is missing or malformed ({m.get(key)!r:.80})")
    if m["directed"] and not isinstance(m.get("in_csr"), dict):
        raise _bad(root, "a directed store needs the 'in_csr' files")
    return m


def _file(root: Path, name: object) -> Path:
    """Return a file named by the manifest: a relative name inside the store, never outside."""
    if not isinstance(name, str) or not name or Path(name).is_absolute() or ".." in Path(name).parts:
        raise _bad(root, f"file name {name!r:.80} in the manifest is not a relative name inside the store")
    p = root / name
    if not p.is_file():
        raise _bad(root, f"file {name!r} named by the manifest is missing")
    return p


def _memmap(root: Path, name: object, shape: tuple[int], dtypes: tuple[str, ...]) -> np.ndarray:
    p = _file(root, name)
    try:
        arr = np.load(p, mmap_mode="r", allow_pickle=False)
    except (ValueError, OSError) as exc:
        raise _bad(root, f"{name!r} is not a readable .npy array ({exc})") from None
    if arr.shape != shape or arr.dtype.name not in dtypes:
        raise _bad(root, f"{name!r} has shape {arr.shape} and dtype {arr.dtype}; expected "
                         f"{shape} and {' or '.join(dtypes)}")
    out: np.ndarray = arr
    return out


def _check_indptr(root: Path, name: str, indptr: np.ndarray, nnz: int) -> None:
    if int(indptr[0]) != 0 or int(indptr[-1]) != nnz or (np.diff(indptr) < 0).any():
        raise _bad(root, f"{name} is not a row-pointer array (0 .. {nnz}, non-decreasing)")


def store_arrays(path: str | os.PathLike[str], manifest: Mapping[str, Any] | None = None
                 ) -> dict[str, np.ndarray]:
    """Memory-map the arrays of a store (read-only), for engines that work on blocks.

    Parameters
    ----------
    path : str or path
        The store directory.
    manifest : mapping, optional
        The manifest, when already read.

    Returns
    -------
    dict of str to ndarray
        ``indptr``, ``indices``, ``data`` and, for directed stores, ``in_indptr``,
        ``in_indices``, ``in_perm``, ``in_data``; all ``np.memmap`` in read-only mode
        (``indptr`` int64 as on disk).

    Raises
    ------
    InvalidFileError
        A missing or malformed file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from infnet.synthetic import star
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "s"
    >>> save_store(star(2), folder)
    >>> store_arrays(folder)["indptr"].tolist()
    [0, 2, 2, 2]
    """
    root = _path(path, "path", "open_store")
    m = read_manifest(root) if manifest is None else manifest
    n, nnz, idx = int(m["n_actors"]), int(m["n_entries"]), str(m["index_dtype"])
    if idx == "int32" and max(n, nnz) >= _INT32_LIMIT:
        raise _bad(root, f"index_dtype int32 cannot hold {max(n, nnz)} positions")
    out = {}
    for prefix, files in (("", m["csr"]), ("in_", m.get("in_csr") if m["directed"] else None)):
        if files is None:
            continue
        if not isinstance(files, dict):
            raise _bad(root, f"manifest field {prefix or 'csr'!r} is malformed")
        out[prefix + "indptr"] = _memmap(root, files.get("indptr"), (n + 1,), ("int64",))
        out[prefix + "indices"] = _memmap(root, files.get("indices"), (nnz,), (idx,))
        out[prefix + "data"] = _memmap(root, files.get("data"), (nnz,), ("float64",))
        if prefix:
            out["in_perm"] = _memmap(root, files.get("perm"), (nnz,), ("int64",))
        _check_indptr(root, prefix + "indptr", out[prefix + "indptr"], nnz)
    return out


def _csr_view(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, n: int
              ) -> sparse.csr_array:
    """Return a csr_array over the given arrays without the constructor's copies or casts."""
    m = sparse.csr_array((n, n), dtype=np.float64)
    m.indptr, m.indices, m.data = indptr, indices, data
    return m


def open_store(path: str | os.PathLike[str], *, verify: bool = False) -> Network:
    """Open a store directory as a Network whose tie arrays stay memory-mapped on disk.

    Parameters
    ----------
    path : str or path
        The store directory (written by :func:`save_store` or :func:`build_store`).
    verify : bool, default=False
        Also check every column index and strength (one sequential read of the tie
        files). By default only the manifest, the file shapes and dtypes and the row
        pointers (O(n_actors)) are checked, so opening costs no pass over the ties.

    Returns
    -------
    Network
        Read-only network. ``strength.indices``, ``strength.data`` and the tie
        attributes are ``np.memmap`` views of the files (nothing of size n_ties is
        copied); the row pointers are cast to the index dtype (an O(n_actors) copy,
        only when that dtype is int32); the actors are read into memory. For a
        directed store the transposed structure comes from the files too, so
        :meth:`Network.in_matrix` and :meth:`Network.in_degree` need no transpose.

    Raises
    ------
    InvalidFileError
        A missing or malformed manifest or file (named), a file whose shape or dtype
        disagrees with the manifest, or (with `verify`) indices or strengths out of range.

    See Also
    --------
    save_store, build_store, infnet.read_network

    Notes
    -----
    The operating system pages the files in as algorithms touch them and may drop
    them again under memory pressure; several processes opening the same store share
    one copy in the page cache (this is how the Dask engine's workers share a graph).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from infnet.synthetic import toy_network
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "toy"
    >>> save_store(toy_network(), folder)
    >>> open_store(folder)
    Network(n_actors=10, n_ties=12, directed=False, focal_organisation='Acme')
    """
    caller = "open_store"
    root = _path(path, "path", caller)
    verify = check_bool(verify, name="verify", caller=caller)
    m = read_manifest(root)
    arrays = store_arrays(root, m)
    n, nnz = int(m["n_actors"]), int(m["n_entries"])
    idx = np.dtype(m["index_dtype"])
    if verify:
        _verify(root, arrays, n)
    actors = _read_actors(root, m, n)
    ties = {}
    for name, file in m["tie_attributes"].items():
        arr = _file(root, file)
        try:
            ties[name] = np.load(arr, mmap_mode="r", allow_pickle=False)
        except (ValueError, OSError) as exc:
            raise _bad(root, f"tie attribute file {file!r} is not a readable .npy ({exc})") from None
        if ties[name].shape != (nnz,):
            raise _bad(root, f"tie attribute {name!r} has shape {ties[name].shape}, not ({nnz},)")
    strength = _csr_view(arrays["indptr"].astype(idx, copy=False), arrays["indices"],
                         arrays["data"], n)
    net = Network(
        strength, actors, directed=bool(m["directed"]), tie_attributes=ties,
        focal_organisation=m["focal_organisation"], strong_threshold=float(m["strong_threshold"]),
    )
    if m["directed"]:
        # the transposed structure as Network._transposed caches it: (indptr, indices, perm)
        net._in_cache = (arrays["in_indptr"].astype(idx, copy=False), arrays["in_indices"],
                         arrays["in_perm"])
    return net


def _verify(root: Path, arrays: Mapping[str, np.ndarray], n: int) -> None:
    step = 1 << 24
    for prefix in ("", "in_"):
        if prefix + "indices" not in arrays:
            continue
        ind, dat = arrays[prefix + "indices"], arrays[prefix + "data"]
        for lo in range(0, ind.size, step):
            chunk = np.asarray(ind[lo : lo + step])
            if chunk.size and (chunk.min() < 0 or chunk.max() >= n):
                raise _bad(root, f"{prefix}indices holds positions outside 0 .. {n - 1}")
            d = np.asarray(dat[lo : lo + step])
            if d.size and not (np.isfinite(d).all() and d.min() >= MIN_STRENGTH and d.max() <= 1.0):
                raise _bad(root, f"{prefix}data holds strengths outside [{MIN_STRENGTH:g}, 1]")


def _read_actors(root: Path, m: Mapping[str, Any], n: int) -> pd.DataFrame:
    pa = _arrow("open_store")[0]
    frames = []
    for name in m["id_mapping"]:
        p = _file(root, name)
        try:
            frames.append(pd.read_parquet(p))
        except (OSError, ValueError, pa.ArrowException) as exc:
            raise _bad(root, f"actors file {name!r} cannot be read as Parquet ({exc})") from None
    actors = pd.concat(frames) if len(frames) > 1 else frames[0]
    if len(actors) != n:
        raise _bad(root, f"the actors files hold {len(actors)} rows for n_actors={n}")
    if actors.index.has_duplicates:
        raise _bad(root, "the actors files repeat actor ids")
    actors.index.name = "actor"
    return actors


# ---------------------------------------------------------------------------- build
def _sources(ties: Any, caller: str) -> list[str]:
    if isinstance(ties, (list, tuple)):
        files = [os.fspath(_path(t, "ties", caller)) for t in ties]
    else:
        p = os.fspath(_path(ties, "ties", caller))
        if os.path.isdir(p):
            files = sorted(glob.glob(os.path.join(p, "**", "*.parquet"), recursive=True))
        else:
            files = sorted(glob.glob(p)) if any(c in p for c in "*?[") else [p]
    if not files:
        msg = f"`ties` of {caller}: {ties!r} matches no Parquet file."
        raise InvalidFileError(msg)
    for f in files:
        if not os.path.isfile(f):
            msg = f"`ties` of {caller}: {f!r} is not a file."
            raise InvalidFileError(msg)
    return files


def _batches(files: list[str], columns: list[str], batch_size: int, caller: str
             ) -> Iterable[tuple[str, int, pa.RecordBatch]]:
    """Yield (file, first row, batch) over the ties files, one batch at a time."""
    pa, _, pads, pq = _arrow(caller)
    for f in files:
        try:
            schema = pq.read_schema(f)
        except (OSError, pa.ArrowException) as exc:
            msg = f"{caller}: ties file {f!r} cannot be read as Parquet ({exc})."
            raise InvalidFileError(msg) from None
        for c in columns:
            if c not in schema.names:
                msg = f"{caller}: ties file {f!r} has no column {c!r}; it has {schema.names!r}."
                raise MissingColumnError(msg)
        row = 0
        for batch in pads.dataset(f, format="parquet").to_batches(columns=columns,
                                                                  batch_size=batch_size):
            yield f, row, batch
            row += batch.num_rows


def _id_kind(arr: pa.Array, file: str, column: str, caller: str) -> str:
    pa, _, _, _ = _arrow(caller)
    t = arr.type
    if pa.types.is_integer(t):
        return "int"
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "str"
    msg = (
        f"{caller}: column {column!r} of {file!r} holds {t} ids; a store takes integer or "
        "string actor ids."
    )
    raise InvalidNetworkError(msg)


def _distinct_ids(files: list[str], source: str, target: str, batch_size: int, caller: str
                  ) -> pa.Array:
    pa, pc, _, _ = _arrow(caller)
    seen: list[Any] = []
    kinds = set()
    for f, row, batch in _batches(files, [source, target], batch_size, caller):
        for c in (source, target):
            col = batch.column(c)
            kinds.add(_id_kind(col, f, c, caller))
            if col.null_count:
                first = row + int(np.flatnonzero(col.is_null().to_numpy(zero_copy_only=False))[0])
                msg = f"{caller}: column {c!r} of {f!r} has a missing id at row {first}."
                raise InvalidNetworkError(msg)
            seen.append(pc.unique(col.cast(pa.int64() if kinds == {"int"} else col.type)))
        if len(seen) > 64:
            seen = [pc.unique(pa.concat_arrays(seen))]
    if len(kinds) > 1:
        msg = f"{caller}: the ties mix integer and string ids; use one type."
        raise InvalidNetworkError(msg)
    ids = pc.unique(pa.concat_arrays(seen)) if seen else pa.array([], pa.int64())
    return ids.take(pc.sort_indices(ids))


def _positions(col: pa.Array, ids: pa.Array, file: str, column: str, row: int, caller: str
               ) -> np.ndarray:
    pa, pc, _, _ = _arrow(caller)
    if col.type != ids.type:
        try:
            col = col.cast(ids.type)
        except pa.ArrowException:
            msg = (
                f"{caller}: column {column!r} of {file!r} holds {col.type} ids; the actors "
                f"have {ids.type} ids."
            )
            raise InvalidNetworkError(msg) from None
    pos = pc.index_in(col, value_set=ids)
    if pos.null_count:
        bad = np.flatnonzero(pos.is_null().to_numpy(zero_copy_only=False))
        unknown = col.take(pa.array(bad[:5])).to_pylist()
        msg = (
            f"{caller}: column {column!r} of {file!r} names actors not in `actors`: "
            f"{unknown!r} (first at row {row + int(bad[0])}; {bad.size} rows in this batch)."
        )
        raise UnknownActorError(msg)
    return np.asarray(pos.to_numpy(zero_copy_only=False), dtype=np.int64)


def _strengths(batch: pa.RecordBatch, strength: str | None, file: str, row: int, caller: str
               ) -> np.ndarray:
    pa, _, _, _ = _arrow(caller)
    if strength is None:
        return np.ones(batch.num_rows)
    col = batch.column(strength)
    if not (pa.types.is_floating(col.type) or pa.types.is_integer(col.type)):
        msg = f"{caller}: column {strength!r} of {file!r} holds {col.type}, not numbers."
        raise InvalidNetworkError(msg)
    s = np.asarray(col.cast(pa.float64()).to_numpy(zero_copy_only=False), dtype=np.float64)
    bad = ~(np.isfinite(s) & (s >= MIN_STRENGTH) & (s <= 1.0))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        msg = (
            f"{caller}: column {strength!r} of {file!r} must hold strengths in "
            f"[{MIN_STRENGTH:g}, 1]; row {row + i} has {s[i]!r} ({int(bad.sum())} bad rows "
            "in this batch)."
        )
        raise InvalidNetworkError(msg)
    return s


class _Spill:
    """Append-only files of fixed-size records, one per block of actors."""

    def __init__(self, folder: Path, prefix: str, dtype: np.dtype[Any], n_blocks: int) -> None:
        self.paths = [folder / f"{prefix}-{b:06d}.bin" for b in range(n_blocks)]
        self.dtype = dtype
        self.handles: dict[int, Any] = {}

    def add(self, block: np.ndarray, records: np.ndarray) -> None:
        order = np.argsort(block, kind="stable")
        block, records = block[order], records[order]
        cuts = np.flatnonzero(np.diff(block)) + 1
        for lo, hi in zip(np.r_[0, cuts], np.r_[cuts, block.size], strict=True):
            if hi <= lo:
                continue
            b = int(block[lo])
            h = self.handles.get(b)
            if h is None:
                h = self.handles[b] = open(self.paths[b], "ab")  # noqa: SIM115
            records[lo:hi].tofile(h)

    def close(self) -> None:
        for h in self.handles.values():
            h.close()
        self.handles.clear()

    def read(self, b: int) -> np.ndarray:
        p = self.paths[b]
        if not p.exists():
            return np.empty(0, dtype=self.dtype)
        out = np.fromfile(p, dtype=self.dtype)
        p.unlink()
        return out


def _merge(rec: np.ndarray, policy: str, ids: pa.Array, caller: str) -> np.ndarray:
    """Sort records by (src, dst) and merge duplicate pairs by `policy`."""
    order = np.lexsort((rec["dst"], rec["src"]))
    rec = rec[order]
    if rec.size < 2:
        return rec
    dup = (rec["src"][1:] == rec["src"][:-1]) & (rec["dst"][1:] == rec["dst"][:-1])
    if not dup.any():
        return rec
    if policy == "raise":
        i = int(np.flatnonzero(dup)[0])
        pair = (ids[int(rec["src"][i])].as_py(), ids[int(rec["dst"][i])].as_py())
        msg = (
            f"{caller}: the tie {pair!r} appears more than once ({int(dup.sum())} duplicate "
            "entries in its block); pass duplicates='max' or 'sum' to merge duplicates."
        )
        raise InvalidNetworkError(msg)
    starts = np.flatnonzero(np.r_[True, ~dup])
    out = rec[starts].copy()
    if policy == "max":
        out["s"] = np.maximum.reduceat(rec["s"], starts)
    else:
        out["s"] = np.minimum(np.add.reduceat(rec["s"], starts), 1.0)
    return out


def build_store(
    ties: str | os.PathLike[str] | list[str | os.PathLike[str]],
    path: str | os.PathLike[str],
    *,
    actors: pd.DataFrame | None = None,
    directed: bool = True,
    block_actors: int | None = None,
    source: str = "source",
    target: str = "target",
    strength: str | None = "strength",
    duplicates: Literal["raise", "max", "sum"] = "raise",
    self_ties: Literal["drop", "raise"] = "drop",
    focal_organisation: Hashable | None = None,
    strong_threshold: float = 0.5,
    batch_size: int = 1 << 20,
    overwrite: bool = False,
) -> None:
    """Build a store from partitioned Parquet ties, never holding all ties in memory.

    An external sort by source block: the ties are scanned in batches (Arrow datasets)
    and appended to one spill file per block of `block_actors` source actors; each
    block is then sorted, its duplicates merged, and written into the memory-mapped
    CSR files. A directed store gets its transposed structure by a second spill by
    target block.

    Parameters
    ----------
    ties : str, path or list of them
        A directory (every ``*.parquet`` under it, in path order), a glob pattern, a
        file, or a list of files, with columns `source`, `target` and `strength`.
    path : str or path
        The store directory to create.
    actors : DataFrame, optional
        Actors indexed by id, in the order the store keeps them. Default: the distinct
        tie endpoints, sorted (ints numerically, strings by code point), with no
        attributes.
    directed : bool, default=True
        Whether ties have a direction. Undirected ties are stored both ways; a pair
        given both ways is a duplicate.
    block_actors : int, optional
        Source actors per block (default: enough that a block holds about 16 million
        stored entries on average). Peak memory is about 24 bytes times the stored
        entries of the largest block (48 while sorting), plus O(n_actors).
    source, target : str, default="source", "target"
        Endpoint columns (integer or string ids).
    strength : str or None, default="strength"
        Strength column, values in [1e-12, 1]; None gives every tie strength 1.
    duplicates : {"raise", "max", "sum"}, default="raise"
        What to do with a pair that appears more than once (sums are capped at 1).
    self_ties : {"drop", "raise"}, default="drop"
        Ties from an actor to itself: dropped (counted in an InfnetWarning) or refused.
    focal_organisation : hashable, optional
        Recorded in the manifest; needs an ``organisation`` column in `actors`.
    strong_threshold : float, default=0.5
        Recorded in the manifest.
    batch_size : int, default=1048576
        Rows per scanned batch.
    overwrite : bool, default=False
        Replace an existing store at `path`.

    Raises
    ------
    InvalidFileError
        No file matches `ties`, or a file is not Parquet.
    MissingColumnError
        A ties file lacks an endpoint or strength column.
    InvalidNetworkError
        Missing ids, ids of mixed or unsupported types, strengths out of range,
        duplicate ties with ``duplicates="raise"``, self-ties with ``self_ties="raise"``,
        or no actors.
    UnknownActorError
        With `actors`, a tie endpoint that is not among them.

    Warns
    -----
    InfnetWarning
        When self-ties are dropped (with their count).

    See Also
    --------
    open_store, save_store

    Notes
    -----
    Two scans of the ties (ids and counts, then the spill), one read and one write of
    each spill file, and one more spill for the transposed structure of a directed
    network: O(n_ties log(block entries)) time, O(block entries + n_actors) memory,
    about 3 times the store's size in temporary disk space (next to `path`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "ties").mkdir()
    >>> pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "strength": [0.5, 1.0]}
    ...              ).to_parquet(folder / "ties" / "part-0.parquet")
    >>> build_store(folder / "ties", folder / "net", block_actors=2)
    >>> net = open_store(folder / "net")
    >>> net.actor_ids.tolist(), net.strength.toarray().tolist()
    (['a', 'b', 'c'], [[0.0, 0.5, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
    """
    caller = "build_store"
    dest = _path(path, "path", caller)
    directed = check_bool(directed, name="directed", caller=caller)
    check_option(duplicates, name="duplicates", caller=caller, options=("raise", "max", "sum"))
    check_option(self_ties, name="self_ties", caller=caller, options=("drop", "raise"))
    threshold = check_float(strong_threshold, name="strong_threshold", caller=caller, low=0.0,
                            high=1.0, closed="right")
    batch_size = check_int(batch_size, name="batch_size", caller=caller, low=1)
    overwrite = check_bool(overwrite, name="overwrite", caller=caller)
    for name, value in (("source", source), ("target", target)):
        if not isinstance(value, str):
            msg = f"`{name}` of {caller} must be a column name (str); got {value!r}."
            raise InfnetTypeError(msg)
    if strength is not None and not isinstance(strength, str):
        msg = f"`strength` of {caller} must be a column name (str) or None; got {strength!r}."
        raise InfnetTypeError(msg)
    focal = _jsonable(focal_organisation, caller)
    pa, _, _, pq = _arrow(caller)
    files = _sources(ties, caller)
    columns = [source, target, *([strength] if strength else [])]

    from infnet.network import _finish_actors

    if actors is None:
        ids = _distinct_ids(files, source, target, batch_size, caller)
        frame = pd.DataFrame(index=pd.Index(ids.to_pandas(), name="actor"))
    else:
        if not isinstance(actors, pd.DataFrame):
            msg = f"`actors` of {caller} must be a DataFrame indexed by id or None."
            raise InfnetTypeError(msg)
        if actors.index.has_duplicates or actors.index.hasnans:
            msg = f"`actors` of {caller}: the index (actor ids) must be unique and not missing."
            raise InvalidNetworkError(msg)
        frame = actors.copy()
        frame.index.name = "actor"
        frame.columns = [str(c) for c in frame.columns]
        ids = pa.array(frame.index.to_numpy())
    n = len(ids)
    if n == 0:
        msg = f"{caller}: the network is empty (no actors)."
        raise InvalidNetworkError(msg)
    frame = _finish_actors(frame, focal)
    if block_actors is None:
        block = max(1024, n)  # refined below from the tie count
    else:
        block = check_int(block_actors, name="block_actors", caller=caller, low=1)

    tmp = _prepare_dest(dest, overwrite, caller)
    work = Path(tempfile.mkdtemp(prefix=".spill.", dir=tmp.parent))
    try:
        total = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
        if block_actors is None:
            per_actor = max(1.0, total * (1 if directed else 2) / n)
            block = int(max(1024, min(n, 16_000_000 / per_actor)))
        n_blocks = -(-n // block)
        out_spill = _Spill(work, "out", _RECORD, n_blocks)
        dropped = 0
        for f, row, batch in _batches(files, columns, batch_size, caller):
            src = _positions(batch.column(source), ids, f, source, row, caller)
            dst = _positions(batch.column(target), ids, f, target, row, caller)
            s = _strengths(batch, strength, f, row, caller)
            loop = src == dst
            if loop.any():
                if self_ties == "raise":
                    i = int(np.flatnonzero(loop)[0])
                    msg = (
                        f"{caller}: ties file {f!r} row {row + i} is a self-tie of actor "
                        f"{ids[int(src[i])].as_py()!r}; pass self_ties='drop' to drop them."
                    )
                    raise InvalidNetworkError(msg)  # noqa: TRY301
                dropped += int(loop.sum())
                keep = ~loop
                src, dst, s = src[keep], dst[keep], s[keep]
            rec = np.empty(src.size * (1 if directed else 2), dtype=_RECORD)
            if directed:
                rec["src"], rec["dst"], rec["s"] = src, dst, s
            else:
                rec["src"] = np.r_[src, dst]
                rec["dst"] = np.r_[dst, src]
                rec["s"] = np.r_[s, s]
            out_spill.add(rec["src"] // block, rec)
        out_spill.close()
        if dropped:
            warnings.warn(f"{caller} dropped {dropped} self-ties.", InfnetWarning, stacklevel=2)
        # pass 2: sort and merge each block; count entries (final size known only now)
        counts = np.zeros(n, dtype=np.int64)
        for b in range(n_blocks):
            rec = _merge(out_spill.read(b), duplicates, ids, caller)
            counts += np.bincount(rec["src"], minlength=n) if rec.size else 0
            rec.tofile(out_spill.paths[b])
        nnz = int(counts.sum())
        idx = _index_dtype(n, nnz)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        del counts
        _write_npy(tmp / "indptr.npy", indptr)
        indices = np.lib.format.open_memmap(tmp / "indices.npy", mode="w+", dtype=idx, shape=(nnz,))
        data = np.lib.format.open_memmap(tmp / "data.npy", mode="w+", dtype=np.float64,
                                         shape=(nnz,))
        in_spill = _Spill(work, "in", _IN_RECORD, n_blocks) if directed else None
        at = 0
        for b in range(n_blocks):
            rec = out_spill.read(b)
            hi = at + rec.size
            indices[at:hi] = rec["dst"]
            data[at:hi] = rec["s"]
            if in_spill is not None and rec.size:
                inr = np.empty(rec.size, dtype=_IN_RECORD)
                inr["dst"], inr["src"], inr["s"] = rec["dst"], rec["src"], rec["s"]
                inr["pos"] = np.arange(at, hi, dtype=np.int64)
                in_spill.add(inr["dst"] // block, inr)
            at = hi
        indices.flush()
        data.flush()
        del indices, data
        if in_spill is not None:
            in_spill.close()
            in_counts = np.zeros(n, dtype=np.int64)
            files_in = {name: np.lib.format.open_memmap(tmp / f"in_{name}.npy", mode="w+",
                                                        dtype=dt, shape=(nnz,))
                        for name, dt in (("indices", idx), ("perm", np.int64),
                                         ("data", np.float64))}
            at = 0
            for b in range(n_blocks):
                inr = in_spill.read(b)
                inr = inr[np.lexsort((inr["src"], inr["dst"]))]
                hi = at + inr.size
                files_in["indices"][at:hi] = inr["src"]
                files_in["perm"][at:hi] = inr["pos"]
                files_in["data"][at:hi] = inr["s"]
                if inr.size:
                    in_counts += np.bincount(inr["dst"], minlength=n)
                at = hi
            for arr in files_in.values():
                arr.flush()
            del files_in
            in_indptr = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(in_counts, out=in_indptr[1:])
            _write_npy(tmp / "in_indptr.npy", in_indptr)
        parts = _write_actors(frame, tmp / "actors")
        _commit(tmp, dest, _manifest(
            n_actors=n, n_entries=nnz, directed=directed, focal=focal, threshold=threshold,
            index_dtype=np.dtype(idx).name, actor_parts=parts, tie_files={},
        ))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def open_for_read_network(path: str | os.PathLike[str], options: Mapping[str, Any]) -> Network:
    """:func:`infnet.read_network` on a store directory: :func:`open_store`, or refuse options.

    Parameters
    ----------
    path : str or path
        The store directory.
    options : mapping
        The keyword arguments given to ``read_network``; only ``verify`` applies.

    Returns
    -------
    Network
        The memory-mapped network.

    Raises
    ------
    InvalidParameterError
        For an option that cannot apply to a store (its settings are in its manifest).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from infnet import read_network
    >>> from infnet.synthetic import star
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "s"
    >>> save_store(star(2), folder)
    >>> read_network(folder).n_ties
    2
    """
    unused = sorted(set(options) - {"verify"})
    if unused:
        msg = (
            f"read_network: {unused!r} do not apply to the store directory {os.fspath(path)!r} "
            "(its direction, focal organisation and threshold are in its manifest; rebuild "
            "it with build_store or save_store to change them)."
        )
        raise InvalidParameterError(msg)
    return open_store(path, **options)
