"""Reading and writing networks as CSV or Parquet files (the only module doing file I/O).

A network on disk is two tables: actors (optional; one row per actor: ``id`` and any
attribute) and ties (one row per tie: ``source``, ``target``, ``strength`` and any tie
attribute). Both functions take them in that order, as
:meth:`infnet.Network.from_frames` does. The format follows the file suffix: ``.csv``
(optionally compressed: ``.csv.gz``, ``.csv.bz2``, ``.csv.xz``, ``.csv.zip``), ``.tsv``
(tab-separated, same compressions) or ``.parquet`` / ``.pq``.

**What travels with the data.** :func:`write_network` records, for each table it writes,
the direction, the focal organisation, the strong-tie threshold, the dtype of the actor
ids, the role of the table (``"actors"`` or ``"ties"``) and the infnet version:

- in Parquet files, as JSON under the key ``b"infnet"`` of the schema metadata;
- next to CSV / TSV files, in a small JSON *sidecar* named after the file plus
  ``.infnet.json`` (``ties.csv`` -> ``ties.csv.infnet.json``), which also records the
  size of the table file so that a sidecar left over from an older file is noticed
  (it is then ignored, with an :class:`~infnet.exceptions.InfnetWarning`).

:func:`read_network` restores these settings; see its Notes for which value wins.

**Real exports.** :func:`read_network` also takes what an export from another tool
needs: other column names (``source=``, ``target=``, ``actor_id=``), a separator,
``reverse=True`` for nomination data (asker -> advisor, against the flow of
influence), ``relation=`` to keep or weight the relations of a multiplex export and
``rescale=`` for weights outside (0, 1]. :func:`read_tables` reads the same files
without building the network, to look at them first; ``read_network(...)`` is
``read_tables(...).to_network(...)``.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
import stat
import uuid
import warnings
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from infnet._optional import require
from infnet._validation import (
    MIN_STRENGTH,
    check_bool,
    check_float,
    check_network,
    check_option,
    closest,
)
from infnet.exceptions import (
    InfnetTypeError,
    InfnetWarning,
    InvalidFileError,
    InvalidNetworkError,
    InvalidParameterError,
    MissingColumnError,
    ResourceLimitError,
)
from infnet.network import KNOWN_ATTRIBUTES, Network

__all__ = ["RESCALINGS", "SIDECAR_SUFFIX", "Tables", "read_network", "read_tables", "write_network"]

FileFormat = Literal["csv", "parquet"]
_FORMATS = ("csv", "parquet")
PathLike = str | os.PathLike[str]

#: Suffix appended to a CSV / TSV file's name for the JSON file recording its settings.
SIDECAR_SUFFIX = ".infnet.json"
_META_KEY = b"infnet"
_META_FORMAT = 1
_RECORDED = ("directed", "focal_organisation", "strong_threshold")
_COMPRESSIONS: dict[str, Literal["gzip", "bz2", "xz", "zip"]] = {
    ".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zip": "zip",
}
_SENTINEL = object()


# ---------------------------------------------------------------------- helpers
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("infnet")
    except PackageNotFoundError:  # pragma: no cover - not installed
        return "0.0.0+unknown"


def _as_path(value: object, *, name: str, caller: str) -> Path:
    if isinstance(value, (str, os.PathLike)) and not isinstance(value, bytes):
        text = os.fspath(value)
        if isinstance(text, str) and text:
            return Path(text)
    msg = f"`{name}` of {caller} must be a file path (str or os.PathLike); got {type(value).__name__} {value!r}."
    raise InfnetTypeError(msg)


def _suffixes(path: Path) -> list[str]:
    return [s.lower() for s in path.suffixes]


def _format(path: Path, fmt: str | None, caller: str) -> str:
    if fmt is not None:
        return check_option(fmt, name="format", caller=caller, options=_FORMATS)
    suffixes = _suffixes(path)
    if ".parquet" in suffixes or ".pq" in suffixes:
        return "parquet"
    if ".csv" in suffixes or ".tsv" in suffixes:
        return "csv"
    msg = (
        f"{caller} cannot tell the format of {str(path)!r} from its suffix; "
        "name it .csv, .tsv or .parquet, or pass format='csv' or format='parquet'."
    )
    raise InvalidParameterError(msg)


def _compression(path: Path) -> Literal["gzip", "bz2", "xz", "zip"] | None:
    return _COMPRESSIONS.get(path.suffix.lower())


def _sep(path: Path, sep: str | None, caller: str) -> str:
    if sep is None:
        return "\t" if ".tsv" in _suffixes(path) else ","
    if not isinstance(sep, str) or len(sep) != 1 or sep in "\"\r\n":
        msg = f"`sep` of {caller} must be one character (not a quote or newline); got {sep!r}."
        raise InvalidParameterError(msg)
    return sep


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def _id_dtype(network: Network) -> str:
    return str(pd.api.types.infer_dtype(network.actor_ids, skipna=False))


def _jsonable_focal(value: Hashable | None, caller: str) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    msg = (
        f"{caller} can record a focal organisation that is a str, int, float or bool; "
        f"got {type(value).__name__} {value!r}. Rebuild the network with such a label."
    )
    raise InvalidParameterError(msg)


def _metadata(network: Network, role: str, caller: str) -> dict[str, Any]:
    return {
        "format": _META_FORMAT,
        "table": role,
        "directed": network.directed,
        "focal_organisation": _jsonable_focal(network.focal_organisation, caller),
        "strong_threshold": network.strong_threshold,
        "id_dtype": _id_dtype(network),
        "infnet_version": _version(),
    }


def _available_memory() -> int | None:
    """Bytes of memory available to this process now, or None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):  # pragma: no cover - non-POSIX
        return None


# ---------------------------------------------------------------------- reading
def _check_file(path: Path, role: str, caller: str) -> None:
    """Refuse a path that is not a readable, non-empty regular file that fits in memory."""
    where = f"{caller}: the {role} file {str(path)!r}"
    try:
        info = path.stat()
    except FileNotFoundError:
        msg = f"{where} does not exist."
        raise InvalidFileError(msg) from None
    except OSError as exc:
        msg = f"{where} cannot be read ({exc.strerror or type(exc).__name__})."
        raise InvalidFileError(msg) from None
    if stat.S_ISDIR(info.st_mode):
        msg = f"{where} is a directory, not a file."
        raise InvalidFileError(msg)
    if not stat.S_ISREG(info.st_mode):
        msg = f"{where} is not a regular file (a device, pipe or socket); infnet reads only files."
        raise InvalidFileError(msg)
    if info.st_size == 0:
        msg = f"{where} is empty (0 bytes); a table needs at least a header line."
        raise InvalidFileError(msg)
    available = _available_memory()
    if available is not None and info.st_size > available:
        msg = (
            f"{where} is {info.st_size} bytes, more than the {available} bytes of memory "
            f"available; the {role} argument is limited to files that fit in memory."
        )
        raise ResourceLimitError(msg)


