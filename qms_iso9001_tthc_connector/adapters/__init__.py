"""Outbound adapters: one class per kind of connected system, found through a small registry.

An adapter knows how one kind of system (a province's TTHC information system, the National
Public Service Portal) wants a dossier event said, and speaks the documented outbound contract
(docs/connector-outbound.md) to it. It is plain Python so that it can be tested without the ORM
and so that an integrator adds a target by adding a class, not by touching the queue.
"""

# the targets register themselves when imported
from . import national, provincial
from .base import (
    AdapterError,
    OutboundAdapter,
    RemoteDossier,
    SendResult,
    adapter_class,
    adapter_selection,
    register,
)

__all__ = [
    "AdapterError",
    "OutboundAdapter",
    "RemoteDossier",
    "SendResult",
    "adapter_class",
    "adapter_selection",
    "register",
]
