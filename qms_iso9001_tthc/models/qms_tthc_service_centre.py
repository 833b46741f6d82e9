from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CENTRE_LEVELS = [("province", "Provincial"), ("commune", "Commune")]


class QmsTthcServiceCentre(models.Model):
    """A Public Administration Service Centre (Trung tâm Phục vụ hành chính công), provincial
    or commune level: since the two-level local government of 1 July 2025 it receives dossiers
    for many agencies of the province, whatever their administrative boundary, hands them over
    to the deciding agency's units and returns the result.

    The agencies are the companies of the database: the centre lists those it serves, and its
    desk officers are one-stop officers whose allowed companies include them. A dossier keeps
    the centre that received it (`reception_centre_id`) apart from the agency that decides it
    (`company_id`), so that each agency sees its own dossiers and the figures can be read per
    receiving centre as well as per deciding agency.
    """

    _name = "qms.tthc.service.centre"
    _description = "Public Administration Service Centre"
    _order = "level, name, id"

    name = fields.Char(required=True, help="E.g. Trung tâm Phục vụ hành chính công tỉnh.")
    level = fields.Selection(CENTRE_LEVELS, required=True, default="province")
    company_id = fields.Many2one(
        "res.company",
        string="Own Agency",
        index=True,
        help="The centre's own agency when it is one in the database; empty when it is only "
        "the reception point of the agencies it serves.",
    )
    served_company_ids = fields.Many2many(
        "res.company",
        "qms_tthc_service_centre_company_rel",
        "centre_id",
        "company_id",
        string="Agencies Served",
        required=True,
        help="The agencies whose procedures the centre receives and returns, whatever their "
        "administrative boundary within the province.",
    )
    officer_ids = fields.Many2many(
        "res.users",
        "qms_tthc_service_centre_user_rel",
        "centre_id",
        "user_id",
        string="Desk Officers",
        domain="[('share', '=', False)]",
        help="The one-stop officers working at the centre: a dossier they receive records the "
        "centre. An officer works at one centre; their allowed companies must include each "
        "agency they receive for.",
    )
    street = fields.Char(string="Address")
    city = fields.Char(string="Commune / Ward", help="E.g. phường Đồng Hới.")
    state_id = fields.Many2one("res.country.state", string="Province")
    phone = fields.Char()
    email = fields.Char()
    active = fields.Boolean(default=True)
    dossier_count = fields.Integer(compute="_compute_dossier_count", string="Dossiers Received")

    @api.depends_context("uid")
    def _compute_dossier_count(self):
        groups = self.env["qms.tthc.dossier"]._read_group(
            [("reception_centre_id", "in", self.ids)], ["reception_centre_id"], ["__count"]
        )
        counts = {centre.id: count for centre, count in groups}
        for centre in self:
            centre.dossier_count = counts.get(centre.id, 0)

    @api.constrains("officer_ids", "active")
    def _check_one_centre_per_officer(self):
        """The centre a dossier records is the one of the officer who received it: an officer
        at two centres would leave it undecided."""
        Centre = self.sudo().with_context(active_test=True)
        for officer in self.filtered("active").officer_ids:
            if Centre.search_count([("officer_ids", "in", officer.ids)]) > 1:
                raise ValidationError(
                    self.env._(
                        "%(user)s is already a desk officer of another service centre: an "
                        "officer works at one centre.",
                        user=officer.name,
                    )
                )

    @api.constrains("served_company_ids", "name")
    def _check_served_company_ids(self):
        if any(not centre.served_company_ids for centre in self):
            raise ValidationError(self.env._("A service centre serves at least one agency."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_received(self):
        """A centre that received dossiers is part of their record: archive it instead."""
        if (
            self.env["qms.tthc.dossier"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("reception_centre_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                self.env._(
                    "This service centre received dossiers: archive it instead of deleting it."
                )
            )

    @api.model
    def _qms_of_user(self, user):
        """The active centre where `user` works at the desk, if any (read as superuser: the
        reception records it whoever may read the centres)."""
        return self.sudo().search([("officer_ids", "in", user.ids)], limit=1)

    def _qms_check_serves(self, company):
        """A centre receives only for the agencies it serves: a dossier of another agency is
        received at that agency's desk (or at the centre serving it)."""
        self.ensure_one()
        if company not in self.sudo().served_company_ids:
            raise UserError(
                self.env._(
                    "%(centre)s does not receive dossiers for %(agency)s: choose an agency the "
                    "centre serves, or ask the administrator to add it to the centre.",
                    centre=self.sudo().name,
                    agency=company.sudo().name,
                )
            )

    def action_view_dossiers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001_tthc.action_qms_tthc_dossier"
        )
        action["domain"] = [("reception_centre_id", "=", self.id)]
        action["context"] = {}
        return action
