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
Links into Python, NumPy, SciPy, pandas, networkx, igraph, Matplotlib and Dask
resolve against the inventories vendored in ``docs/_intersphinx/`` (provenance and
licences in its README): the build never touches the network. The build is
nitpicky-clean: ``python -m sphinx -W -n -b html docs docs/_build/html``.
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
    "_intersphinx",  # vendored inventories and their README
]

# -- autodoc / autosummary / numpydoc -------------------------------------------------
autosummary_generate = True
autosummary_imported_members = False
autosummary_ignore_module_all = False  # document exactly what each module lists in __all__
autodoc_default_options = {"members": True, "inherited-members": False}
autodoc_typehints = "none"  # the numpydoc Parameters section is the source of truth
numpydoc_show_class_members = False  # autosummary templates list members instead
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()  # validated in CI by numpydoc's hook on src/
# `name` in a docstring is a parameter or attribute name (numpydoc's convention) or a
# Python object: the default role (`_param_or_link`, below) links modules, classes and
# functions (the link must then resolve: nitpicky) and sets any other name in italics.
default_role = "param-or-link"
nitpicky = True

# Types in Parameters/Returns sections link to their classes: every word is a reference
# unless numpydoc_xref_ignore names it (prose words) -- so a misspelt type fails the build.
numpydoc_xref_param_type = True
numpydoc_xref_aliases = {
    # third-party
    "DataFrame": "pandas.DataFrame",
    "Series": "pandas.Series",
    "Index": "pandas.Index",
    "Timestamp": "pandas.Timestamp",
    "dtype": "numpy.dtype",
    "Path": "pathlib.Path",
    "module": "types.ModuleType",
    "Generator": "numpy.random.Generator",
    "SeedSequence": "numpy.random.SeedSequence",
    "float64": "numpy.float64",
    "int64": "numpy.int64",
    "int32": "numpy.int32",
    "csr_array": "scipy.sparse.csr_array",
    "Axes": "matplotlib.axes.Axes",
    "Any": "typing.Any",
    "object": ":class:`python:object`",
    "hashable": ":term:`python:hashable`",
    "mapping": ":term:`python:mapping`",
    "path": ":term:`path <python:path-like object>`",
    "sparse": ":mod:`sparse <scipy.sparse>`",
    "matrix": ":term:`matrix <numpy:array>`",
}


def _api_modules() -> list[str]:
    """The modules of the API reference (the autosummary lists of api/index.rst).

    Every ``autosummary`` block with the module template counts: the public modules and
    the internal ones documented because public docstrings link into them.
    """
    text = (HERE / "api" / "index.rst").read_text(encoding="utf-8")
    out: list[str] = []
    for block in text.split(":template: autosummary/module.rst")[1:]:
        lines = block.splitlines()[1:]  # after the option line
        while lines and not lines[0].strip():
            lines.pop(0)
        for ln in lines:
            if not ln.startswith("   "):
                break
            out.append(f"infnet.{ln.strip()}")
    return out


def _class_aliases() -> dict[str, str]:
    """Short name -> full name of every public class of the API modules (unique names)."""
    import importlib
    import inspect

    found: dict[str, set[str]] = {}
    for modname in _api_modules():
        module = importlib.import_module(modname)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if inspect.isclass(obj) and obj.__module__ == modname:
                found.setdefault(name, set()).add(f"{modname}.{name}")
    return {name: next(iter(full)) for name, full in found.items() if len(full) == 1}


def _reexports() -> dict[str, list[str]]:
    """Per API module, the classes and functions of its __all__ defined in another module.

    A package such as infnet.algorithms re-exports its submodules' names; the module
    template lists them in the package's summary (linking to where they are documented)
    instead of documenting each object twice under two names.
    """
    import importlib
    import inspect

    out: dict[str, list[str]] = {}
    for modname in _api_modules():
        module = importlib.import_module(modname)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if (inspect.isclass(obj) or inspect.isroutine(obj)) and obj.__module__ != modname:
                out.setdefault(modname, []).append(name)
    return out


autosummary_context = {"reexports": _reexports()}

numpydoc_xref_aliases = {
    **_class_aliases(),
    "RuleInputs": "infnet.selection.RuleInputs",  # see nitpick_ignore
    **numpydoc_xref_aliases,
}
numpydoc_xref_ignore = {
    # prose in type descriptions: "ndarray of float64 of shape (n_actors,), optional"
    "of", "or", "to", "shape", "length", "optional", "default", "when", "is", "given",
    "past", "sets", "matplotlib", "relation",
    # shape symbols
    "n", "n_actors", "n_features", "n_ties", "n_entries", "n_stored", "n_planted",
    "n_macro", "n_sets", "n_runs", "len", "actors", "ids", "them",
}
# Documented where it is used (Rule.apply) but not exported by infnet.selection.__all__,
# so it has no page to link to.
nitpick_ignore = [
    ("py:obj", "infnet.selection.RuleInputs"),
]

