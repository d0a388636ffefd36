"""A prefecture's talent pool: professionals, municipalities' requests and their allocation."""

from dxtalent.core.pool.allocate import (
    Allocation,
    Assignment,
    PoolError,
    PoolSettings,
    Professional,
    Request,
    Status,
    Unmet,
    UnmetReason,
    allocate_pool,
    weight_of,
)

__all__ = [
    "Allocation",
    "Assignment",
    "PoolError",
    "PoolSettings",
    "Professional",
    "Request",
    "Status",
    "Unmet",
    "UnmetReason",
    "allocate_pool",
    "weight_of",
]