def _head(path: Path, n: int = 8) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def _decode_error(path: Path, role: str, encoding: str, caller: str) -> InvalidFileError:
    """Locate the first undecodable byte (offset in the decompressed text, line) and explain."""
    compression = _compression(path)
    offset, line, head = None, None, b""
    try:
        with _open_text_bytes(path, compression) as fh:
            decoder = codecs.getincrementaldecoder(encoding)()
            seen, lines = 0, 1
            while chunk := fh.read(1 << 20):
                if not head:
                    head = chunk[:4]
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    offset = seen + exc.start
                    lines += chunk[: exc.start].count(b"\n")
                    line = lines
                    break
                seen += len(chunk)
                lines += chunk.count(b"\n")
    except (OSError, EOFError, LookupError):
        pass
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        guess = " It starts with a UTF-16 byte-order mark: pass encoding='utf-16'."
    elif head.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        guess = " It starts with a UTF-32 byte-order mark: pass encoding='utf-32'."
    else:
        guess = " Pass its encoding, e.g. encoding='latin-1' or encoding='cp1252'."
    of = " of the decompressed text" if compression else ""
    at = "" if offset is None else f" at byte {offset}{of} (line {line})"
    msg = f"{caller}: the {role} file {str(path)!r} is not valid {encoding}{at}.{guess}"
    return InvalidFileError(msg)


@contextlib.contextmanager
def _open_text_bytes(path: Path, compression: str | None) -> Iterator[Any]:
    if compression == "gzip":
        import gzip

        with gzip.open(path, "rb") as fh:
            yield fh
    elif compression == "bz2":
        import bz2

        with bz2.open(path, "rb") as fh:
            yield fh
    elif compression == "xz":
        import lzma

        with lzma.open(path, "rb") as fh:
            yield fh
    else:  # zip and plain: the raw bytes are good enough to locate an error
        with open(path, "rb") as fh:
            yield fh


def _sniff(path: Path, fmt: str, role: str, caller: str) -> None:
    """Refuse content whose magic bytes contradict the name (Parquet as .csv, fake gzip)."""
    head = _head(path)
    where = f"{caller}: the {role} file {str(path)!r}"
    compression = _compression(path)
    if fmt == "csv":
        if head.startswith(b"PAR1"):
            msg = f"{where} is a Parquet file, not CSV; name it .parquet or pass format='parquet'."
            raise InvalidFileError(msg)
        if compression == "gzip" and not head.startswith(b"\x1f\x8b"):
            msg = f"{where} is named .gz but is not gzip-compressed; rename it without .gz."
            raise InvalidFileError(msg)
        if compression is None and head.startswith(b"\x1f\x8b"):
            msg = f"{where} is gzip-compressed but not named .gz; name it .csv.gz."
            raise InvalidFileError(msg)
        if compression is None and head.startswith(b"PK\x03\x04"):
            msg = f"{where} is a zip archive; name it .csv.zip or unpack it."
            raise InvalidFileError(msg)
    elif not head.startswith(b"PAR1"):
        kind = "gzip-compressed data" if head.startswith(b"\x1f\x8b") else "something else"
        msg = f"{where} is not a Parquet file (it holds {kind}); pass format='csv' if it is CSV."
        raise InvalidFileError(msg)


def _ragged_lines(path: Path, sep: str, encoding: str) -> list[tuple[int | None, int, int]]:
    """(line, expected fields, fields found) of the first rows whose field count is wrong."""
    try:
        import pyarrow.csv as pcsv
    except ImportError:  # pyarrow is optional (infnet[parquet]): no line numbers then
        return []
    bad: list[tuple[int | None, int, int]] = []

    def handler(row: Any) -> str:
        if len(bad) < 5:
            bad.append((row.number, row.expected_columns, row.actual_columns))
        return "skip"

    try:
        pcsv.read_csv(
            path,
            read_options=pcsv.ReadOptions(use_threads=False, encoding=encoding),
            parse_options=pcsv.ParseOptions(
                delimiter=sep, newlines_in_values=True, invalid_row_handler=handler
            ),
            convert_options=pcsv.ConvertOptions(
                column_types={}, auto_dict_encode=False, strings_can_be_null=False
            ),
        )
    except Exception:  # noqa: BLE001 - only a second opinion; pandas already parsed it
        return bad
    return bad


def _read_csv(
    path: Path, role: str, *, sep: str, encoding: str, dtype: dict[str, Any] | None, caller: str
) -> pd.DataFrame:
    where = f"{caller}: the {role} file {str(path)!r}"
    options: dict[str, Any] = {"sep": sep, "encoding": encoding, "compression": "infer"}
    if _compression(path) is None:
        options["compression"] = None
    try:
        header = pd.read_csv(path, header=None, nrows=1, dtype=str, keep_default_na=False, **options)
        frame: pd.DataFrame = pd.read_csv(path, dtype=dtype, **options)
    except UnicodeDecodeError:
        raise _decode_error(path, role, encoding, caller) from None
    except LookupError:
        msg = f"`encoding` of {caller} names no known codec: {encoding!r}."
        raise InvalidParameterError(msg) from None
    except pd.errors.EmptyDataError:
        msg = f"{where} has no header line (only blank lines)."
        raise InvalidFileError(msg) from None
    except pd.errors.ParserError as exc:
        text = str(exc).strip().replace("Error tokenizing data. C error: ", "")
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
        if found:
            expected, line, saw = found.groups()
            msg = f"{where} is ragged: line {line} has {saw} fields, the header has {expected}."
        else:
            msg = f"{where} cannot be parsed as CSV: {text}"
        raise InvalidFileError(msg) from None
    except MemoryError:
        msg = f"{where} does not fit in the memory available; the {role} argument is too large."
        raise ResourceLimitError(msg) from None
    except (OSError, EOFError, ValueError) as exc:
        # gzip.BadGzipFile, truncated streams, zlib / lzma / zip errors
        msg = f"{where} cannot be read: {type(exc).__name__}: {str(exc)[:200]}"
        raise InvalidFileError(msg) from None
    names = [str(v) for v in header.iloc[0].tolist()] if len(header) else []
    if any("\x00" in n for n in names):
        msg = (
            f"{where} has NUL bytes in its header line: it is binary or UTF-16/UTF-32 "
            "without a byte-order mark; pass its encoding, e.g. encoding='utf-16-le'."
        )
        raise InvalidFileError(msg)
    seen: set[str] = set()
    for n in names:
        if n in seen:
            msg = f"{where} names the column {n!r} more than once in its header (line 1)."
            raise InvalidFileError(msg)
        seen.add(n)
    if len(names) == 1 and len(frame.columns) == 1:
        for other, label in (("\t", "tab"), (";", "semicolon"), (",", "comma"), ("|", "pipe")):
            if other != sep and other in names[0]:
                msg = (
                    f"{where} has one column {names[0][:60]!r}; it looks {label}-separated: "
                    f"pass sep={other!r}."
                )
                raise InvalidFileError(msg)
    if len(frame.columns) and len(frame) and frame.iloc[:, -1].isna().any():
        # pandas fills missing trailing fields with NaN silently; check the field counts.
        bad = _ragged_lines(path, sep, encoding)
        if bad:
            line, expected, actual = bad[0]
            at = f"line {line}" if line is not None else "a line"
            msg = f"{where} is ragged: {at} has {actual} fields, the header has {expected}."
            raise InvalidFileError(msg)
    return frame


