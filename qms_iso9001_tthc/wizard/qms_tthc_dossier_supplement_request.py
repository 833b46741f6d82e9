from odoo import api, fields, models


class QmsTthcDossierSupplementRequest(models.TransientModel):
    """Asks the applicant for the missing papers (form 02), as many times as the agency allows
    (once by default); the dossier waits, and its time limit counts again when the complete
    dossier arrives: what was left of it (the default) or all of it (the agency's setting)."""

    _name = "qms.tthc.dossier.supplement.request"
    _description = "Request Dossier Supplement"
    _inherit = ["qms.tthc.dossier.reason.mixin"]
    _qms_dossier_action = "action_request_supplement"

    reason = fields.Text(
        string="To Add or Correct",
        required=True,
        help="Printed on the supplement request given to the applicant: list every paper to "
        "add or correct at once, so the applicant comes back only one time.",
    )

    @api.model
    def default_get(self, fields_list):
        """Starts from the papers the desk ticked as missing."""
        values = super().default_get(fields_list)
        dossier = self.env["qms.tthc.dossier"].browse(values.get("dossier_id")).exists()
        if dossier and "reason" in fields_list and not values.get("reason"):
            missing = dossier.component_ids.filtered("is_missing")
            values["reason"] = "\n".join(f"- {component.name}" for component in missing)
        return values
