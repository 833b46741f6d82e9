from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.qms_iso9001.tests.proof_common import ProofCase
from odoo.addons.qms_iso9001.tests.proof_sweep import WorkflowSweepMixin

from . import proof_fixtures  # noqa: F401  (registers the connector's fixture factories)
from .test_proof_access import COLUMNS

# The connector's models with a lifecycle, swept now: {model: fixture variant}.
SWEEP_MODELS = {
    "qms.tthc.connected.system": None,
    "qms.tthc.connected.system.key": None,
    "qms.tthc.outbox.message": None,
}


@tagged("post_install", "-at_install", "qms_proof")
class TestConnectorWorkflowSweep(WorkflowSweepMixin, ProofCase):
    """The connected systems (their technical user), the API keys (hash, expiry, revocation)
    and the messages to the systems (attempts, errors, sending time) change only through their
    transitions, which only the standing office runs."""

    _proof_addon = "qms_iso9001_tthc_connector"
    _proof_columns = COLUMNS
    _sweep_models = SWEEP_MODELS

    def test_never_deleted(self):
        """A connected system, a key and a message are the trail of who could call and what
        the agency told whom: no group user deletes one, nor does server code running as
        superuser, in any state."""
        problems = []
        for name in SWEEP_MODELS:
            Model = self.env[name]
            field = Model._fields.get(Model._qms_state_field or "")
            states = [None]
            if field:
                states = [value for value, _label in field._description_selection(self.env)]
            for state in states:
                record = self.fx.make(name, state=state)
                for column, user in [*self.fx.users.items(), ("superuser", None)]:
                    target = record.sudo() if user is None else record.with_user(user)
                    if self._deleted(target):
                        problems.append(f"{name} {state}: deleted by {column}")
                    if not record.exists():
                        problems.append(f"{name} {state}: gone after {column} tried to delete it")
        self.assertFalse(problems, "\n".join(problems))

    def _deleted(self, record):
        """Whether `unlink` went through (rolled back at once either way)."""
        savepoint = self.env.cr.savepoint()
        try:
            record.unlink()
        except (AccessError, UserError):
            return False
        finally:
            savepoint.close(rollback=True)
        return True
