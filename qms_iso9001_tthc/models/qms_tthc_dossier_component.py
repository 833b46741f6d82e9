from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .qms_tthc_dossier import DESK

FROZEN_STATES = ("in_progress", "resolved", "returned", "refused", "withdrawn")
# Copied from the procedure's list: what the law requires, not what the desk received.
PROCEDURE_FIELDS = {
    "component_id",
    "name",
    "requirement",
    "required_original_count",
    "required_copy_count",
}


class QmsTthcDossierComponent(models.Model):
    """A paper the applicant handed in, against what the procedure asks for: the desk checks
    the dossier is complete before it moves on, and the receipt lists what was received.

    Its lifecycle is its dossier's: the papers are recorded while the dossier is at the desk
    (received, or back with a supplement), by whoever may act on the dossier; afterwards they
    are evidence, frozen and kept. A paper the procedure requires stays on the dossier."""

    _name = "qms.tthc.dossier.component"
    _description = "TTHC Dossier Component Received"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "dossier_id, sequence, id"

    _qms_state_field = "dossier_state"
    # frozen once the dossier left the desk
    _qms_editable_fields = dict.fromkeys(FROZEN_STATES, ())
    _qms_deletable_states = ("received", "supplement")

    dossier_id = fields.Many2one("qms.tthc.dossier", required=True, ondelete="cascade", index=True)
    component_id = fields.Many2one(
        "qms.tthc.procedure.component", string="Required Component", ondelete="restrict"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    requirement = fields.Selection(
        [("required", "Required"), ("conditional", "Conditional")],
        required=True,
        default="required",
    )
    required_original_count = fields.Integer(string="Originals Required")
    required_copy_count = fields.Integer(string="Copies Required")
    original_count = fields.Integer(string="Originals Received")
    copy_count = fields.Integer(string="Copies Received")
    is_missing = fields.Boolean(string="Missing", compute="_compute_is_missing", store=True)
    company_id = fields.Many2one(related="dossier_id.company_id", store=True, index=True)
    dossier_state = fields.Selection(related="dossier_id.state", string="Dossier Status")

    @api.depends(
        "requirement",
        "original_count",
        "copy_count",
        "required_original_count",
        "required_copy_count",
    )
    def _compute_is_missing(self):
        for line in self:
            line.is_missing = line.requirement == "required" and (
                line.original_count < line.required_original_count
                or line.copy_count < line.required_copy_count
            )

    @api.constrains("original_count", "copy_count")
    def _check_counts(self):
        if any(line.original_count < 0 or line.copy_count < 0 for line in self):
            raise ValidationError(
                self.env._("The number of originals and copies received cannot be negative.")
            )

    # ------------------------------------------------------------------ guards
    @api.model
    def _qms_check_create_vals_list(self, vals_list):
        """The dossiers of a batch are checked together: the papers of 200 dossiers received
        at once read their dossiers in one query, not one per paper."""
        dossier_ids = {
            vals.get("dossier_id")
            for vals in vals_list
            if isinstance(vals.get("dossier_id"), int) and not isinstance(vals["dossier_id"], bool)
        }
        if dossier_ids:
            self._qms_check_dossier_open(self.env["qms.tthc.dossier"].browse(sorted(dossier_ids)))
        return super()._qms_check_create_vals_list(vals_list)

    def _qms_check_write_vals(self, vals):
        result = super()._qms_check_write_vals(vals)
        if "dossier_id" in vals and any(line.dossier_id.id != vals["dossier_id"] for line in self):
            raise UserError(self.env._("A paper cannot be moved to another dossier."))
        self._qms_check_dossier_open(self.dossier_id)
        if self._qms_changes_procedure_fields(vals):
            raise UserError(
                self.env._(
                    "What the procedure requires cannot be changed on a dossier: record the "
                    "originals and copies received instead."
                )
            )
        return result

    def _qms_changes_procedure_fields(self, vals):
        """True when `vals` would change what the procedure requires on a line copied from it
        (the web client may send those values back unchanged)."""
        for line in self.filtered("component_id"):
            for name in PROCEDURE_FIELDS & set(vals):
                current = line[name].id if name == "component_id" else line[name]
                if current != vals[name]:
                    return True
        return False

    @api.ondelete(at_uninstall=False)
    def _unlink_extra_papers_only(self):
        if self.env.su:
            return
        self._qms_check_dossier_open(self.dossier_id)
        if self.filtered("component_id"):
            raise UserError(
                self.env._(
                    "A paper the procedure requires stays on the dossier: set what was received "
                    "to zero instead of removing it."
                )
            )

    def _qms_check_dossier_open(self, dossiers):
        """The papers are checked at the desk, by whoever may act on the dossier: once the
        dossier moved on, they are evidence."""
        if self.env.su:
            return
        dossiers = dossiers.exists()
        if dossiers.filtered(lambda dossier: dossier.state not in ("received", "supplement")):
            raise UserError(
                self.env._(
                    "The papers of a dossier are recorded at reception or when a supplement "
                    "arrives; they cannot be changed afterwards."
                )
            )
        user = self.env.user
        if any(user.has_group(group) for group in DESK):
            return
        for dossier in dossiers:
            if not dossier._qms_is_holder(user):
                raise AccessError(
                    self.env._(
                        "Only the one-stop desk or the holder of %(code)s records its papers.",
                        code=dossier.name,
                    )
                )

    @api.model
    def _qms_values_from_procedure(self, procedure):
        """Lines for a new dossier, one per paper of the procedure, counted as received."""
        return [
            {
                "component_id": component.id,
                "sequence": component.sequence,
                "name": component.name,
                "requirement": component.requirement,
                "required_original_count": component.original_count,
                "required_copy_count": component.copy_count,
                "original_count": component.original_count
                if component.requirement == "required"
                else 0,
                "copy_count": component.copy_count if component.requirement == "required" else 0,
            }
            for component in procedure.component_ids
        ]