def _read_parquet(path: Path, role: str, caller: str) -> tuple[pd.DataFrame, dict[str, Any] | None]:
    pa = require("pyarrow", caller=caller)
    pq = require("pyarrow.parquet", caller=caller)

    where = f"{caller}: the {role} file {str(path)!r}"
    try:
        schema = pq.read_schema(path)
    except (pa.ArrowException, OSError) as exc:
        msg = f"{where} is not a readable Parquet file: {str(exc)[:200]}"
        raise InvalidFileError(msg) from None
    names = list(schema.names)
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        msg = f"{where} names the column(s) {dups!r} more than once."
        raise InvalidFileError(msg)
    try:
        frame = pd.read_parquet(path)
    except MemoryError:
        msg = f"{where} does not fit in the memory available; the {role} argument is too large."
        raise ResourceLimitError(msg) from None
    except (pa.ArrowException, OSError, ValueError) as exc:
        msg = f"{where} cannot be read: {str(exc)[:200]}"
        raise InvalidFileError(msg) from None
    raw = (schema.metadata or {}).get(_META_KEY)
    return frame, _parse_metadata(raw, path, role, caller, where="its schema metadata")


def _parse_metadata(
    raw: bytes | str | None, path: Path, role: str, caller: str, *, where: str
) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        meta = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        meta = None
    if not isinstance(meta, dict) or not isinstance(meta.get("directed"), bool):
        msg = (
            f"{caller}: the infnet settings recorded in {where} of the {role} file "
            f"{str(path)!r} are malformed; delete them or rewrite the file with write_network."
        )
        raise InvalidFileError(msg)
    return meta


def _read_sidecar(path: Path, role: str, caller: str) -> dict[str, Any] | None:
    side = _sidecar(path)
    if not side.is_file():
        return None
    try:
        raw = side.read_bytes()
    except OSError:
        return None
    meta = _parse_metadata(raw, path, role, caller, where=f"the sidecar {side.name!r}")
    if meta is not None and meta.get("size") not in (None, path.stat().st_size):
        warnings.warn(
            f"{caller} ignores the sidecar {str(side)!r}: it was written for a "
            f"{meta.get('size')}-byte {role} file, and {str(path)!r} now has "
            f"{path.stat().st_size} bytes.",
            InfnetWarning,
            stacklevel=4,
        )
        return None
    return meta


def _read_table(
    path: Path,
    role: str,
    *,
    fmt: str | None,
    sep: str | None,
    encoding: str,
    id_columns: tuple[str, ...],
    caller: str,
) -> tuple[pd.DataFrame, dict[str, Any] | None]:
    kind = _format(path, fmt, caller)
    _check_file(path, role, caller)
    _sniff(path, kind, role, caller)
    if kind == "parquet":
        return _read_parquet(path, role, caller)
    meta = _read_sidecar(path, role, caller)
    dtype = None
    if meta is not None and meta.get("id_dtype") == "string":
        dtype = dict.fromkeys(id_columns, str)
    frame = _read_csv(
        path, role, sep=_sep(path, sep, caller), encoding=encoding, dtype=dtype, caller=caller
    )
    return frame, meta


def _check_header(
    frame: pd.DataFrame, path: Path, role: str, expected: list[tuple[str | None, str]], caller: str
) -> None:
    """Refuse expected columns present only with other case or stray whitespace.

    `expected` lists ``(parameter, column)``; the parameter (or None for a known
    attribute) is named in the fix.
    """
    columns = [str(c) for c in frame.columns]
    named = {column for _, column in expected}
    for param, column in expected:
        if column in columns:
            continue
        near = [c for c in columns if c.strip().casefold() == column.casefold()]
        if near:
            fix = "rename it in the file" + (f", or pass {param}={near[0]!r}" if param else "")
            msg = (
                f"{caller}: the {role} file {str(path)!r} has no column {column!r} but has "
                f"{near[0]!r} (differs in case or whitespace). Did you mean {near[0]!r}? {fix}."
            )
            raise MissingColumnError(msg)
    for c in columns:
        if c != c.strip() and c not in named:
            msg = (
                f"{caller}: the {role} file {str(path)!r} has a column name with stray "
                f"whitespace, {c!r}.{closest(c.strip(), [x for x in columns if x != c])} "
                "Rename it in the file (a space after each separator is a common cause)."
            )
            raise MissingColumnError(msg)


def _swapped_columns(actors: pd.DataFrame, ties: pd.DataFrame, source: str, target: str) -> bool:
    return (source not in ties.columns or target not in ties.columns) and (
        source in actors.columns and target in actors.columns
    )


_ORDER_HINT = (
    "Since infnet 0.2.0 the order is (actors, ties), as in Network.from_frames(actors, ties)"
)

#: How :func:`read_network` can rescale a strength column into (0, 1] (``rescale=``).
RESCALINGS = ("max", "minmax", "rank")
#: The keywords of :meth:`Tables.to_network` passed on to :meth:`Network.from_frames`.
_BUILD_KEYWORDS = ("strength", "directed", "duplicates", "self_ties", "focal_organisation",
                   "strong_threshold")
_READ_KEYWORDS = ("actor_id", "source", "target")
_TRANSFORM_KEYWORDS = ("reverse", "relation", "relation_column", "rescale")