# `:doi:` links in docstrings (as networkx does)
extlinks = {"doi": ("https://doi.org/%s", "doi:%s")}

# -- intersphinx (offline: vendored inventories) --------------------------------------
_INV = HERE / "_intersphinx"
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", str(_INV / "python.inv")),
    "numpy": ("https://numpy.org/doc/stable", str(_INV / "numpy.inv")),
    "scipy": ("https://docs.scipy.org/doc/scipy", str(_INV / "scipy.inv")),
    "pandas": ("https://pandas.pydata.org/docs", str(_INV / "pandas.inv")),
    "networkx": ("https://networkx.org/documentation/stable", str(_INV / "networkx.inv")),
    "igraph": ("https://python.igraph.org/en/stable/api", str(_INV / "igraph.inv")),
    "matplotlib": ("https://matplotlib.org/stable", str(_INV / "matplotlib.inv")),
    "dask": ("https://docs.dask.org/en/stable", str(_INV / "dask.inv")),
    "distributed": ("https://distributed.dask.org/en/stable", str(_INV / "distributed.inv")),
}

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


# -- re-exported names resolve to where they are defined -------------------------------
# `infnet.rank_influentials`, `infnet.Network.from_frames` or `ResourceLimitError` in a
# module that imports it are the same objects as `infnet.ranking.rank_influentials`,
# `infnet.network.Network.from_frames` and `infnet.exceptions.ResourceLimitError`, which
# is where the API reference documents them. A reference that Sphinx cannot resolve is
# imported; when it names an infnet object defined under another name, it links there.
# Nothing is guessed: the object is the same one, or the reference stays unresolved (and
# fails the nitpicky build).
def _canonical_name(name: str) -> str | None:
    import inspect

    from sphinx.ext.autosummary import ImportExceptionGroup, import_by_name

    try:
        _, obj, parent, _ = import_by_name(name)
    except ImportExceptionGroup:
        return None
    if inspect.ismodule(obj):
        return obj.__name__
    func = getattr(obj, "__func__", obj)
    module, qualname = getattr(func, "__module__", None), getattr(func, "__qualname__", None)
    if isinstance(module, str) and isinstance(qualname, str) and "<" not in qualname:
        return f"{module}.{qualname}"
    if inspect.isclass(parent):  # a property or other attribute: the class's name + attr
        owner = _canonical_name(f"{parent.__module__}.{parent.__qualname__}")
        return None if owner is None else f"{owner}.{name.rsplit('.', 1)[1]}"
    return None


def _resolve_reexport(app, env, node, contnode):  # type: ignore[no-untyped-def]
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip("~.")
    modname, clsname = node.get("py:module"), node.get("py:class")
    candidates = [target]
    if modname:
        candidates.append(f"{modname}.{target}")
        if clsname:
            candidates.append(f"{modname}.{clsname}.{target}")
    for name in candidates:
        if not name.startswith("infnet"):
            continue
        canonical = _canonical_name(name)
        if canonical is None or canonical == name or not canonical.startswith("infnet"):
            continue
        domain = env.domains["py"]
        found = domain.resolve_any_xref(env, node["refdoc"], app.builder, canonical,
                                        node, contnode)
        if found:
            return found[0][1]
    return None


def _param_or_link_role():  # type: ignore[no-untyped-def]
    """Autosummary's `autolink` that links only modules, classes and routines.

    autolink makes `name` a reference when it imports (relative to the current module
    and class) and italics otherwise. A dataclass field or a module constant imports too
    (as its value), but numpydoc's `name` there is a parameter or attribute name, so it
    is set in italics as well; ``:data:``, ``:attr:`` and friends still link explicitly.
    """
    import functools
    import inspect

    from docutils import nodes
    from sphinx import addnodes
    from sphinx.ext.autosummary import (
        AutoLink,
        ImportExceptionGroup,
        get_import_prefixes_from_env,
        import_by_name,
    )

    def linkable(obj: object) -> bool:
        if inspect.ismodule(obj):  # not a namespace package such as the repository's src/
            return getattr(obj, "__file__", None) is not None
        return (inspect.isclass(obj) or inspect.isroutine(obj)
                or isinstance(obj, (property, functools.cached_property)))

    class ParamOrLink(AutoLink):
        def run(self):  # type: ignore[no-untyped-def]
            objects, errors = super().run()
            xref = objects[0] if objects else None
            if isinstance(xref, addnodes.pending_xref):
                try:
                    prefixes = get_import_prefixes_from_env(self.env)
                    obj = import_by_name(xref["reftarget"], prefixes)[1]
                except ImportExceptionGroup:  # pragma: no cover - autolink checked it
                    obj = None
                if not linkable(obj):
                    literal = xref[0]
                    objects[0] = nodes.emphasis(self.rawtext, literal.astext(),
                                                classes=literal["classes"])
            return objects, errors

    return ParamOrLink()


def setup(app):  # type: ignore[no-untyped-def]
    app.add_role("param-or-link", _param_or_link_role())
    app.connect("missing-reference", _resolve_reexport)
