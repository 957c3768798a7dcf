"""Optional dependencies: one place that imports them and says how to install them.

infnet's hard dependencies are numpy, scipy, pandas and numba (every call), and click
and rich (the command line, its tables and the progress display; small, and the quick
start is a CLI command). Everything else is an extra, imported only by the call that
needs it, through :func:`require`:

========== ================= =====================================================
module     extra             needed by
========== ================= =====================================================
pyarrow    ``parquet``       Parquet files in :func:`infnet.read_network` /
                             :func:`infnet.write_network`
networkx   ``networkx``      ``Network.from_networkx`` / ``Network.to_networkx``
igraph     ``igraph``        ``Network.from_igraph`` / ``Network.to_igraph``, Leiden
                             communities (:func:`infnet.algorithms.bridging.communities`)
matplotlib ``plot``          :mod:`infnet.plot`
========== ================= =====================================================

``pip install "infnet[all]"`` installs every extra.

Examples
--------
>>> from infnet._optional import require
>>> require("numpy", extra="all", caller="example").__name__
'numpy'
"""

from __future__ import annotations

import importlib
from types import ModuleType

from infnet.exceptions import InfnetError

__all__ = ["EXTRAS", "MissingDependencyError", "require"]

#: Optional module -> the extra that installs it.
EXTRAS: dict[str, str] = {
    "pyarrow": "parquet",
    "networkx": "networkx",
    "igraph": "igraph",
    "matplotlib": "plot",
    "dask": "dask", "distributed": "dask",  # engine="dask" (infnet.engines.dask)
}


class MissingDependencyError(InfnetError, ImportError):
    """An optional dependency is not installed; the message names the pip command."""


def require(module: str, *, extra: str | None = None, caller: str) -> ModuleType:
    """Import an optional dependency, or raise a one-line error naming the pip command.

    Parameters
    ----------
    module : str
        Module to import (``"pyarrow.parquet"``, ``"networkx"``, ...).
    extra : str, optional
        The infnet extra that installs it; looked up in :data:`EXTRAS` from the
        top-level package when None.
    caller : str
        The public function that needs it, named in the message.

    Returns
    -------
    module
        The imported module.

    Raises
    ------
    MissingDependencyError
        (an :class:`ImportError` and an :class:`~infnet.InfnetError`) when the module
        cannot be imported.

    Examples
    --------
    >>> from infnet._optional import require
    >>> require("math", extra="all", caller="example").sqrt(4.0)
    2.0
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".", 1)[0]
        extra_ = extra or EXTRAS.get(top, "all")
        msg = f'{caller} needs {top}, which is not installed: pip install "infnet[{extra_}]"'
        raise MissingDependencyError(msg) from exc