@dataclass(frozen=True, eq=False)
class Tables:
    """The tables of a network as read from its files, before the network is built.

    Returned by :func:`read_tables`; :meth:`to_network` builds the network. The
    frames are the files as they are on disk (checked, never modified afterwards).

    Parameters
    ----------
    actors : DataFrame or None
        The actors table, or None when no actors file was given.
    ties : DataFrame
        The ties table.
    recorded : mapping or None
        The settings recorded with the files by :func:`write_network` (``directed``,
        ``focal_organisation``, ``strong_threshold``, ...), or None when the files
        record none (a CSV export from another tool never does).
    ties_path : Path
        The ties file.
    actors_path : Path or None
        The actors file.
    actor_id, source, target : str
        The id column of `actors` and the endpoint columns of `ties`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from infnet.io import read_tables
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> pd.DataFrame({"source": [1, 1], "target": [2, 3]}).to_csv(folder / "t.csv", index=False)
    >>> tables = read_tables(None, folder / "t.csv")
    >>> tables.ties.shape, tables.recorded
    ((2, 2), None)
    >>> tables.to_network(directed=True, reverse=True).n_ties
    2
    """

    actors: pd.DataFrame | None
    ties: pd.DataFrame
    recorded: Mapping[str, Any] | None
    ties_path: Path
    actors_path: Path | None = None
    actor_id: str = "id"
    source: str = "source"
    target: str = "target"
    caller: str = field(default="read_tables", repr=False)
    _metas: tuple[Mapping[str, Any] | None, Mapping[str, Any] | None] = field(
        default=(None, None), repr=False)

    @property
    def direction_recorded(self) -> bool:
        """Whether the files record the direction (``False``: it must be given or assumed).

        Returns
        -------
        bool
            True when :func:`write_network` recorded ``directed`` with the files.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from infnet import write_network
        >>> from infnet.io import read_tables
        >>> from infnet.synthetic import star
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> write_network(star(2), None, folder / "ties.csv")
        >>> read_tables(None, folder / "ties.csv").direction_recorded
        True
        """
        return self.recorded is not None and isinstance(self.recorded.get("directed"), bool)

    def to_network(
        self,
        *,
        reverse: bool = False,
        relation: str | Sequence[str] | Mapping[str, float] | None = None,
        relation_column: str = "relation",
        rescale: Literal["max", "minmax", "rank"] | None = None,
        **kwargs: Any,
    ) -> Network:
        """Build the network: keep or weight relations, rescale, reverse, then build.

        Parameters
        ----------
        reverse : bool, default=False
            Flip every tie (source <-> target) so that ties point the way influence
            flows. Nomination and advice data ("source named target as an advisor")
            point from the asker to the advisor, against it: pass ``reverse=True``.
        relation : str, sequence of str, mapping of str to float, or None
            With a name or a list of names: keep only the ties whose `relation_column`
            has one of them. With a mapping ``{relation: weight}``: the strength of a
            tie is the weight of its relation (times its `strength` column, if one is
            named); ties of relations not named are dropped, with a warning, and so are
            ties of weight 0. A pair named in several kept relations is a duplicate:
            merge it with ``duplicates="max"`` or ``"sum"``.
        relation_column : str, default="relation"
            The ties column naming the relation.
        rescale : {"max", "minmax", "rank"}, optional
            Rescale the `strength` column (which must be named) into (0, 1]:
            ``value / max`` (values must be positive), ``(value - min) / (max - min)``
            or ``rank / n_ties`` (equal values share their average rank); results
            below ``1e-12`` are raised to it. For weights such as counts or 1-16
            scores. Applied after the relation filter, before relation weights.
        **kwargs
            Passed to :meth:`infnet.Network.from_frames`: ``strength``, ``directed``,
            ``duplicates``, ``self_ties``, ``focal_organisation``,
            ``strong_threshold``. ``directed``, ``focal_organisation`` and
            ``strong_threshold`` default to the recorded settings (see
            :func:`read_network`).

        Returns
        -------
        Network
            The validated network. The tables are not modified.

        Raises
        ------
        InfnetTypeError
            For an unknown keyword or a value of the wrong type.
        InvalidParameterError
            For a relation no tie has, `rescale` without a `strength` column, or
            `rescale` / relation weights with a strength model.
        MissingColumnError
            When `relation_column` or an expected column is missing (or present only
            with other case or stray whitespace).
        InvalidNetworkError
            For non-numeric values to rescale, and anything
            :meth:`infnet.Network.from_frames` reports.

        Warns
        -----
        InfnetWarning
            As :func:`read_network`; when relation weights drop ties; when `reverse`
            is given for an undirected network (it changes nothing).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> import pandas as pd
        >>> from infnet.io import read_tables
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> pd.DataFrame({"source": [1, 1, 2], "target": [2, 2, 3],
        ...               "relation": ["advice", "friend", "advice"],
        ...               "weight": [4, 2, 8]}).to_csv(folder / "t.csv", index=False)
        >>> tables = read_tables(None, folder / "t.csv")
        >>> net = tables.to_network(directed=True, relation="advice", strength="weight",
        ...                         rescale="max", reverse=True)
        >>> net.to_frames()[1][["source", "target", "strength"]].to_dict("list")
        {'source': [2, 3], 'target': [1, 2], 'strength': [0.5, 1.0]}
        """
        caller = self.caller
        unknown = sorted(set(kwargs) - set(_BUILD_KEYWORDS))
        if unknown:
            allowed = [*_BUILD_KEYWORDS, *_TRANSFORM_KEYWORDS]
            if set(unknown) & set(_READ_KEYWORDS):
                msg = (f"`{unknown[0]}` of {caller} is a reading option: pass it to "
                       "read_tables / read_network.")
            else:
                msg = (f"{caller} got an unexpected keyword {unknown[0]!r}."
                       f"{closest(unknown[0], allowed)} Keywords: {allowed!r}.")
            raise InfnetTypeError(msg)
        reverse = check_bool(reverse, name="reverse", caller=caller)
        how = None if rescale is None else check_option(rescale, name="rescale", caller=caller,
                                                        options=RESCALINGS)
        if not isinstance(relation_column, str):
            msg = f"`relation_column` of {caller} must be a column name (str); got {relation_column!r}."
            raise InfnetTypeError(msg)
        strength = kwargs.pop("strength", None)
        ties = self.ties
        expected: list[tuple[str | None, str]] = [("source", self.source), ("target", self.target)]
        if strength is None or isinstance(strength, str):
            expected.append(("strength", "strength" if strength is None else strength))
        _check_header(ties, self.ties_path, "ties", expected, caller)
        if self.actors is not None and self.actors_path is not None:
            _check_header(self.actors, self.actors_path, "actors",
                          [("actor_id", self.actor_id), *((None, k) for k in KNOWN_ATTRIBUTES)],
                          caller)
        if relation is not None or how is not None or reverse:
            ties, strength = _transformed(
                ties, self, relation=relation, relation_column=relation_column,
                strength=strength, rescale=how, reverse=reverse,
            )
        settings = _settings(self._metas[0], self._metas[1], self.ties_path, self.actors_path,
                             kwargs, caller)
        if reverse and settings.get("directed") is False:
            warnings.warn(f"{caller}: reverse=True changes nothing in an undirected network.",
                          InfnetWarning, stacklevel=2)
        try:
            return Network.from_frames(self.actors, ties, actor_id=self.actor_id,
                                       source=self.source, target=self.target,
                                       strength=strength, **settings)
        except InvalidNetworkError as exc:
            hint = _relation_hint(exc, ties, relation, relation_column)
            if not hint:
                raise
            msg = f"{exc} {hint}"
            raise type(exc)(msg) from None


