from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lifecycle import MANAGER

DEFAULT_MAX_DAYS = 90


class QmsApprovalDelegation(models.Model):
    """While a user is absent, a delegate decides their approval steps in their name.

    A delegation is a power of attorney: an approver gives it for themself (or the standing
    office records it for them), to an internal colleague of the same agency, for a bounded
    period. It only ever counts inside that agency.
    """

    _name = "qms.approval.delegation"
    _description = "Approval Delegation"
    _inherit = ["qms.input.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Absent Approver",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    delegate_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="To", required=True)
    note = fields.Char(string="Reason")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    created_by_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user, readonly=True
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

    @api.constrains("user_id", "delegate_id", "company_id")
    def _check_people(self):
        for delegation in self:
            if delegation.user_id == delegation.delegate_id:
                raise ValidationError(self.env._("A user cannot delegate to themselves."))
            for user in delegation.user_id | delegation.delegate_id:
                if user.share or not user.active:
                    raise ValidationError(
                        self.env._(
                            "%(user)s is not an active internal user: approvals are delegated "
                            "between colleagues only.",
                            user=user.name,
                        )
                    )
                if delegation.company_id not in user.sudo().company_ids:
                    raise ValidationError(
                        self.env._(
                            "%(user)s does not work for %(company)s: a delegation stays inside "
                            "one agency.",
                            user=user.name,
                            company=delegation.company_id.name,
                        )
                    )

    @api.constrains("date_from", "date_to", "company_id")
    def _check_period(self):
        for delegation in self:
            limit = delegation.company_id.qms_delegation_max_days or DEFAULT_MAX_DAYS
            if (
                delegation.date_from
                and delegation.date_to
                and delegation.date_to - delegation.date_from > timedelta(days=limit)
            ):
                raise ValidationError(
                    self.env._(
                        "A delegation lasts at most %(days)s days; record a new one when the "
                        "absence goes on.",
                        days=limit,
                    )
                )

    # ------------------------------------------------------------------ who may record it
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            user_id = vals.get("user_id", self.env.uid)
            self._qms_check_may_delegate_for(user_id)
            vals["created_by_id"] = self.env.uid
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            for delegation in self:
                delegation._qms_check_may_delegate_for(delegation.user_id.id)
            if "user_id" in vals:
                self._qms_check_may_delegate_for(vals["user_id"])
            vals.pop("created_by_id", None)
            frozen = {"user_id", "delegate_id", "date_from", "company_id"} & set(vals)
            if frozen and any(d._qms_started() for d in self):
                raise UserError(
                    self.env._(
                        "A delegation that has started is the evidence of who could decide: "
                        "end it or archive it, and record a new one."
                    )
                )
        return super().write(vals)

    def _qms_started(self):
        self.ensure_one()
        return self.date_from <= fields.Date.context_today(self)

    @api.ondelete(at_uninstall=False)
    def _unlink_not_started(self):
        if any(delegation._qms_started() for delegation in self):
            raise UserError(
                self.env._(
                    "A delegation that has started is kept as the evidence of who could decide: "
                    "archive it instead."
                )
            )

    @api.model
    def _qms_check_may_delegate_for(self, user_id):
        """Only the absent approver themself, or the standing office, gives their power."""
        if self.env.su or self.env.user.has_group(MANAGER):
            return
        if user_id != self.env.uid:
            raise AccessError(
                self.env._(
                    "You may delegate only your own approvals; the ISO standing office records "
                    "delegations for others."
                )
            )

    # ------------------------------------------------------------------ lookups
    @api.model
    def _qms_valid_domain(self, user):
        today = fields.Date.context_today(self)
        return [
            ("delegate_id", "=", user.id),
            ("active", "=", True),
            ("date_from", "<=", today),
            ("date_to", ">=", today),
        ]

    @api.model
    def _qms_delegators(self, user, company=None):
        """The users `user` stands in for today; in `company` only when it is given."""
        domain = self._qms_valid_domain(user)
        if company:
            domain.append(("company_id", "=", company.id))
        return self.sudo().search(domain).user_id

    @api.model
    def _qms_delegators_by_company(self, user):
        by_company = {}
        for delegation in self.sudo().search(self._qms_valid_domain(user)):
            company = delegation.company_id
            by_company[company] = by_company.get(company, self.env["res.users"]) | (
                delegation.user_id
            )
        return by_company
