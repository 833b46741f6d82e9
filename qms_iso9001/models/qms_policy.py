from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate, is_html_empty

from ..input_checks import check_input
from ..lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)

POLICY_REPORT = "qms_iso9001.action_report_qms_policy"


class QmsPolicy(models.Model):
    """One version of the agency's quality policy (ISO 9001 clause 5.2).

    A version is approved through the approval engine, then published: it becomes the policy in
    force, the previous one is superseded, and it is issued as a revision of the agency's
    "Quality Policy" controlled document so that every civil servant confirms reading it.

    The standing office drafts, submits and publishes; leaders approve. Once submitted the text
    is frozen (the signed scan may still be attached to the approved version before it is
    published); published and superseded versions are the agency's record and never change or
    disappear.
    """

    _name = "qms.policy"
    _description = "Quality Policy"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.approval.mixin"]
    _order = "company_id, version desc, id desc"
    _check_company_auto = True

    _qms_workflow_fields = (
        "version",
        "date_approved",
        "approver_id",
        "date_published",
        "previous_id",
        "revision_id",
    )
    _qms_editable_fields = {
        "to_approve": (),
        "approved": ("signed_attachment_id",),
        "published": (),
        "superseded": (),
    }
    _qms_approval_submit_groups = (MANAGER,)

    name = fields.Char(
        string="Title",
        required=True,
        tracking=True,
        default=lambda self: self.env._("Quality Policy"),
    )
    version = fields.Integer(readonly=True, copy=False, help="Numbered per agency, from 1.")
    statement = fields.Html(
        string="Policy Statement", help="The policy as signed by the head of the agency."
    )
    commitments = fields.Html(
        help="Commitments of the leadership: meet legal requirements, serve citizens, improve."
    )
    date_effective = fields.Date(string="Effective Date", tracking=True, copy=False)
    signer_id = fields.Many2one(
        "hr.employee",
        string="Signed By",
        tracking=True,
        check_company=True,
        help="Head of the agency who signs the policy.",
    )
    signed_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Signed File",
        copy=False,
        help="Scan of the signed policy. Without it, the printed policy is issued.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("published", "In Force"),
            ("superseded", "Superseded"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_approved = fields.Datetime(readonly=True, copy=False)
    approver_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    date_published = fields.Datetime(readonly=True, copy=False)
    previous_id = fields.Many2one(
        "qms.policy", string="Replaces", readonly=True, copy=False, index="btree_not_null"
    )
    revision_id = fields.Many2one(
        "qms.document.revision",
        string="Issued As",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The revision of the quality policy document that distributed this version.",
    )
    document_id = fields.Many2one(related="revision_id.document_id", string="Document")
    distribution_count = fields.Integer(related="revision_id.distribution_count")
    acknowledged_count = fields.Integer(related="revision_id.acknowledged_count")
    acknowledgement_rate = fields.Float(
        related="revision_id.acknowledgement_rate", string="Read Rate (%)"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _version_company_uniq = models.UniqueIndex(
        "(company_id, version)", "This version number is already used for the agency's policy."
    )
    _one_published_per_company = models.UniqueIndex(
        "(company_id) WHERE state = 'published'",
        "An agency has only one quality policy in force at a time.",
    )

    @api.depends("name", "version")
    def _compute_display_name(self):
        for policy in self:
            policy.display_name = self.env._(
                "%(name)s (version %(version)s)", name=policy.name, version=policy.version
            )

    @api.model_create_multi
    def create(self, vals_list):
        check_input(self, vals_list)
        if len(vals_list) > 1:
            # one at a time: each version number follows the one created just before
            return self.concat(*(self.create([vals]) for vals in vals_list))
        return super().create(vals_list)

    @api.model
    def _qms_prepare_create_vals(self, vals):
        """Versions are numbered by the system once the caller's values are checked."""
        vals = super()._qms_prepare_create_vals(vals)
        vals["version"] = self._next_version(vals.get("company_id") or self.env.company.id)
        return vals

    def _next_version(self, company_id):
        """Versions count every policy of the agency, archived or not, seen by anyone."""
        Policy = self.sudo().with_context(active_test=False)
        last = Policy.search([("company_id", "=", company_id)], order="version desc", limit=1)
        return last.version + 1

    # ------------------------------------------------------------------ approval (mixin hooks)
    def _qms_approval_department(self):
        """The policy belongs to the whole agency: its standing unit answers for it."""
        self.ensure_one()
        return self.company_id.qms_standing_department_id

    def _qms_check_ready_to_submit(self):
        for policy in self:
            if not policy._qms_has_statement():
                raise UserError(
                    self.env._(
                        "Write the policy statement of %(policy)s before submitting it.",
                        policy=policy.display_name,
                    )
                )

    def _qms_has_statement(self):
        self.ensure_one()
        return not is_html_empty(self.statement)

    def _qms_approval_on_approved(self, request):
        last = request._qms_last_approver()
        self._qms_set(
            {"state": "approved", "date_approved": fields.Datetime.now(), "approver_id": last.id}
        )

    # ------------------------------------------------------------------ publication
    @transition(("approved",), groups=(MANAGER,), label=_lt("Publish"))
    def action_publish(self):
        """Put the approved version in force and have every civil servant read it."""
        for policy in self:
            policy._check_publishable()
            previous = self.sudo().search(
                [("company_id", "=", policy.company_id.id), ("state", "=", "published")]
            )
            previous._qms_set({"state": "superseded"})
            revision = policy._qms_issue_revision()
            policy._qms_set(
                {
                    "state": "published",
                    "date_published": fields.Datetime.now(),
                    "previous_id": previous[:1].id,
                    "revision_id": revision.id,
                }
            )
            policy.message_post(
                body=self.env._(
                    "Published as %(revision)s and sent to %(count)s civil servants to read.",
                    revision=revision.name,
                    count=revision.distribution_count,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _check_publishable(self):
        self.ensure_one()
        if self.state != "approved":
            raise UserError(
                self.env._(
                    "%(policy)s must be approved before it is published.",
                    policy=self.display_name,
                )
            )
        effective = self.date_effective
        if effective and self.date_approved and effective < self.date_approved.date():
            raise ValidationError(
                self.env._(
                    "The effective date of %(policy)s (%(date)s) cannot be before its approval "
                    "(%(approved)s).",
                    policy=self.display_name,
                    date=effective,
                    approved=self.date_approved.date(),
                )
            )

    def _qms_policy_document(self):
        """The agency's controlled "Quality Policy" document, created the first time."""
        self.ensure_one()
        Document = self.env["qms.document"].with_context(active_test=False)
        document = Document.search(
            [
                ("company_id", "=", self.company_id.id),
                ("kind", "=", "quality_policy"),
                ("state", "!=", "obsolete"),
            ],
            order="active desc, id",
            limit=1,
        )
        units = self.env["hr.department"].search(
            [("company_id", "in", [self.company_id.id, False]), ("parent_id", "=", False)]
        )
        if not units:
            raise UserError(
                self.env._(
                    "Create the agency's units first: the policy is distributed to every unit."
                )
            )
        if not document:
            doc_type = self.env["qms.document.type"].search(
                [("kind", "=", "quality_policy")], limit=1
            )
            if not doc_type:
                raise UserError(self.env._("Create a document type of kind Quality Policy first."))
            owner_unit = self.company_id.qms_standing_department_id or units[:1]
            document = Document.create(
                {
                    "name": self.name,
                    "code": self._qms_free_document_code(doc_type),
                    "type_id": doc_type.id,
                    "department_id": owner_unit.id,
                    "company_id": self.company_id.id,
                }
            )
        # every unit, including those created since the previous version
        document.write(
            {
                "active": True,
                "is_public": True,
                "distribution_department_ids": [fields.Command.set(units.ids)],
            }
        )
        return document

    def _qms_free_document_code(self, doc_type):
        """The type's code (e.g. CSCL), suffixed when an obsoleted policy document holds it.

        The policy type's pattern has no sequence number, so the automatic numbering could not
        find a free code by itself.
        """
        year = fields.Date.context_today(self).year
        code = doc_type._format_code(1, year=year)
        if self.env["qms.document"]._code_in_use(code, self.company_id.id):
            code = f"{code}.V{self.version}"
        return code

    def _qms_issue_revision(self):
        """Issue this version through the documents machinery (supersede, distribute, remind)."""
        self.ensure_one()
        document = self._qms_policy_document()
        effective = self.date_effective or fields.Date.context_today(self)
        revision = self.env["qms.document.revision"].create(
            {
                "document_id": document.id,
                "revision_date": effective,
                "effective_date": effective,
                "drafter_id": self.create_uid.id,
                "change_ids": [
                    fields.Command.create(
                        {
                            "section": self.env._("Whole policy"),
                            "description": self.env._(
                                "Quality policy version %(version)s", version=self.version
                            ),
                        }
                    )
                ],
            }
        )
        revision.main_attachment_id = self._qms_policy_file(revision)
        # approved through the policy's own chain: the revision records that approval
        revision._qms_set(
            {
                "state": "approved",
                "date_approved": self.date_approved,
                "approver_id": self.approver_id.id,
            }
        )
        # Supersede the version in force and flush first: the "one issued revision per document"
        # index is checked row by row, and the new revision's pending writes could reach the
        # database before the old one's.
        document.current_revision_id._qms_set({"state": "superseded"})
        self.env.flush_all()
        revision.action_issue()
        revision.message_post(
            body=self.env._("Approved as %(policy)s.", policy=self.display_name),
            subtype_xmlid="mail.mt_note",
        )
        return revision

    def _qms_policy_file(self, revision):
        """The signed scan when there is one, else the policy printed from the system."""
        self.ensure_one()
        if self.signed_attachment_id:
            return self.signed_attachment_id.copy(
                {"res_model": revision._name, "res_id": revision.id}
            )
        content, file_type = self.env["ir.actions.report"]._render_qweb_pdf(POLICY_REPORT, self.ids)
        # printed by the system, not uploaded: no upload check (it is HTML without wkhtmltopdf)
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"quality_policy_v{self.version}.{file_type}",
                    "raw": content,
                    "res_model": revision._name,
                    "res_id": revision.id,
                }
            )
        )

    @transition(
        ("published", "superseded"), groups=(MANAGER,), access="read", label=_lt("New Version")
    )
    def action_new_version(self):
        """Start the next version from this one's text."""
        self._qms_ensure_one()
        pending = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("draft", "to_approve", "approved")),
            ],
            limit=1,
        )
        if pending:
            raise UserError(
                self.env._(
                    "%(policy)s is still in progress: finish it or delete it first.",
                    policy=pending.display_name,
                )
            )
        new_policy = self.copy({"name": self.name})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new_policy.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_distribution(self):
        self._qms_ensure_one()
        if not self.revision_id:
            raise UserError(self.env._("The policy has not been published yet."))
        return self.revision_id.action_view_distribution()
