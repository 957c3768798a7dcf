"""Reading and writing networks as CSV or Parquet files (the only module doing file I/O).

A network on disk is two tables: ties (one row per tie: ``source``, ``target``,
``strength`` and any tie attribute) and, optionally, actors (one row per actor: ``id``
and any attribute). The format follows the file suffix: ``.csv`` (optionally
compressed, ``.csv.gz``) or ``.parquet``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from infnet._validation import check_option
from infnet.exceptions import InvalidParameterError
from infnet.network import Network

__all__ = ["read_network", "write_network"]

FileFormat = Literal["csv", "parquet"]
_FORMATS = ("csv", "parquet")
PathLike = str | os.PathLike[str]


def _format(path: Path, fmt: str | None, caller: str) -> str:
    if fmt is not None:
        return check_option(fmt, name="format", caller=caller, options=_FORMATS)
    suffixes = [s.lower() for s in path.suffixes]
    if ".parquet" in suffixes or ".pq" in suffixes:
        return "parquet"
    if ".csv" in suffixes or ".tsv" in suffixes:
        return "csv"
    msg = (
        f"{caller} cannot tell the format of {str(path)!r} from its suffix; "
        "name it .csv or .parquet, or pass format='csv' or format='parquet'."
    )
    raise InvalidParameterError(msg)


def _read(path: Path, fmt: str, caller: str) -> pd.DataFrame:
    if not path.exists():
        msg = f"{caller}: no such file {str(path)!r}."
        raise FileNotFoundError(msg)
    if fmt == "parquet":
        return pd.read_parquet(path)
    sep = "\t" if ".tsv" in [s.lower() for s in path.suffixes] else ","
    return pd.read_csv(path, sep=sep)


def read_network(
    ties: PathLike,
    actors: PathLike | None = None,
    *,
    format: FileFormat | None = None,
    **kwargs: Any,
) -> Network:
    """Read a network from a ties file and an optional actors file.

    Parameters
    ----------
    ties : str or path
        CSV (``.csv``, ``.csv.gz``, ``.tsv``) or Parquet (``.parquet``) file of ties.
    actors : str or path, optional
        File of actors, in either format. Without it, actors are the tie endpoints.
    format : {"csv", "parquet"}, optional
        Force a format instead of reading it from the suffixes.
    **kwargs
        Passed to :meth:`infnet.Network.from_frames` (``actor_id``, ``source``,
        ``target``, ``strength``, ``directed``, ``duplicates``, ``focal_organisation``, ...).

    Returns
    -------
    Network
        The validated network.

    Raises
    ------
    FileNotFoundError
        When a file does not exist.
    InvalidParameterError
        When the format cannot be told from the suffix.
    InvalidNetworkError
        For any problem :meth:`infnet.Network.from_frames` reports.

    See Also
    --------
    write_network : The inverse.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from infnet import read_network, write_network
    >>> from infnet.synthetic import toy_network
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_network(toy_network(), folder / "ties.csv", folder / "actors.csv")
    >>> net = read_network(folder / "ties.csv", folder / "actors.csv", directed=False,
    ...                    focal_organisation="Acme")
    >>> net.equals(toy_network())
    True
    """
    caller = "read_network"
    ties_path = Path(ties)
    ties_frame = _read(ties_path, _format(ties_path, format, caller), caller)
    actors_frame = None
    if actors is not None:
        actors_path = Path(actors)
        actors_frame = _read(actors_path, _format(actors_path, format, caller), caller)
    return Network.from_frames(actors_frame, ties_frame, **kwargs)


def write_network(
    network: Network,
    ties: PathLike,
    actors: PathLike | None = None,
    *,
    format: FileFormat | None = None,
) -> None:
    """Write a network's ties (and optionally actors) to CSV or Parquet files.

    Parameters
    ----------
    network : Network
        The network to write.
    ties : str or path
        Destination of the ties table (each undirected tie once).
    actors : str or path, optional
        Destination of the actors table (column ``id`` plus attributes).
    format : {"csv", "parquet"}, optional
        Force a format instead of reading it from the suffixes.

    Raises
    ------
    InvalidParameterError
        When the format cannot be told from the suffix.

    See Also
    --------
    read_network : The inverse; pass the same ``directed`` and ``focal_organisation``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from infnet import write_network
    >>> from infnet.synthetic import star
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ties.parquet"
    >>> write_network(star(2), path)
    >>> path.exists()
    True
    """
    caller = "write_network"
    actors_frame, ties_frame = network.to_frames()
    for frame, dest in ((ties_frame, ties), (actors_frame, actors)):
        if dest is None:
            continue
        path = Path(dest)
        if _format(path, format, caller) == "parquet":
            frame.to_parquet(path, index=False)
        else:
            frame.to_csv(path, index=False, sep="\t" if ".tsv" in path.suffixes else ",")
