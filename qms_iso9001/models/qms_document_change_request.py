from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, UNIT_OFFICER, transition
from ..nc_tools import without_workflow_defaults

_lt = LazyTranslate(__name__)

OPEN_STATES = ("submitted", "accepted")


class QmsDocumentChangeRequest(models.Model):
    """A civil servant's request to amend or supplement an issued document (phiếu đề nghị sửa
    đổi, bổ sung tài liệu), the way the agencies' document-control procedure has it.

    The request goes to the unit that owns the document: its ISO officer (or the standing
    office) accepts it, which starts the next revision from it, or refuses it with a reason;
    the requester is told either way, and the request is done once the revision drafted from it
    is issued. It is not a nonconformity: nothing went wrong, someone proposes a better text.

    Lifecycle: draft -> submitted -> accepted | refused; accepted -> done. Who decided, when,
    why it was refused and the revision it led to are set by the transitions only; nothing
    submitted is deleted or rewritten.
    """

    _name = "qms.document.change.request"
    _description = "Document Change Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _qms_workflow_fields = (
        "requester_id",
        "date_submitted",
        "decided_by_id",
        "date_decided",
        "refusal_reason",
        "revision_id",
    )
    _qms_editable_fields = {
        "submitted": (),
        "accepted": (),
        "refused": (),
        "done": (),
    }
    _qms_deletable_states = ("draft",)

    document_id = fields.Many2one(
        "qms.document",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('state', '=', 'issued')]",
        help="The issued document to amend or supplement.",
    )
    document_department_id = fields.Many2one(
        related="document_id.department_id", store=True, index=True, string="Owner Unit"
    )
    requester_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Requesting Unit",
        tracking=True,
        check_company=True,
        default=lambda self: self._default_department(),
    )
    date = fields.Date(string="Request Date", required=True, default=fields.Date.context_today)
    section = fields.Char(
        string="Section or Page", required=True, help="Where the change goes, e.g. 5.2, page 3."
    )
    proposed_change = fields.Text(required=True, help="The text proposed, or what to add.")
    reason = fields.Text(string="Reason for the Change", required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_submitted = fields.Datetime(string="Submitted On", readonly=True, copy=False)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_decided = fields.Datetime(string="Decided On", readonly=True, copy=False)
    refusal_reason = fields.Text(readonly=True, copy=False, tracking=True)
    revision_id = fields.Many2one(
        "qms.document.revision",
        string="Revision Drafted",
        readonly=True,
        copy=False,
        index=True,
        ondelete="set null",
        help="The revision drafted from the request; the request is done when it is issued.",
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)

    # ------------------------------------------------------------------ defaults and checks
    @api.model
    def _default_department(self):
        employee = self.env.user.employee_ids.filtered(lambda e: e.company_id == self.env.company)[
            :1
        ]
        return employee.department_id

    @api.depends("document_id.code", "requester_id", "date")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "%(code)s: request of %(user)s (%(date)s)",
                code=request.document_id.code or "",
                user=request.requester_id.name or "",
                date=request.date or "",
            )

    @api.constrains("document_id", "state")
    def _check_document_issued(self):
        for request in self:
            if request.state == "draft" and request.document_id.state != "issued":
                raise ValidationError(
                    self.env._(
                        "%(document)s is not in force: only an issued document can be amended.",
                        document=request.document_id.display_name,
                    )
                )

    # ------------------------------------------------------------------ roles
    def _qms_is_requester(self, user):
        self.ensure_one()
        return user == self.requester_id

    def _qms_is_document_officer(self, user):
        """The ISO officer of the unit owning the document (or of a unit above it)."""
        self.ensure_one()
        if not user.has_group(UNIT_OFFICER):
            return False
        path = self.sudo().document_id.department_id.parent_path or ""
        units = {int(part) for part in path.split("/") if part}
        return bool(units & set(user.sudo().employee_ids.department_id.ids))

    def _qms_deciders(self):
        """Who is asked to decide: the ISO officers of the owning unit, else the standing
        office (its head, else the QMS managers of the agency)."""
        self.ensure_one()
        document = self.sudo().document_id
        # from the owning unit's staff, not from every officer of every agency on the instance
        staff = (
            self.env["hr.employee"]
            .sudo()
            .search([("department_id", "=", document.department_id.id), ("user_id", "!=", False)])
            .user_id
        )
        officers = staff.filtered(
            lambda u: (
                not u.share and document.company_id in u.company_ids and u.has_group(UNIT_OFFICER)
            )
        )
        if officers:
            return officers
        head = document.company_id.qms_standing_department_id.manager_id.user_id
        if head:
            return head
        return (
            self.env.ref(MANAGER)
            .sudo()
            .all_user_ids.filtered(
                lambda u: u.active and not u.share and document.company_id in u.company_ids
            )
        )

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        return super(QmsDocumentChangeRequest, without_workflow_defaults(self)).create(vals_list)

    # ------------------------------------------------------------------ transitions
    @transition(("draft",), role="_qms_is_requester", label=_lt("Submit"))
    def action_submit(self):
        """The requester sends the request to the unit owning the document."""
        for request in self:
            if request.document_id.state != "issued":
                raise UserError(
                    self.env._(
                        "%(document)s is no longer in force: the request cannot be sent.",
                        document=request.document_id.display_name,
                    )
                )
            request._qms_set({"state": "submitted", "date_submitted": fields.Datetime.now()})
            request._qms_schedule_decision()
        return True

    @transition(
        ("submitted",),
        groups=(MANAGER,),
        role="_qms_is_document_officer",
        access="read",
        label=_lt("Accept"),
    )
    def action_accept(self):
        """Accept and draft the next revision from the request: the revision in draft, if one
        is already being written, else a new one started by the document's own action (which
        checks the caller may revise the document). The proposal is copied into the new
        revision's amendment table."""
        request = self._qms_ensure_one()
        document = request.document_id
        revision = document.revision_ids.filtered(lambda r: r.state == "draft")[:1]
        if not revision:
            action = document.action_new_revision()
            revision = self.env["qms.document.revision"].browse(action["res_id"])
        self.env["qms.document.change"].create(
            {
                "revision_id": revision.id,
                "section": request.section,
                "description": request.proposed_change,
            }
        )
        request._qms_decide("accepted", revision=revision)
        return revision._get_records_action()

    @transition(
        ("submitted",),
        groups=(MANAGER,),
        role="_qms_is_document_officer",
        access="read",
        label=_lt("Refuse"),
    )
    def action_refuse(self, reason=None):
        """Refuse with the reason the requester reads."""
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(self.env._("Give the reason for refusing the request."))
        for request in self:
            request._qms_decide("refused", reason=reason)
        return True

    def action_open_refuse_wizard(self):
        return self._qms_reason_wizard_action("action_refuse", self.env._("Refuse"))

    def _qms_schedule_decision(self):
        """An activity for each decider of the owning unit."""
        for request in self:
            for user in request._qms_deciders():
                request.sudo().activity_schedule(
                    "qms_iso9001.mail_activity_type_qms_change_request",
                    summary=self.env._(
                        "Decide on the change request for %(code)s",
                        code=request.document_id.code,
                    ),
                    user_id=user.id,
                )

    def _qms_decide(self, state, revision=None, reason=None):
        """Record the decision, close the deciders' activities and tell the requester."""
        self.ensure_one()
        vals = {
            "state": state,
            "decided_by_id": self.env.user.id,
            "date_decided": fields.Datetime.now(),
        }
        if revision:
            vals["revision_id"] = revision.id
        if reason:
            vals["refusal_reason"] = reason
        self._qms_set(vals)
        activity_type = self.env.ref("qms_iso9001.mail_activity_type_qms_change_request")
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ).action_feedback(feedback=self._qms_state_label())
        if state == "accepted":
            body = self.env._(
                "Your request was accepted: %(revision)s is drafted from it.",
                revision=revision.display_name,
            )
        else:
            body = self.env._("Your request was refused. Reason: %(reason)s", reason=reason)
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._(
                "Change request for %(code)s: %(decision)s",
                code=self.document_id.code,
                decision=self._qms_state_label(),
            ),
            note=body,
            user_id=self.requester_id.id,
        )
        self.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")

    @api.model
    def _qms_on_revisions_issued(self, revisions):
        """Done once the revision drafted from them is issued (called by the revision)."""
        requests = self.sudo().search(
            [("revision_id", "in", revisions.ids), ("state", "=", "accepted")]
        )
        for request in requests:
            request._qms_set({"state": "done"})
            request.message_post(
                body=self.env._("%(revision)s is issued.", revision=request.revision_id.name),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _qms_on_revisions_discarded(self, revisions):
        """A draft revision deleted before its issue takes the accepted change away with it:
        its requests go back to the deciders, who accept them again (into a new draft) or
        refuse them, instead of staying accepted with nothing left to issue."""
        requests = self.sudo().search(
            [("revision_id", "in", revisions.ids), ("state", "=", "accepted")]
        )
        for request in requests:
            name = request.revision_id.name
            request._qms_set(
                {
                    "state": "submitted",
                    "revision_id": False,
                    "decided_by_id": False,
                    "date_decided": False,
                }
            )
            request.message_post(
                body=self.env._(
                    "%(revision)s, drafted from this request, was deleted before its issue: "
                    "the request waits for a decision again.",
                    revision=name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            request._qms_schedule_decision()
