"""Type aliases shared across infnet (private)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt

ActorId: TypeAlias = Hashable
FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
IndexArray: TypeAlias = npt.NDArray[np.int32] | npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]
RngLike: TypeAlias = int | np.random.Generator | np.random.SeedSequence | None
DuplicatePolicy: TypeAlias = Literal["raise", "max", "sum"]
SelfTiePolicy: TypeAlias = Literal["drop", "raise"]
Direction: TypeAlias = Literal["in", "out", "all"]