def _relation_hint(exc: Exception, ties: pd.DataFrame, relation: Any, relation_column: str) -> str:
    """For pairs named more than once in a multiplex export: the relation keywords."""
    if relation is not None or "named more than once" not in str(exc):
        return ""
    if relation_column not in ties.columns:
        return ""
    values = sorted(set(ties[relation_column].astype(str).tolist()))
    if len(values) < 2:
        return ""
    return (f"The ties hold {len(values)} relations in the column {relation_column!r} "
            f"({', '.join(values[:6])}{', ...' if len(values) > 6 else ''}), which name the "
            f"same pairs: keep one with relation={values[0]!r}, or weight them with "
            "relation={name: weight} and merge as above.")


def _relation_mask(
    ties: pd.DataFrame, tables: Tables, relation: Any, relation_column: str
) -> tuple[pd.Series, dict[str, float] | None]:
    """Rows to keep, and the weights by relation when `relation` is a mapping."""
    caller = tables.caller
    where = f"the ties file {str(tables.ties_path)!r}"
    columns = [str(c) for c in ties.columns]
    if relation_column not in ties.columns:
        msg = (f"`relation` of {caller}: {where} has no relation column {relation_column!r}."
               f"{closest(relation_column, columns)} Name it with relation_column=...; "
               f"columns: {columns!r}.")
        raise MissingColumnError(msg)
    weights: dict[str, float] | None = None
    if isinstance(relation, Mapping):
        weights = {}
        for name, w in relation.items():
            if not isinstance(name, str):
                msg = f"`relation` of {caller}: relation names must be str; got {name!r}."
                raise InfnetTypeError(msg)
            weights[name] = check_float(w, name=f"relation[{name!r}]", caller=caller, low=0.0)
        wanted = list(weights)
    elif isinstance(relation, str):
        wanted = [relation]
    elif isinstance(relation, Sequence) and all(isinstance(r, str) for r in relation):
        wanted = list(relation)
    else:
        msg = (f"`relation` of {caller} must be a relation name, a list of names or a "
               f"mapping {{name: weight}}; got {type(relation).__name__} {relation!r}.")
        raise InfnetTypeError(msg)
    if not wanted:
        msg = f"`relation` of {caller} names no relation."
        raise InvalidParameterError(msg)
    present = ties[relation_column].astype(str)
    values = sorted(set(present.tolist()))
    for r in wanted:
        if r not in values:
            msg = (f"`relation` of {caller} names {r!r}, which no tie in {where} has in its "
                   f"column {relation_column!r}.{closest(r, values)} Relations in the "
                   f"file: {values!r}.")
            raise InvalidParameterError(msg)
    if weights is not None:
        dropped = {r: int((present == r).sum()) for r in values if r not in weights}
        if dropped:
            warnings.warn(
                f"{caller}: `relation` gives no weight to the relations {dropped!r} (ties per "
                "relation); those ties are dropped.", InfnetWarning, stacklevel=5)
    return present.isin(wanted), weights


def _rescaled(values: pd.Series, how: str, column: str, caller: str) -> np.ndarray:
    """Map a strength column into (0, 1] by `how` (see Tables.to_network)."""
    v = pd.to_numeric(values, errors="coerce").to_numpy(dtype=np.float64)
    bad = ~np.isfinite(v)
    if bad.any():
        first = values.index[bad][:5].tolist()
        msg = (f"`rescale` of {caller}: the ties column {column!r} must be numeric and "
               f"finite; {int(bad.sum())} rows are not (first rows {first}).")
        raise InvalidNetworkError(msg)
    if v.size == 0:
        return v
    if how == "max":
        if (v <= 0).any():
            msg = (f"rescale='max' needs positive values in the ties column {column!r}; "
                   f"{int((v <= 0).sum())} are <= 0: pass rescale='minmax' or rescale='rank'.")
            raise InvalidNetworkError(msg)
        out = v / v.max()
    elif how == "minmax":
        span = v.max() - v.min()
        if span == 0:
            warnings.warn(f"{caller}: rescale='minmax': the ties column {column!r} is "
                          f"constant ({v[0]:g}); every strength is 1.", InfnetWarning,
                          stacklevel=5)
            out = np.ones_like(v)
        else:
            out = (v - v.min()) / span
    else:  # rank: the average rank of equal values, over the count
        out = pd.Series(v).rank(method="average").to_numpy() / v.size
    clipped: np.ndarray = np.clip(out, MIN_STRENGTH, 1.0)
    return clipped


def _transformed(
    ties: pd.DataFrame,
    tables: Tables,
    *,
    relation: Any,
    relation_column: str,
    strength: Any,
    rescale: str | None,
    reverse: bool,
) -> tuple[pd.DataFrame, Any]:
    """Relation filter / weights, rescaling and reversal, on a copy of the ties."""
    caller = tables.caller
    if (rescale is not None or isinstance(relation, Mapping)) and not (
            strength is None or isinstance(strength, str)):
        what = "rescale" if rescale is not None else "relation"
        msg = (f"`{what}` of {caller} works on a strength column; `strength` is a strength "
               f"model ({type(strength).__name__}), which derives strength itself.")
        raise InvalidParameterError(msg)
    if strength is None and "strength" in ties.columns:
        strength = "strength"
    if rescale is not None and strength is None:
        msg = (f"`rescale` of {caller} needs `strength` to name the ties column to rescale "
               f"(e.g. strength='weight'); the ties have no 'strength' column.")
        raise InvalidParameterError(msg)
    if isinstance(strength, str) and strength not in ties.columns:
        msg = (f"`strength` of {caller}: the ties file {str(tables.ties_path)!r} has no "
               f"column {strength!r}.{closest(strength, [str(c) for c in ties.columns])}")
        raise MissingColumnError(msg)
    out = ties.copy()
    weights = None
    if relation is not None:
        keep, weights = _relation_mask(out, tables, relation, relation_column)
        out = out[keep.to_numpy()]
    if rescale is not None:
        assert isinstance(strength, str)
        out[strength] = _rescaled(out[strength], rescale, strength, caller)
    if weights is not None:
        factor = out[relation_column].astype(str).map(weights).to_numpy(dtype=np.float64)
        if isinstance(strength, str):
            factor = factor * pd.to_numeric(out[strength], errors="coerce").to_numpy()
        zero = factor <= 0
        if zero.any():
            warnings.warn(f"{caller}: {int(zero.sum())} ties get strength 0 from `relation` "
                          "weights and are dropped.", InfnetWarning, stacklevel=4)
            out, factor = out[~zero], factor[~zero]
        strength = strength if isinstance(strength, str) else "strength"
        out[strength] = factor
    if reverse:
        out = out.rename(columns={tables.source: tables.target, tables.target: tables.source})
    return out.reset_index(drop=True), strength


