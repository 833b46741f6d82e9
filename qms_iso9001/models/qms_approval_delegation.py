from odoo import api, fields, models
from odoo.exceptions import ValidationError


class QmsApprovalDelegation(models.Model):
    """While a user is absent, a delegate decides their approval steps in their name."""

    _name = "qms.approval.delegation"
    _description = "Approval Delegation"
    _order = "date_from desc, id desc"

    user_id = fields.Many2one(
        "res.users",
        string="Absent Approver",
        required=True,
        index=True,
        default=lambda self: self.env.user,
    )
    delegate_id = fields.Many2one("res.users", required=True, index=True)
    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="To", required=True)
    note = fields.Char(string="Reason")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _dates_ordered = models.Constraint(
        "CHECK(date_from <= date_to)", "A delegation cannot end before it starts."
    )

    @api.depends("user_id", "delegate_id")
    def _compute_display_name(self):
        for delegation in self:
            delegation.display_name = self.env._(
                "%(delegate)s for %(user)s",
                delegate=delegation.delegate_id.name or "",
                user=delegation.user_id.name or "",
            )

    @api.constrains("user_id", "delegate_id")
    def _check_not_self(self):
        for delegation in self:
            if delegation.user_id == delegation.delegate_id:
                raise ValidationError(self.env._("A user cannot delegate to themselves."))

    @api.model
    def _qms_delegators(self, user):
        """The users `user` stands in for today."""
        today = fields.Date.context_today(self)
        return (
            self.sudo()
            .search(
                [
                    ("delegate_id", "=", user.id),
                    ("active", "=", True),
                    ("date_from", "<=", today),
                    ("date_to", ">=", today),
                ]
            )
            .user_id
        )
