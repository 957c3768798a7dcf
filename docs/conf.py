"""Sphinx configuration for the infnet documentation.

Build (offline; what CI runs)::

    python -m sphinx -W -b html docs docs/_build/html

Math is rendered by MathJax served from the built site itself
(``sphinx-mathjax-offline``, in the ``docs`` extra): no CDN, so formulas render
offline.

Environment switches:

``INFNET_DOCS_EXECUTE``
    ``cache`` (default): execute the how-to notebooks and the gallery at build time
    with myst-nb, so the pages show their tables and figures, caching the outputs in
    ``docs/_build/.jupyter_cache`` (a rebuild re-runs only changed notebooks);
    ``force``: re-execute every time; ``off``: render them without outputs (they are
    still executed as tests by ``tests/test_notebooks.py``). Execution needs the
    ``python3`` Jupyter kernel (``ipykernel`` comes with the ``docs`` extra).
``INFNET_DOCS_INTERSPHINX``
    ``1`` turns on intersphinx links to Python, NumPy, SciPy, pandas and networkx.
    It needs network access to fetch the inventories, so it is off by default and
    the build never touches the network.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Build against the source tree even when infnet is not installed.
sys.path.insert(0, str(ROOT / "src"))

import infnet

# -- Project -------------------------------------------------------------------------
project = "infnet"
author = "infnet developers"
copyright = "infnet developers"
release = infnet.__version__
version = ".".join(release.split(".")[:2])

# -- Extensions ----------------------------------------------------------------------
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.extlinks",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # MathJax copied into _static: no CDN
    "sphinx.ext.viewcode",
    "numpydoc",
    "myst_nb",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
templates_path = ["_templates"]
exclude_patterns = [
    "_build",
    "conf.py",
    "Makefile",
    "**/.ipynb_checkpoints",
    "notebooks/*.ipynb",
    "notebooks/README.md",
    "_gen_cli.py",  # a script (it writes cli.md), not a page
]

# -- autodoc / autosummary / numpydoc -------------------------------------------------
autosummary_generate = True
autosummary_imported_members = False
autosummary_ignore_module_all = False  # document exactly what each module lists in __all__
autodoc_default_options = {"members": True, "inherited-members": False}
autodoc_typehints = "none"  # the numpydoc Parameters section is the source of truth
numpydoc_show_class_members = False  # autosummary templates list members instead
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()  # validated in CI by numpydoc's hook on src/
default_role = "py:obj"

# `:doi:` links in docstrings (as networkx does)
extlinks = {"doi": ("https://doi.org/%s", "doi:%s")}

# -- intersphinx (opt-in, needs network) ----------------------------------------------
if os.environ.get("INFNET_DOCS_INTERSPHINX", "0") == "1":
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "numpy": ("https://numpy.org/doc/stable", None),
        "scipy": ("https://docs.scipy.org/doc/scipy", None),
        "pandas": ("https://pandas.pydata.org/docs", None),
        "networkx": ("https://networkx.org/documentation/stable", None),
    }
else:
    intersphinx_mapping = {}
intersphinx_timeout = 10

# -- myst-nb: the how-to notebooks are jupytext percent-format .py files --------------
nb_custom_formats = {".py": ["jupytext.reads", {"fmt": "py:percent"}]}
nb_execution_mode = os.environ.get("INFNET_DOCS_EXECUTE", "cache")
nb_execution_timeout = 120
nb_execution_raise_on_error = True
nb_execution_in_temp = True  # run in a temporary directory: nothing is written to the repo
nb_execution_cache_path = str(HERE / "_build" / ".jupyter_cache")
nb_kernel_rgx_aliases = {".*": "python3"}
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
# MyST would try to cross-reference README-style relative links; keep them as links.
suppress_warnings = ["myst.xref_missing"]

# -- HTML ------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"infnet {release}"
html_static_path: list[str] = []
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
}
html_context = {"default_mode": "light"}
