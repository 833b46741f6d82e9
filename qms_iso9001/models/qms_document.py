from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import UNIT_OFFICER, transition

_lt = LazyTranslate(__name__)


class QmsDocument(models.Model):
    """A controlled document (ISO 9001 clause 7.5): the stable identity behind its revisions."""

    _name = "qms.document"
    _description = "Controlled Document"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "code, id"
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    # the state follows the revisions; the review dates follow issuing and periodic reviews
    _qms_workflow_fields = (
        "current_revision_id",
        "last_review_date",
        "next_review_date",
        "review_reminded_date",
    )
    _qms_deletable_states = ("draft",)

    name = fields.Char(string="Title", required=True, tracking=True)
    code = fields.Char(tracking=True, copy=False, help="Left empty, it follows the type's pattern.")
    type_id = fields.Many2one("qms.document.type", required=True, tracking=True, index=True)
    kind = fields.Selection(related="type_id.kind", store=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Owner Unit",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
    )
    owner_id = fields.Many2one("hr.employee", tracking=True, check_company=True)
    parent_id = fields.Many2one(
        "qms.document",
        string="Parent Document",
        index=True,
        check_company=True,
        help="The procedure a form belongs to.",
    )
    child_ids = fields.One2many("qms.document", "parent_id", string="Forms and Annexes")
    related_document_ids = fields.Many2many(
        "qms.document",
        "qms_document_related_rel",
        "document_id",
        "related_id",
        string="Related Documents",
        check_company=True,
    )
    tag_ids = fields.Many2many("qms.document.tag", string="Tags")
    issuer = fields.Char(help="Issuing body of an external document, e.g. Chính phủ.")
    is_public = fields.Boolean(
        string="Public to the Agency",
        default=True,
        help="Every civil servant of the agency may read its issued revision.",
    )
    revision_ids = fields.One2many("qms.document.revision", "document_id", string="Revisions")
    revision_count = fields.Integer(compute="_compute_revision_count")
    current_revision_id = fields.Many2one(
        "qms.document.revision",
        string="Issued Revision",
        compute="_compute_current_revision",
        store=True,
        index=True,
    )
    issue_number = fields.Integer(related="current_revision_id.issue_number", string="Issue No.")
    effective_date = fields.Date(related="current_revision_id.effective_date")
    state = fields.Selection(
        [("draft", "Not Issued Yet"), ("issued", "In Force"), ("obsolete", "Obsolete")],
        compute="_compute_current_revision",
        store=True,
        index=True,
        tracking=True,
    )
    review_interval_months = fields.Integer(string="Review Interval (months)", default=12)
    last_review_date = fields.Date(tracking=True)
    next_review_date = fields.Date(compute="_compute_next_review_date", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    _code_company_uniq = models.UniqueIndex(
        "(company_id, code) WHERE code IS NOT NULL",
        "Another document of this agency already has this code.",
    )

    @api.depends("revision_ids")
    def _compute_revision_count(self):
        for document in self:
            document.revision_count = len(document.revision_ids)

    @api.depends("revision_ids.state")
    def _compute_current_revision(self):
        for document in self:
            revisions = document.revision_ids
            issued = revisions.filtered(lambda r: r.state == "issued")
            document.current_revision_id = issued[:1]
            if issued:
                document.state = "issued"
            elif any(r.state == "obsolete" for r in revisions):
                document.state = "obsolete"
            else:
                document.state = "draft"

    @api.depends("last_review_date", "review_interval_months", "current_revision_id.effective_date")
    def _compute_next_review_date(self):
        for document in self:
            start = document.last_review_date or document.current_revision_id.effective_date
            if start and document.review_interval_months > 0 and document.state == "issued":
                document.next_review_date = start + relativedelta(
                    months=document.review_interval_months
                )
            else:
                document.next_review_date = False

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A document cannot be its own parent."))

    @api.constrains("review_interval_months")
    def _check_review_interval(self):
        if any(d.review_interval_months < 0 for d in self):
            raise ValidationError(self.env._("The review interval cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        for document in documents.filtered(lambda d: not d.code):
            document.code = document._next_code()
        return documents

    def _next_code(self):
        """The first free number of the type's pattern in the unit (or under the parent)."""
        self.ensure_one()
        taken = set(
            self.sudo()
            .with_context(active_test=False)
            .search([("company_id", "=", self.company_id.id), ("code", "!=", False)])
            .mapped("code")
        )
        unit = self.department_id.qms_code or ""
        parent = self.parent_id.code or ""
        year = fields.Date.context_today(self).year
        seq, first = 1, None
        while (
            code := self.type_id._format_code(seq, unit=unit, parent=parent, year=year)
        ) in taken:
            if code == first:
                raise UserError(
                    self.env._(
                        "The code pattern of %(type)s has no number and %(code)s is already "
                        "taken: enter the code by hand.",
                        type=self.type_id.display_name,
                        code=code,
                    )
                )
            first = first or code
            seq += 1
        return code

    def _code_in_use(self, code, company_id):
        """For the numbering of a new document, which picks a free code instead of refusing."""
        domain = [("company_id", "=", company_id), ("code", "=", code)]
        return bool(self.sudo().with_context(active_test=False).search_count(domain, limit=1))

    @transition(("draft", "issued"), groups=(UNIT_OFFICER,), label=_lt("New Revision"))
    def action_new_revision(self):
        """Start the next revision as a copy of the issued one (or an empty first issue)."""
        self.ensure_one()
        pending = self.revision_ids.filtered(
            lambda r: r.state in ("draft", "to_approve", "approved")
        )
        if pending:
            raise UserError(
                self.env._(
                    "Revision %(number)s of %(code)s is still in progress: "
                    "finish or cancel it first.",
                    number=pending[0].issue_number,
                    code=self.code,
                )
            )
        base = self.current_revision_id
        revision = (
            base.copy()
            if base
            else self.env["qms.document.revision"].create({"document_id": self.id})
        )
        return revision._get_records_action()

    @transition(("issued",), groups=(UNIT_OFFICER,), label=_lt("Request Obsoletion"))
    def action_request_obsolete(self):
        """Obsoleting (bãi bỏ) goes through the same approval as issuing: a withdrawal revision."""
        self.ensure_one()
        pending = self.revision_ids.filtered(
            lambda r: r.state in ("draft", "to_approve", "approved")
        )
        if pending:
            raise UserError(
                self.env._(
                    "Revision %(number)s of %(code)s is still in progress: finish or delete it "
                    "first.",
                    number=pending[0].issue_number,
                    code=self.code,
                )
            )
        revision = self.current_revision_id.copy()
        revision._qms_set({"is_withdrawal": True})
        return revision._get_records_action()

    def action_view_revisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_document_revision"
        )
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"default_document_id": self.id}
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_never_issued_only(self):
        if any(
            d.revision_ids.filtered(lambda r: r.state not in ("draft", "to_approve")) for d in self
        ):
            raise UserError(
                self.env._(
                    "A document that has been approved or issued is archived, never deleted."
                )
            )

    # ------------------------------------------------------------------
    # Distribution (phân phối tài liệu)
    # ------------------------------------------------------------------
    distribution_department_ids = fields.Many2many(
        "hr.department",
        "qms_document_distribution_department_rel",
        "document_id",
        "department_id",
        string="Recipient Units",
        check_company=True,
        help="Every employee of these units (and their sub-units) must read each new issue.",
    )
    distribution_employee_ids = fields.Many2many(
        "hr.employee",
        "qms_document_distribution_employee_rel",
        "document_id",
        "employee_id",
        string="Recipient Employees",
        check_company=True,
        help="Employees who must read each new issue, besides the recipient units.",
    )
    distribution_ids = fields.One2many("qms.document.distribution", "document_id")
    acknowledgement_rate = fields.Float(
        related="current_revision_id.acknowledgement_rate",
        string="Read Rate (%)",
        store=True,
        aggregator="avg",
    )
    review_reminded_date = fields.Date(
        string="Review Reminder Sent For",
        copy=False,
        readonly=True,
        help="Review date for which the owner was last asked to review the document.",
    )

    def _qms_distribution_employees(self):
        """Employees with a user who must read the issued revision of this document."""
        self.ensure_one()
        employees = self.distribution_employee_ids
        if self.distribution_department_ids:
            domain = [
                ("department_id", "child_of", self.distribution_department_ids.ids),
                ("company_id", "in", [self.company_id.id, False]),
            ]
            employees |= self.env["hr.employee"].sudo().search(domain)
        return employees.filtered(lambda e: e.user_id and e.user_id.active and not e.user_id.share)

    def action_view_distribution(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_document_distribution"
        )
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"search_default_current_revision": 1, "search_default_group_state": 1}
        return action

    # ------------------------------------------------------------------
    # Periodic review (rà soát định kỳ)
    # ------------------------------------------------------------------
    def _qms_reviewer(self):
        """Who answers the periodic review: the owner, else the owner unit's manager."""
        self.ensure_one()
        return (
            self.owner_id.user_id
            or self.department_id.manager_id.user_id
            or self.company_id.qms_standing_department_id.manager_id.user_id
        )

    @api.model
    def _cron_periodic_review(self):
        """Ask the owner of each document due for review, once per review date."""
        today = fields.Date.context_today(self)
        documents = self.sudo().search(
            [("state", "=", "issued"), ("next_review_date", "<=", today)]
        )
        for document in documents:
            if document.review_reminded_date == document.next_review_date:
                continue
            reviewer = document._qms_reviewer()
            if reviewer:
                document.activity_schedule(
                    "qms_iso9001.mail_activity_type_qms_review",
                    date_deadline=today,
                    summary=self.env._("Periodic review: %(code)s", code=document.code),
                    user_id=reviewer.id,
                )
            document._qms_set({"review_reminded_date": document.next_review_date})

    def action_open_review_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Periodic Review"),
            "res_model": "qms.document.review.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    # ------------------------------------------------------------------
    # Change requests (phiếu đề nghị sửa đổi, bổ sung tài liệu)
    # ------------------------------------------------------------------
    change_request_open_count = fields.Integer(
        string="Open Change Requests", compute="_compute_change_request_open_count"
    )

    def _compute_change_request_open_count(self):
        """Counted with the reader's rights: a civil servant counts their own requests."""
        counts = dict(
            self.env["qms.document.change.request"]._read_group(
                [("document_id", "in", self.ids), ("state", "in", ("submitted", "accepted"))],
                ["document_id"],
                ["__count"],
            )
        )
        for document in self:
            document.change_request_open_count = counts.get(document, 0)

    def action_request_change(self):
        """Open a new change request of this issued document (any QMS user may propose one)."""
        self._qms_ensure_one()
        if self.state != "issued":
            raise UserError(
                self.env._(
                    "%(document)s is not in force: only an issued document can be amended.",
                    document=self.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Document Change Request"),
            "res_model": "qms.document.change.request",
            "view_mode": "form",
            "target": "current",
            "context": {"default_document_id": self.id},
        }

    def action_view_change_requests(self):
        self._qms_ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_document_change_request"
        )
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"default_document_id": self.id, "search_default_pending": 1}
        return action
