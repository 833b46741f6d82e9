from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)


class QmsDocumentRevision(models.Model):
    """One issue (lần ban hành) of a controlled document.

    Issued, superseded and obsolete revisions are the agency's evidence of what was in force when:
    their content is frozen and they are never deleted. While it is being approved nothing
    changes; once approved only its effective date may still be set.
    """

    _name = "qms.document.revision"
    _description = "Document Revision"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.approval.mixin", "qms.signed.pdf.mixin"]
    _order = "document_id, issue_number desc, id desc"
    _check_company_auto = True

    _qms_workflow_fields = (
        "is_withdrawal",
        "reviewer_ids",
        "approver_id",
        "date_submitted",
        "date_approved",
        "date_issued",
        "signature_status",
        "signature_signer",
        "signature_time",
        "signature_chain",
        "signature_checked_at",
    )
    _qms_editable_fields = {
        "to_approve": (),
        "approved": ("effective_date",),
        "issued": (),
        "superseded": (),
        "obsolete": (),
    }

    name = fields.Char(compute="_compute_name", store=True)
    document_id = fields.Many2one(
        "qms.document", required=True, ondelete="restrict", index=True, check_company=True
    )
    code = fields.Char(related="document_id.code", store=True)
    title = fields.Char(related="document_id.name")
    type_id = fields.Many2one(related="document_id.type_id", store=True)
    department_id = fields.Many2one(
        related="document_id.department_id", store=True, string="Owner Unit", index=True
    )
    issue_number = fields.Integer(
        string="Issue No.", required=True, copy=False, tracking=True, default=1
    )
    revision_date = fields.Date(default=fields.Date.context_today, tracking=True, copy=False)
    is_withdrawal = fields.Boolean(
        string="Obsoletes the Document",
        readonly=True,
        copy=False,
        help="Approving and issuing this revision obsoletes the document (bãi bỏ).",
    )
    change_ids = fields.One2many("qms.document.change", "revision_id", string="Changes")
    main_file = fields.Binary(
        compute="_compute_main_file",
        inverse="_inverse_main_file",
        help="The signed document (PDF, DOCX or XLSX).",
    )
    main_file_name = fields.Char(copy=False)
    main_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Main File Attachment",
        copy=False,
        help="The signed document (PDF, DOCX or XLSX).",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "qms_document_revision_attachment_rel",
        "revision_id",
        "attachment_id",
        string="Other Files",
        copy=False,
    )
    drafter_id = fields.Many2one(
        "res.users", string="Drafted By", default=lambda self: self.env.user, tracking=True
    )
    reviewer_ids = fields.Many2many(
        "res.users",
        "qms_document_revision_reviewer_rel",
        "revision_id",
        "user_id",
        string="Reviewed By",
        copy=False,
    )
    approver_id = fields.Many2one("res.users", string="Approved By", copy=False, tracking=True)
    date_submitted = fields.Datetime(copy=False, readonly=True)
    date_approved = fields.Datetime(copy=False, readonly=True)
    date_issued = fields.Datetime(copy=False, readonly=True)
    effective_date = fields.Date(copy=False, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("issued", "Issued"),
            ("superseded", "Superseded"),
            ("obsolete", "Obsolete"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)

    _one_issued_per_document = models.UniqueIndex(
        "(document_id) WHERE state = 'issued'",
        "A document has only one issued revision at a time.",
    )
    _issue_number_uniq = models.Constraint(
        "UNIQUE(document_id, issue_number)", "This issue number is already used for the document."
    )

    @api.depends("document_id.code", "issue_number", "is_withdrawal")
    def _compute_name(self):
        for revision in self:
            label = self.env._("withdrawal") if revision.is_withdrawal else self.env._("issue %s")
            if not revision.is_withdrawal:
                label = label % revision.issue_number
            revision.name = f"{revision.document_id.code or ''} ({label})"

    @api.constrains("effective_date", "date_approved")
    def _check_effective_after_approval(self):
        for revision in self:
            if (
                revision.effective_date
                and revision.date_approved
                and revision.effective_date < revision.date_approved.date()
            ):
                raise ValidationError(
                    self.env._(
                        "The effective date of %(name)s cannot be before its approval "
                        "(%(approved)s).",
                        name=revision.name,
                        approved=revision.date_approved.date(),
                    )
                )

    @api.model
    def _qms_prepare_create_vals(self, vals):
        """The next issue number, read once the lifecycle mixin has checked the document id."""
        vals = super()._qms_prepare_create_vals(vals)
        if "issue_number" not in vals and vals.get("document_id"):
            vals["issue_number"] = self._next_issue_number(vals["document_id"])
        return vals

    def _next_issue_number(self, document_id):
        numbers = (
            self.with_context(active_test=False)
            .search([("document_id", "=", document_id)])
            .mapped("issue_number")
        )
        return max(numbers, default=0) + 1

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for revision, vals in zip(self, vals_list, strict=True):
            vals.setdefault("issue_number", self._next_issue_number(revision.document_id.id))
        return vals_list

    def copy(self, default=None):
        """A new revision starts from the issued one: same files, to be replaced as needed."""
        new_revisions = super().copy(default=default)
        for old, new in zip(self, new_revisions, strict=True):
            files = {}
            if old.main_attachment_id:
                files["main_attachment_id"] = old.main_attachment_id.copy(
                    {"res_model": new._name, "res_id": new.id}
                ).id
            if old.attachment_ids:
                files["attachment_ids"] = [
                    fields.Command.set(
                        [
                            a.copy({"res_model": new._name, "res_id": new.id}).id
                            for a in old.attachment_ids
                        ]
                    )
                ]
            if files:
                new.write(files)
        return new_revisions

    @api.depends("main_attachment_id")
    def _compute_main_file(self):
        for revision in self:
            revision.main_file = revision.main_attachment_id.datas

    def _inverse_main_file(self):
        Attachment = self.env["ir.attachment"]
        for revision in self:
            if not revision.main_file:
                revision.main_attachment_id = False
                continue
            name = revision.main_file_name or revision.name or "document"
            Attachment._qms_check_upload(name, revision.main_file, revision.company_id)
            revision.main_attachment_id = Attachment.create(
                {
                    "name": name,
                    "datas": revision.main_file,
                    "res_model": revision._name,
                    "res_id": revision.id,
                }
            )

    # Approval chain (qms.approval.mixin): routes are chosen by document kind and owner unit.
    def _qms_check_ready_to_submit(self):
        for revision in self:
            if not revision.main_attachment_id:
                raise UserError(
                    self.env._(
                        "Attach the main file of %(name)s before submitting it.",
                        name=revision.name,
                    )
                )

    def _qms_approval_department(self):
        self.ensure_one()
        return self.department_id

    def _qms_approval_on_submit(self):
        res = super()._qms_approval_on_submit()
        self._qms_set({"date_submitted": fields.Datetime.now()})
        return res

    def _qms_approval_on_approved(self, request):
        approvers = request._qms_approved_decisions().mapped(
            lambda d: d.on_behalf_of_id or d.user_id
        )
        last = request._qms_last_approver()
        self._qms_set(
            {
                "state": "approved",
                "date_approved": fields.Datetime.now(),
                "approver_id": last.id,
                "reviewer_ids": [fields.Command.set((approvers - last).ids)],
            }
        )

    def _qms_approval_on_rejected(self, request):
        res = super()._qms_approval_on_rejected(request)
        self._qms_set({"date_submitted": False})
        return res

    @transition(("approved",), groups=(MANAGER,), label=_lt("Issue"))
    def action_issue(self):
        """Issue the approved revision; the one in force is superseded in the same transaction."""
        for revision in self:
            if not revision.main_attachment_id:
                raise UserError(self.env._("A revision cannot be issued without its main file."))
            revision._qms_check_signature_required()
            previous = revision.document_id.current_revision_id
            now = fields.Datetime.now()
            effective = revision.effective_date or fields.Date.context_today(revision)
            if revision.is_withdrawal:
                previous._qms_set({"state": "obsolete"})
                previous.distribution_ids._cancel_pending()
                revision._qms_set(
                    {"state": "obsolete", "date_issued": now, "effective_date": effective}
                )
                revision.document_id.sudo().message_post(
                    body=self.env._("Document obsoleted by %(name)s.", name=revision.name)
                )
                continue
            previous._qms_set({"state": "superseded"})
            # the unique index on the issued revision checks each UPDATE: the old one first
            previous.flush_recordset()
            revision._qms_set({"state": "issued", "date_issued": now, "effective_date": effective})
            revision._qms_distribute()
            revision.document_id._qms_set({"last_review_date": effective})
            revision.document_id.sudo().message_post(
                body=self.env._("Issue %(number)s is in force.", number=revision.issue_number)
            )
        self.env["qms.document.change.request"]._qms_on_revisions_issued(self)
        return True

    @api.ondelete(at_uninstall=False)
    def _qms_reopen_change_requests(self):
        self.env["qms.document.change.request"]._qms_on_revisions_discarded(self)

    def _qms_signed_pdf_data(self):
        return self._qms_decode(self.main_attachment_id.datas)

    # ------------------------------------------------------------------
    # Distribution and read-and-understood (xác nhận đã đọc)
    # ------------------------------------------------------------------
    distribution_ids = fields.One2many("qms.document.distribution", "revision_id")
    distribution_count = fields.Integer(
        string="Recipients", compute="_compute_acknowledgement", store=True
    )
    acknowledged_count = fields.Integer(
        string="Read", compute="_compute_acknowledgement", store=True
    )
    acknowledgement_rate = fields.Float(
        string="Read Rate (%)",
        compute="_compute_acknowledgement",
        store=True,
        aggregator="avg",
        digits=(5, 1),
    )

    @api.depends("distribution_ids.state")
    def _compute_acknowledgement(self):
        for revision in self:
            lines = revision.distribution_ids.filtered(lambda line: line.state != "cancelled")
            done = lines.filtered(lambda line: line.state == "acknowledged")
            revision.distribution_count = len(lines)
            revision.acknowledged_count = len(done)
            revision.acknowledgement_rate = 100.0 * len(done) / len(lines) if lines else 0.0

    def _qms_distribute(self):
        """Distribute the issued revision to the document's recipients, each with an activity.

        Pending read requests of the document's older revisions are closed: only what is in force
        must be read, and an old acknowledgement never counts for this revision.
        """
        Distribution = self.env["qms.document.distribution"].sudo()
        for revision in self.sudo():
            older = revision.document_id.revision_ids - revision
            older.distribution_ids._cancel_pending()
            already = revision.distribution_ids.employee_id
            employees = revision.document_id._qms_distribution_employees() - already
            if not employees:
                continue
            days = revision.company_id.qms_ack_reminder_days or 7
            deadline = fields.Date.add(fields.Date.context_today(revision), days=days)
            lines = Distribution.create(
                [
                    {
                        "revision_id": revision.id,
                        "employee_id": employee.id,
                        "user_id": employee.user_id.id,
                        "department_id": employee.department_id.id,
                    }
                    for employee in employees
                ]
            )
            for line in lines:
                line.activity_id = revision._qms_schedule_acknowledgement(line.user_id, deadline)

    def _qms_schedule_acknowledgement(self, user, deadline):
        self.ensure_one()
        return self.sudo().activity_schedule(
            "qms_iso9001.mail_activity_type_qms_acknowledge",
            date_deadline=deadline,
            summary=self.env._("Confirm reading: %(name)s", name=self.name),
            user_id=user.id,
        )

    def action_view_distribution(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_document_distribution"
        )
        action["domain"] = [("revision_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action
