"""Declaring the transitions of a controlled record (see `qms.lifecycle.mixin`).

A transition is a public method of the model decorated with `transition`: the decorator records
who may run it and from which states, and checks both before the method body runs. The body then
writes the workflow fields with `self._qms_set(...)`, the only way they change besides the
superuser. Because the declaration sits on the method, the access documentation, the workflow
sweep of the tests and the refusal messages all read the same table.
"""

import functools
from dataclasses import dataclass

from odoo.exceptions import UserError

MANAGER = "qms_iso9001.group_qms_manager"
UNIT_OFFICER = "qms_iso9001.group_qms_unit_officer"
LEADER = "qms_iso9001.group_qms_leader"
QMS_USER = "qms_iso9001.group_qms_user"


@dataclass(frozen=True)
class Transition:
    """Who may run a transition, and from which states.

    - `states`: the states it starts from; a string names a class attribute holding them; None
      means any state.
    - `groups`: xml ids of groups of which any one allows it; a string names a class attribute.
    - `role`: name of a record method `(user) -> bool` that also allows it for a user outside
      `groups` (the holder of a dossier, the verifier of an NC, an approver of the step...).
      With neither `groups` nor `role`, every user with `access` on the record may run it.
    - `access`: the access the caller needs on the records ("write" or "read").
    - `label`: what the user clicks, named in the messages.
    """

    name: str
    states: tuple | str | None
    groups: tuple | str
    role: str | None
    access: str
    label: object


def transition(states=None, *, groups=(), role=None, access="write", label=None):
    """Declare the decorated method a transition of its model (see `Transition`)."""
    if isinstance(states, list | set):
        states = tuple(states)
    if isinstance(groups, list | set):
        groups = tuple(groups)
    if access not in ("read", "write"):
        raise ValueError(f"access must be 'read' or 'write', not {access!r}")

    def decorate(method):
        spec = Transition(method.__name__, states, groups, role, access, label)

        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            self._qms_check_transition(spec)
            try:
                return method(self, *args, **kwargs)
            except ValueError as error:
                # a transition working on one record, called over RPC with several
                if len(self) > 1 and str(error).startswith("Expected singleton"):
                    raise UserError(
                        self.env._(
                            "%(action)s works on one record at a time.",
                            action=self._qms_transition_label(spec),
                        )
                    ) from error
                raise

        wrapper._qms_transition = spec
        return wrapper

    return decorate