def read_tables(
    actors: PathLike | None,
    ties: PathLike | None,
    *,
    format: FileFormat | None = None,
    sep: str | None = None,
    encoding: str = "utf-8",
    actor_id: str = "id",
    source: str = "source",
    target: str = "target",
) -> Tables:
    """Read an optional actors file and a ties file as tables, without building a network.

    What :func:`read_network` reads, with every check on the files, but before any
    interpretation: use it to look at an export (its columns, relations, strength
    range, whether the direction is recorded) and then build the network with
    :meth:`Tables.to_network`, which takes the options that decide what the ties mean
    (``reverse``, ``relation``, ``rescale``, ``strength``, ``directed``, ...).

    Parameters
    ----------
    actors : str, path or None
        CSV or Parquet file of actors, or ``None`` (the actors are the tie endpoints).
    ties : str or path
        CSV (``.csv``, ``.csv.gz``, ``.tsv``, ...) or Parquet (``.parquet``) file of ties.
    format : {"csv", "parquet"}, optional
        Force a format instead of reading it from the suffixes.
    sep : str, optional
        Field separator of CSV files; default tab for ``.tsv`` and comma otherwise.
    encoding : str, default="utf-8"
        Text encoding of CSV files.
    actor_id : str, default="id"
        Actors column of the ids.
    source, target : str, default="source", "target"
        Ties columns of the two ends of a tie.

    Returns
    -------
    Tables
        The frames, the settings recorded with the files and the column names.

    Raises
    ------
    InvalidFileError
        As :func:`read_network`, and when the two files record different settings.
    InvalidParameterError
        The format cannot be told from the suffix; `ties` is missing, both name the
        same file, or the two files look swapped; an unknown `encoding`.
    InfnetTypeError
        A path or column name of the wrong type.
    ResourceLimitError
        A file is larger than the memory available.

    See Also
    --------
    read_network : ``read_tables(...).to_network(...)`` in one call.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from infnet.io import read_tables
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> pd.DataFrame({"source": [1, 2], "target": [2, 3],
    ...               "relation": ["advice", "friend"]}).to_csv(folder / "t.csv", index=False)
    >>> tables = read_tables(None, folder / "t.csv")
    >>> tables.ties["relation"].value_counts().to_dict(), tables.direction_recorded
    ({'advice': 1, 'friend': 1}, False)
    """
    return _read_tables(actors, ties, format=format, sep=sep, encoding=encoding,
                        actor_id=actor_id, source=source, target=target, caller="read_tables")


def _read_tables(
    actors: Any, ties: Any, *, format: Any, sep: Any, encoding: Any, actor_id: Any,
    source: Any, target: Any, caller: str,
) -> Tables:
    if ties is None:
        shown = "None" if actors is None else repr(os.fspath(actors)) if isinstance(actors, (str, os.PathLike)) else "..."
        msg = (
            f"{caller} needs the ties file as its second argument. {_ORDER_HINT}: for a "
            f"network from ties alone call {caller}(None, {shown})."
        )
        raise InvalidParameterError(msg)
    ties_path = _as_path(ties, name="ties", caller=caller)
    actors_path = None if actors is None else _as_path(actors, name="actors", caller=caller)
    if not isinstance(encoding, str):
        msg = f"`encoding` of {caller} must be a codec name such as 'utf-8'; got {encoding!r}."
        raise InfnetTypeError(msg)
    try:
        codecs.lookup(encoding)
    except LookupError:
        msg = f"`encoding` of {caller} names no known codec: {encoding!r}."
        raise InvalidParameterError(msg) from None
    if sep is not None:
        _sep(ties_path, sep, caller)
    for name, value in (("source", source), ("target", target), ("actor_id", actor_id)):
        if not isinstance(value, str):
            msg = f"`{name}` of {caller} must be a column name (str); got {value!r}."
            raise InfnetTypeError(msg)
    ties_frame, ties_meta = _read_table(
        ties_path, "ties", fmt=format, sep=sep, encoding=encoding,
        id_columns=(source, target), caller=caller,
    )
    actors_frame, actors_meta = None, None
    if actors_path is not None:
        if _same_file(actors_path, ties_path):
            msg = f"{caller}: actors and ties name the same file {str(ties_path)!r}."
            raise InvalidParameterError(msg)
        actors_frame, actors_meta = _read_table(
            actors_path, "actors", fmt=format, sep=sep, encoding=encoding,
            id_columns=(actor_id,), caller=caller,
        )
    # The old order, read_network(ties, actors): refuse it with the fix.
    if actors_frame is not None and (
        (ties_meta or {}).get("table") == "actors"
        or (actors_meta or {}).get("table") == "ties"
        or _swapped_columns(actors_frame, ties_frame, source, target)
    ):
        msg = (
            f"{caller}: {str(ties_path)!r} looks like the actors file and "
            f"{str(actors_path)!r} like the ties file. {_ORDER_HINT}: call "
            f"{caller}({str(ties_path)!r}, {str(actors_path)!r})."
        )
        raise InvalidParameterError(msg)
    if ties_meta is not None and actors_meta is not None:
        for key in _RECORDED:
            if ties_meta.get(key) != actors_meta.get(key):
                msg = (
                    f"{caller}: the actors file {str(actors_path)!r} records {key}="
                    f"{actors_meta.get(key)!r} but the ties file {str(ties_path)!r} records "
                    f"{key}={ties_meta.get(key)!r}; they were not written together."
                )
                raise InvalidFileError(msg)
    recorded = ties_meta if ties_meta is not None else actors_meta
    return Tables(actors_frame, ties_frame, recorded, ties_path, actors_path, actor_id,
                  source, target, caller, (ties_meta, actors_meta))


