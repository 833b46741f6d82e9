from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL


# one concern per file: the dossier's model is being split by concern (issue 16)
class QmsTthcDossier(models.Model):
    """Which dossiers a unit handler sees, as one condition the database can start from.

    A handler sees the dossiers they hold or held, those of their unit (and the units under it)
    and those that passed through it. Written as a record rule of four alternatives, two of
    them over the hand-overs, PostgreSQL cannot use an index for any of them: it reads every
    dossier of the province and tests each one (1.6 s for a list of 80 at a million dossiers,
    issue 16). Here the four alternatives are one sub-query, a UNION of four index scans (the
    hand-overs by user and by unit, the dossiers by holder and by unit in charge), so a list
    reads the handler's few hundred dossiers only, however many the province has.
    """

    _inherit = "qms.tthc.dossier"  # pylint: disable=consider-merging-classes-inherited

    is_handled_by_me = fields.Boolean(
        string="Handled by Me or My Unit",
        compute="_compute_is_handled_by_me",
        search="_search_is_handled_by_me",
        help="Held by you now, or handled by you before, or in charge of your unit (or a unit "
        "under it), or passed through it: the dossiers a unit handler may read.",
    )

    @api.depends("current_user_id", "department_id", "step_ids.user_id", "step_ids.department_id")
    @api.depends_context("uid")
    def _compute_is_handled_by_me(self):
        user = self.env.user
        units = self._qms_user_units()
        for dossier in self:
            steps = dossier.sudo().step_ids
            dossier.is_handled_by_me = (
                dossier.current_user_id == user
                or dossier.department_id in units
                or user in steps.user_id
                or bool(steps.department_id & units)
            )

    def _search_is_handled_by_me(self, operator, value):
        if operator != "in":
            return NotImplemented
        if True in value and False in value:
            return Domain.TRUE
        uid = self.env.uid
        units = self._qms_user_units().ids
        handled = SQL(
            "SELECT dossier_id FROM qms_tthc_dossier_step WHERE user_id = %(uid)s"
            " UNION SELECT id FROM qms_tthc_dossier WHERE current_user_id = %(uid)s"
            " UNION SELECT dossier_id FROM qms_tthc_dossier_step"
            " WHERE department_id = ANY(%(units)s)"
            " UNION SELECT id FROM qms_tthc_dossier WHERE department_id = ANY(%(units)s)",
            uid=uid,
            units=units,
        )
        domain = Domain("id", "any!", handled)
        return domain if True in value else ~domain
