from odoo import api, fields, models


class QmsAnnouncementExclusion(models.Model):
    """With the clause catalogue installed, the standing office picks the requirement not
    applied from it; the core keeps the number and title as text, so the printed annex and the
    core never depend on this addon."""

    _inherit = "qms.announcement.exclusion"

    clause_id = fields.Many2one(
        "qms.iso.clause",
        string="Clause from the Catalogue",
        domain="[('code', 'not in', ('1', '2', '3'))]",
        help="Fills in the clause number and its Vietnamese title.",
    )

    @api.onchange("clause_id")
    def _onchange_clause_id(self):
        for exclusion in self.filtered("clause_id"):
            exclusion.clause_code = exclusion.clause_id.code
            exclusion.clause_title = exclusion.clause_id.name_vi or exclusion.clause_id.name