def read_network(
    actors: PathLike | None,
    ties: PathLike | None = None,
    *,
    format: FileFormat | None = None,
    sep: str | None = None,
    encoding: str = "utf-8",
    reverse: bool = False,
    relation: str | Sequence[str] | Mapping[str, float] | None = None,
    relation_column: str = "relation",
    rescale: Literal["max", "minmax", "rank"] | None = None,
    **kwargs: Any,
) -> Network:
    """Read a network from an optional actors file and a ties file.

    Parameters
    ----------
    actors : str, path or None
        CSV or Parquet file of actors (column ``id`` and attributes), or ``None`` to
        make the actors the tie endpoints. A store directory (:mod:`infnet.store`)
        alone opens memory-mapped.
    ties : str or path
        CSV (``.csv``, ``.csv.gz``, ``.tsv``, ...) or Parquet (``.parquet``) file of ties.
        Required: it is the second argument, as in :meth:`infnet.Network.from_frames`.
    format : {"csv", "parquet"}, optional
        Force a format instead of reading it from the suffixes.
    sep : str, optional
        Field separator of CSV files; default tab for ``.tsv`` and comma otherwise.
    encoding : str, default="utf-8"
        Text encoding of CSV files. A file that is not valid in it is refused (with
        the byte offset and line), never decoded by guesswork.
    reverse : bool, default=False
        Flip every tie (source <-> target). A tie means "source can influence
        target"; nomination and advice data ("source asked target for advice") point
        the other way: pass ``reverse=True`` for them.
    relation : str, sequence of str, mapping of str to float, or None
        Keep only the ties of these relations (values of `relation_column`), or, with
        a mapping ``{relation: weight}``, weight the ties by relation (see
        :meth:`Tables.to_network`).
    relation_column : str, default="relation"
        The ties column naming the relation.
    rescale : {"max", "minmax", "rank"}, optional
        Rescale the `strength` column into (0, 1] (see :meth:`Tables.to_network`).
    **kwargs
        ``actor_id``, ``source``, ``target`` (column names, as :func:`read_tables`)
        and the keywords of :meth:`infnet.Network.from_frames` (``strength``,
        ``directed``, ``duplicates``, ``self_ties``, ``focal_organisation``,
        ``strong_threshold``).

    Returns
    -------
    Network
        The validated network.

    Raises
    ------
    InvalidFileError
        A file is missing, a directory, not a regular file, empty (0 bytes), ragged,
        not valid in `encoding`, compressed other than its name says, not a table of
        its format, has duplicate column names, or carries malformed infnet settings;
        the message names the file and, where known, the line. It is an
        :class:`~infnet.exceptions.InvalidNetworkError` (a ``ValueError``), not an
        ``OSError``: catch ``InfnetError`` for every bad input.
    MissingColumnError
        An expected column (``id``, ``source``, ``target``, ``strength``,
        `relation_column`) is missing, or present only with another case or stray
        whitespace (``" strength"``, ``"Source"``), or any column name has stray
        whitespace.
    ResourceLimitError
        A file is larger than the memory available.
    InvalidParameterError
        The format cannot be told from the suffix; `ties` is missing or the two files
        look swapped (the order changed in 0.2.0); an unknown `encoding`; a relation
        no tie has; `rescale` without a strength column.
    InfnetTypeError
        An unknown keyword, or an argument of the wrong type.
    InvalidNetworkError
        For any problem :meth:`infnet.Network.from_frames` reports.

    Warns
    -----
    InfnetWarning
        When no direction is recorded with the files and `directed` is not given
        (directed is assumed); when a recorded focal organisation cannot be applied
        (ties read without actors); when an explicit ``directed``, ``focal_organisation``
        or ``strong_threshold`` disagrees with the recorded value (the explicit
        value is used); when relation weights drop ties.

    See Also
    --------
    read_tables : The tables alone, to look at an export before building it.
    write_network : The inverse; records the settings read back here.

    Notes
    -----
    Settings: an explicit keyword wins over the value recorded by
    :func:`write_network` (Parquet schema metadata, or the ``.infnet.json`` sidecar
    of a CSV file), with a warning naming both when they differ; a recorded value
    is used when the keyword is not given; otherwise ``directed=True`` is assumed,
    with a warning, and ``focal_organisation=None``, ``strong_threshold=0.5``. A focal
    organisation recorded with a ties file read without its actors file is not
    applied (it needs the ``organisation`` column), with a warning.
    When the actors file and the ties file record different settings, they were not
    written together and :class:`~infnet.exceptions.InvalidFileError` is raised.

    Order of the transformations: the relation filter, then `rescale`, then relation
    weights, then `reverse`; then duplicates and self-ties as
    :meth:`~infnet.Network.from_frames` says.

    Ids: when the files record string ids, the id and endpoint columns of CSV files
    are read as strings, so ids such as ``"007"`` survive the round trip.

    Cost: one pass of the parser over each file (a second, field-counting pass only
    when the last column holds missing values, to tell short rows from empty fields).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from infnet import read_network, write_network
    >>> from infnet.synthetic import toy_network
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_network(toy_network(), folder / "actors.csv", folder / "ties.csv")
    >>> net = read_network(folder / "actors.csv", folder / "ties.csv")
    >>> net.equals(toy_network()), net.directed, net.focal_organisation
    (True, False, 'Acme')

    An advice survey: keep one relation and turn asker -> advisor around.

    >>> import pandas as pd
    >>> pd.DataFrame({"source": [1, 1, 3], "target": [2, 2, 2],
    ...               "relation": ["advice", "friend", "advice"]}).to_csv(
    ...     folder / "survey.csv", index=False)
    >>> net = read_network(None, folder / "survey.csv", directed=True, relation="advice",
    ...                    reverse=True)
    >>> net.to_frames()[1][["source", "target"]].to_dict("list")
    {'source': [2, 2], 'target': [1, 3]}
    """
    caller = "read_network"
    if ties is None and actors is not None:
        from infnet import store  # a store directory (infnet.store) opens memory-mapped

        if store.is_store(actors):
            extra = {k: v for k, v in (("reverse", reverse), ("relation", relation),
                                       ("rescale", rescale)) if v not in (None, False)}
            return store.open_for_read_network(actors, {**kwargs, **extra})
    read = {k: kwargs.pop(k) for k in _READ_KEYWORDS if k in kwargs}
    tables = _read_tables(actors, ties, format=format, sep=sep, encoding=encoding,
                          actor_id=read.get("actor_id", "id"),
                          source=read.get("source", "source"),
                          target=read.get("target", "target"), caller=caller)
    return tables.to_network(reverse=reverse, relation=relation,
                             relation_column=relation_column, rescale=rescale, **kwargs)


def _settings(
    ties_meta: Mapping[str, Any] | None,
    actors_meta: Mapping[str, Any] | None,
    ties_path: Path,
    actors_path: Path | None,
    kwargs: dict[str, Any],
    caller: str,
) -> dict[str, Any]:
    """Merge recorded settings with explicit keywords (explicit wins, with a warning)."""
    recorded = ties_meta if ties_meta is not None else actors_meta
    out = dict(kwargs)
    if "directed" in out:
        out["directed"] = check_bool(out["directed"], name="directed", caller=caller)
    if "strong_threshold" in out:
        out["strong_threshold"] = check_float(
            out["strong_threshold"], name="strong_threshold", caller=caller, low=0.0,
            high=1.0, closed="right",
        )
    if recorded is None:
        if "directed" not in out:
            warnings.warn(
                f"{caller}: {str(ties_path)!r} records no direction; assumed directed=True; "
                "pass directed=True or directed=False to say which.",
                InfnetWarning,
                stacklevel=4,
            )
            out["directed"] = True
        return out
    where = (
        f"{str(ties_path)!r}" if ties_meta is not None else f"{str(actors_path)!r}"
    )
    for key in _RECORDED:
        if key not in recorded:
            continue
        value = recorded[key]
        if key not in out and key == "focal_organisation" and actors_path is None:
            if value is not None:
                warnings.warn(
                    f"{caller}: {where} records focal_organisation={value!r}, which needs the "
                    "actors' organisation column; not applied, as no actors file was given.",
                    InfnetWarning,
                    stacklevel=4,
                )
            continue
        if key not in out:
            out[key] = value
            continue
        given = out[key]
        same = given == value and (key == "strong_threshold" or type(given) is type(value))
        if not same:
            warnings.warn(
                f"{caller}: {key}={given!r} given, but {where} records {key}={value!r}; "
                f"using {key}={given!r}.",
                InfnetWarning,
                stacklevel=4,
            )
    return out


