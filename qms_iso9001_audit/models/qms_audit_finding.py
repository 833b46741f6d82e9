from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

from .qms_audit_checklist_line import RESULTS

_lt = LazyTranslate(__name__)

FINDING_RESULTS = [result for result in RESULTS if result[0] != "conform"]
SEVERITY_BY_RESULT = {"major": "major", "minor": "minor"}


class QmsAuditFinding(models.Model):
    """Phát hiện đánh giá. A minor or major NC becomes the unit's nonconformity form in one
    click; the form is linked both ways so the audit can only close when the form does.

    The audit team records and edits findings while the audit is in progress; from the
    submission of the report they are frozen and kept. Only the raise action links the form,
    and only the lead auditor (or the standing office) accepts an NC without one."""

    _name = "qms.audit.finding"
    _description = "Audit Finding"
    _inherit = ["mail.thread", "qms.audit.part.mixin"]
    _order = "audit_id, department_id, id"
    _check_company_auto = True

    _qms_workflow_fields = (
        "name",
        "nonconformity_id",
        "is_accepted",
        "accepted_by_id",
        "date_accepted",
    )
    _qms_creatable_states = ("in_progress",)
    _qms_deletable_states = ("in_progress",)
    _qms_editable_fields = dict.fromkeys(
        ("draft", "to_approve", "approved", "report_to_approve", "reported", "closed", "cancelled"),
        (),
    )

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/")
    audit_id = fields.Many2one("qms.audit", required=True, ondelete="restrict", index=True)
    checklist_line_id = fields.Many2one(
        "qms.audit.checklist.line", string="Checklist Question", index="btree_not_null"
    )
    department_id = fields.Many2one(
        "hr.department", string="Unit", required=True, index=True, check_company=True
    )
    clause_id = fields.Many2one(
        "qms.iso.clause",
        index=True,
        domain=lambda self: self.env["qms.iso.clause"]._qms_edition_domain(),
    )
    document_id = fields.Many2one("qms.document", check_company=True)
    result = fields.Selection(FINDING_RESULTS, required=True, default="minor", tracking=True)
    description = fields.Text(required=True)
    evidence = fields.Text(string="Objective Evidence")
    requirement = fields.Text(string="Requirement Not Met")
    nonconformity_id = fields.Many2one(
        "qms.nonconformity", string="Nonconformity Form", readonly=True, copy=False, index=True
    )
    nonconformity_state = fields.Selection(
        related="nonconformity_id.state", string="Nonconformity Status"
    )
    is_nonconformity = fields.Boolean(compute="_compute_is_nonconformity", store=True)
    is_accepted = fields.Boolean(
        string="Accepted Without Form",
        readonly=True,
        tracking=True,
        copy=False,
        help="The lead auditor accepted the unit's correction without a nonconformity form.",
    )
    accepted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_accepted = fields.Datetime(string="Accepted On", readonly=True, copy=False)
    audit_state = fields.Selection(related="audit_id.state")
    date_audit = fields.Date(related="audit_id.date_start", store=True, string="Audit Date")
    company_id = fields.Many2one(related="audit_id.company_id", store=True, index=True)

    @api.depends("result")
    def _compute_is_nonconformity(self):
        for finding in self:
            finding.is_nonconformity = finding.result in SEVERITY_BY_RESULT

    @api.model
    def _qms_prepare_create_vals(self, vals):
        vals = super()._qms_prepare_create_vals(vals)
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code("qms.audit.finding") or "/"
        return vals

    @api.constrains("department_id", "audit_id")
    def _check_department(self):
        for finding in self:
            if finding.department_id not in finding.audit_id.department_ids:
                raise ValidationError(
                    self.env._(
                        "%(unit)s is not among the units audited by %(audit)s.",
                        unit=finding.department_id.name,
                        audit=finding.audit_id.name,
                    )
                )

    def write(self, vals):
        frozen = {"result", "description", "department_id", "clause_id", "audit_id"}
        if frozen & set(vals) and self.filtered("nonconformity_id"):
            raise UserError(
                self.env._("A finding whose nonconformity form was raised cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_without_nonconformity(self):
        if self.filtered("nonconformity_id"):
            raise UserError(
                self.env._("A finding whose nonconformity form was raised cannot be deleted.")
            )

    # ------------------------------------------------------------------ roles
    def _qms_is_audit_team(self, user):
        self.ensure_one()
        return self.audit_id._qms_is_audit_team(user)

    def _qms_is_lead_auditor(self, user):
        self.ensure_one()
        return self.audit_id._qms_is_lead_auditor(user)

    def _qms_blocks_closing(self):
        """An NC finding keeps its audit open until its form is closed or it is accepted."""
        self.ensure_one()
        if not self.is_nonconformity or self.is_accepted:
            return False
        # the lead auditor closing the audit may not read the unit's forms
        return self.sudo().nonconformity_id.state not in ("closed", "cancelled")

    def _qms_nonconformity_values(self):
        self.ensure_one()
        description = Markup("<p>%s</p>") % self.description
        if self.evidence:
            description += Markup("<p><b>%s</b> %s</p>") % (
                self.env._("Evidence:"),
                self.evidence,
            )
        if self.requirement:
            description += Markup("<p><b>%s</b> %s</p>") % (
                self.env._("Requirement:"),
                self.requirement,
            )
        return {
            "title": self.env._(
                "%(audit)s - %(finding)s", audit=self.audit_id.name, finding=self.name
            ),
            "source": "internal_audit" if self.audit_id.audit_type == "internal" else "inspection",
            "res_model": self._name,
            "res_id": self.id,
            "department_id": self.department_id.id,
            "clause": self.clause_id.code or False,
            "document_id": self.document_id.id,
            "description": description,
            "severity": SEVERITY_BY_RESULT[self.result],
            "date_detected": self.audit_id.date_start,
            "company_id": self.company_id.id,
        }

    @transition(
        ("in_progress", "report_to_approve", "reported"),
        groups=(MANAGER,),
        role="_qms_is_audit_team",
        label=_lt("Raise Nonconformity"),
    )
    def action_raise_nonconformity(self):
        """Create the nonconformity form of the finding; a second click opens the same form."""
        self._qms_ensure_one()
        if not self.is_nonconformity:
            raise UserError(
                self.env._("Only a minor or major NC finding becomes a nonconformity form.")
            )
        if self.is_accepted:
            raise UserError(
                self.env._("%(name)s was accepted without a nonconformity form.", name=self.name)
            )
        if not self.nonconformity_id:
            # Locked so that two auditors clicking at once cannot raise two forms.
            self.env.cr.execute(
                "SELECT id FROM qms_audit_finding WHERE id = %s FOR UPDATE", [self.id]
            )
            self.invalidate_recordset(["nonconformity_id"])
        if not self.nonconformity_id:
            nonconformity = (
                self.env["qms.nonconformity"].sudo().create(self._qms_nonconformity_values())
            )
            self._qms_set({"nonconformity_id": nonconformity.id})
            self.message_post(
                body=Markup("%s %s")
                % (self.env._("Nonconformity form raised:"), nonconformity._get_html_link())
            )
        return self.action_view_nonconformity()

    @transition(
        ("in_progress", "reported"),
        groups=(MANAGER,),
        role="_qms_is_lead_auditor",
        label=_lt("Accept Without Form"),
    )
    def action_accept(self, reason):
        """The lead auditor accepts the unit's correction of an NC without a nonconformity
        form, saying why; the audit may then close without it."""
        for finding in self:
            if not finding.is_nonconformity or finding.nonconformity_id or finding.is_accepted:
                raise UserError(
                    self.env._(
                        "Only a minor or major NC finding without a nonconformity form can be "
                        "accepted: %(name)s.",
                        name=finding.name,
                    )
                )
        self._qms_log_reason(self.env._("Accept Without Form"), reason)
        self._qms_set(
            {
                "is_accepted": True,
                "accepted_by_id": self.env.uid,
                "date_accepted": fields.Datetime.now(),
            }
        )
        return True

    def action_open_accept_wizard(self):
        return self._qms_reason_wizard_action(
            "action_accept", self.env._("Accept Without Nonconformity Form")
        )

    def action_view_nonconformity(self):
        self._qms_ensure_one()
        return self.nonconformity_id._get_records_action()