# ---------------------------------------------------------------------- writing
def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists() and os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())


def _looks_swapped(actors: Path, ties: Path) -> bool:
    a, t = actors.name.lower(), ties.name.lower()
    return ("tie" in a or "edge" in a) and ("actor" in t or "node" in t)


def _write_frame(frame: pd.DataFrame, tmp: Path, dest: Path, fmt: str, meta: dict[str, Any]) -> None:
    if fmt == "parquet":
        pa = require("pyarrow", caller="write_network")
        pq = require("pyarrow.parquet", caller="write_network")

        table = pa.Table.from_pandas(frame, preserve_index=False)
        merged = dict(table.schema.metadata or {})
        merged[_META_KEY] = json.dumps(meta).encode()
        pq.write_table(table.replace_schema_metadata(merged), tmp)
    else:
        frame.to_csv(
            tmp, index=False, sep=_sep(dest, None, "write_network"),
            compression=_compression(dest), encoding="utf-8",
        )


def write_network(
    network: Network,
    actors: PathLike | None,
    ties: PathLike | None = None,
    *,
    format: FileFormat | None = None,
) -> None:
    """Write a network's actors (optionally) and ties to CSV or Parquet files.

    Parameters
    ----------
    network : Network
        The network to write.
    actors : str, path or None
        Destination of the actors table (column ``id`` plus attributes), or ``None``
        to write the ties only.
    ties : str or path
        Destination of the ties table (each undirected tie once). Required: it is the
        second path, as in :meth:`infnet.Network.from_frames`.
    format : {"csv", "parquet"}, optional
        Force a format instead of reading it from the suffixes.

    Raises
    ------
    InfnetTypeError
        `network` is not a Network, or a path is not a str / os.PathLike.
    InvalidParameterError
        The format cannot be told from a suffix; `ties` is missing, both paths name
        the same file (also through another spelling or a link), or the two paths
        look swapped (the order changed in 0.2.0); a focal organisation that cannot
        be recorded (not a str, int, float or bool).
        A table that the format cannot hold (e.g. an actor column of mixed types
        as Parquet).
    InvalidFileError
        A destination is a directory, or its folder does not exist or is not writable.

    See Also
    --------
    read_network : The inverse; restores direction, focal organisation and threshold.

    Notes
    -----
    Besides the tables, each file records the direction, focal organisation, strong
    threshold, id dtype, table role and infnet version: in the Parquet schema
    metadata (key ``b"infnet"``), or for CSV / TSV in a JSON sidecar named
    ``<file>.infnet.json`` next to it. Every file is first written to a temporary file
    in the destination folder and moved into place with :func:`os.replace` only when
    all of them are complete, so a failure never leaves a half-written table.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from infnet import write_network
    >>> from infnet.synthetic import star
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_network(star(2), None, folder / "ties.parquet")
    >>> write_network(star(2), folder / "actors.csv", folder / "ties.csv")
    >>> sorted(p.name for p in folder.iterdir())
    ['actors.csv', 'actors.csv.infnet.json', 'ties.csv', 'ties.csv.infnet.json', 'ties.parquet']
    """
    caller = "write_network"
    check_network(network, caller=caller)
    if ties is None:
        msg = (
            f"{caller} needs the ties destination as its third argument. {_ORDER_HINT}: "
            f"write_network(network, actors, ties); for the ties alone call "
            f"write_network(network, None, {os.fspath(actors) if isinstance(actors, (str, os.PathLike)) else '...'!r})."
        )
        raise InvalidParameterError(msg)
    ties_path = _as_path(ties, name="ties", caller=caller)
    targets: list[tuple[str, Path]] = [("ties", ties_path)]
    if actors is not None:
        actors_path = _as_path(actors, name="actors", caller=caller)
        if _same_file(actors_path, ties_path):
            msg = (
                f"{caller}: actors and ties name the same file {str(ties_path)!r}; the "
                "second table would overwrite the first. Give two paths."
            )
            raise InvalidParameterError(msg)
        if _looks_swapped(actors_path, ties_path):
            msg = (
                f"{caller}: the actors destination {str(actors_path)!r} and the ties "
                f"destination {str(ties_path)!r} look swapped. {_ORDER_HINT}: call "
                f"write_network(network, {str(ties_path)!r}, {str(actors_path)!r})."
            )
            raise InvalidParameterError(msg)
        targets.insert(0, ("actors", actors_path))
    formats = {role: _format(path, format, caller) for role, path in targets}
    if "parquet" in formats.values():  # before any file is touched
        require("pyarrow.parquet", caller=caller)
    outputs = [p for _, p in targets] + [_sidecar(p) for r, p in targets if formats[r] == "csv"]
    for i, p in enumerate(outputs):
        for q in outputs[i + 1:]:
            if _same_file(p, q):
                msg = f"{caller}: two of the files to write are the same file {str(p)!r}."
                raise InvalidParameterError(msg)
        if p.is_dir():
            msg = f"{caller}: the destination {str(p)!r} is a directory."
            raise InvalidFileError(msg)
        if not p.parent.is_dir():
            msg = f"{caller}: the folder {str(p.parent)!r} of {str(p)!r} does not exist."
            raise InvalidFileError(msg)

    actors_frame, ties_frame = network.to_frames()
    frames = {"actors": actors_frame, "ties": ties_frame}
    metas = {role: _metadata(network, role, caller) for role, _ in targets}
    pending: list[tuple[Path, Path]] = []
    try:
        for role, dest in targets:
            meta = metas[role]
            tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.tmp")
            pending.append((tmp, dest))
            try:
                _write_frame(frames[role], tmp, dest, formats[role], meta)
            except (TypeError, ValueError, NotImplementedError) as exc:
                msg = (
                    f"{caller} cannot write the {role} table as {formats[role]} to "
                    f"{str(dest)!r}: {type(exc).__name__}: {str(exc)[:200]}"
                )
                raise InvalidParameterError(msg) from None
            if formats[role] == "csv":
                side = _sidecar(dest)
                side_tmp = side.with_name(f".{side.name}.{uuid.uuid4().hex}.tmp")
                pending.append((side_tmp, side))
                meta["size"] = tmp.stat().st_size
                side_tmp.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        for tmp, dest in pending:
            os.replace(tmp, dest)
    except OSError as exc:
        msg = f"{caller} cannot write {str(exc.filename or '')!r}: {exc.strerror or exc}."
        raise InvalidFileError(msg) from None
    finally:
        for tmp, _ in pending:
            with contextlib.suppress(OSError):
                tmp.unlink()
