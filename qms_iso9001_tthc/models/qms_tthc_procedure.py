import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate, plaintext2html

from odoo.addons.qms_iso9001.input_checks import MAX_YEAR, MIN_YEAR
from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)

# National TTHC codes: "1.000593" (procedures of central or province level numbering) or
# "2.001218", optionally followed by the local publication suffix of a province, either the
# long form ".000.00.00.H37" used by the national portal or its short form ".H37" (H + the
# two-digit province number).
CODE_PATTERN = re.compile(r"^[12]\.\d{6}(?:(?:\.000\.00\.00)?\.H\d{2})?$")
LEVELS = [
    ("central", "Central"),
    ("province", "Province"),
    ("district", "District (older data)"),
    ("commune", "Commune"),
]
ONLINE_LEVELS = [
    ("full", "Full Online (toàn trình)"),
    ("partial", "Partial Online (một phần)"),
    ("none", "Not Online"),
]


class QmsTthcProcedure(models.Model):
    """An administrative procedure (TTHC) the agency handles, as published in the national
    database, and the ISO document that governs how the agency processes it.

    Its status follows the decisions announcing it: in force, amended, abolished. The standing
    office moves it with the actions (abolishing is what stops new dossiers), never by editing
    the status; an abolished procedure is frozen and may be put back in force only with a
    reason, for a decision recorded by mistake.
    """

    _name = "qms.tthc.procedure"
    _description = "Administrative Procedure"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "field_id, code, id"
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    _qms_editable_fields = {"abolished": ("active",)}
    # kept while a flow was approved for it (see _unlink_without_approved_flow)
    _qms_deletable_states = ("active", "amended", "abolished")

    code = fields.Char(
        string="National Code",
        tracking=True,
        copy=False,
        help="Code in the national TTHC database, e.g. 1.000593 or 1.000593.000.00.00.H37. "
        "Empty for a procedure of local scope published without a national code.",
    )
    is_local = fields.Boolean(
        string="No National Code",
        compute="_compute_is_local",
        store=True,
        help="Published without a national code (a procedure of local scope): it is kept in "
        "the catalogue and flagged so that the code is added once the national database "
        "gives one.",
    )
    name = fields.Char(required=True, tracking=True)
    field_id = fields.Many2one("qms.tthc.field", required=True, index=True, check_company=True)
    level = fields.Selection(LEVELS, required=True, default="commune", tracking=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Unit in Charge",
        index=True,
        check_company=True,
        tracking=True,
        help="The unit that handles the procedure and drafts its ISO flow.",
    )
    level_text = fields.Char(
        string="Published Level",
        help="The level as the catalogue published it, e.g. Cấp Tỉnh, Cấp Xã.",
    )
    implementing_agency = fields.Char(help="Agency that decides, e.g. UBND cấp xã.")
    coordinating_agencies = fields.Text()
    decision_number = fields.Char(string="Announcing Decision No.", tracking=True)
    decision_date = fields.Date(string="Announcing Decision Date")
    legal_basis = fields.Text()
    conditions = fields.Text(string="Requirements and Conditions")
    result = fields.Text(help="What the applicant receives, e.g. Giấy khai sinh.")
    processing_time_ids = fields.One2many(
        "qms.tthc.processing.time", "procedure_id", string="Legal Processing Time", copy=True
    )
    processing_time_display = fields.Char(
        string="Processing Time Summary", compute="_compute_processing_time_display"
    )
    has_cutoff = fields.Boolean(
        string="Reception Cut-off",
        default=lambda self: self.env.company.qms_tthc_use_cutoff,
        tracking=True,
        help="The published limit names a time of day after which a dossier counts as "
        'received the next working day (e.g. "trong ngày; sau 15 giờ thì trong ngày làm việc '
        'tiếp theo"). It is a rule of some procedures, not of every one: untick it when the '
        "procedure names none. New procedures take the agency's default.",
    )
    cutoff_hour = fields.Float(
        string="Cut-off Time",
        default=lambda self: self.env.company.qms_tthc_cutoff_hour,
        tracking=True,
        help="A dossier received after this time (local time; this time itself is still in "
        "time) counts as received at the opening of the next working day.",
    )
    has_unreadable_time = fields.Boolean(
        string="Time Limit to Review",
        compute="_compute_processing_time_display",
        help="The published time limit could not be read: dossiers get no appointment date "
        "until it is entered.",
    )
    fee_ids = fields.One2many("qms.tthc.procedure.fee", "procedure_id", string="Fees", copy=True)
    fee_display = fields.Char(string="Fees and Charges", compute="_compute_fee_display")
    fee_text = fields.Text(
        string="Published Fees",
        help="The fees and charges as published (tiers, per-page rates, exemptions); the fee "
        "lines hold the amounts found in it.",
    )
    component_ids = fields.One2many(
        "qms.tthc.procedure.component", "procedure_id", string="Dossier Components", copy=True
    )
    online_level = fields.Selection(
        ONLINE_LEVELS, string="Online Service", required=True, default="none", tracking=True
    )
    online_level_text = fields.Char(
        string="Published Online Level",
        help="The online service level as published, e.g. Toàn trình, Một phần, Mức độ 3.",
    )
    state = fields.Selection(
        [("active", "In Force"), ("amended", "Amended"), ("abolished", "Abolished")],
        string="Status",
        required=True,
        default="active",
        tracking=True,
        index=True,
    )
    date_effective = fields.Date(string="In Force Since")
    date_amended = fields.Date(string="Amended On")
    date_abolished = fields.Date(string="Abolished On")
    document_id = fields.Many2one(
        "qms.document",
        string="ISO Procedure",
        index=True,
        check_company=True,
        domain="[('kind', '=', 'tthc_procedure')]",
        tracking=True,
    )
    iso_code = fields.Char(related="document_id.code", string="ISO Procedure Code")
    flow_ids = fields.One2many("qms.tthc.flow", "procedure_id", string="Flows")
    flow_count = fields.Integer(compute="_compute_flow_count")
    current_flow_id = fields.Many2one(
        "qms.tthc.flow",
        string="Flow in Force",
        compute="_compute_current_flow_id",
        store=True,
        index="btree_not_null",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _code_company_uniq = models.UniqueIndex(
        "(company_id, code)", "Another procedure of this agency already has this code."
    )

    # ------------------------------------------------------------------ computes
    @api.depends("code")
    def _compute_is_local(self):
        for procedure in self:
            procedure.is_local = not procedure.code

    @api.depends(
        "processing_time_ids.duration",
        "processing_time_ids.unit",
        "processing_time_ids.text",
        "processing_time_ids.is_unreadable",
    )
    def _compute_processing_time_display(self):
        Time = self.env["qms.tthc.processing.time"]
        for procedure in self:
            procedure.processing_time_display = Time._qms_format_text(procedure.processing_time_ids)
            procedure.has_unreadable_time = any(
                procedure.processing_time_ids.mapped("is_unreadable")
            )

    @api.constrains("cutoff_hour")
    def _check_cutoff_hour(self):
        if any(not 0 <= procedure.cutoff_hour < 24 for procedure in self):
            raise ValidationError(self.env._("The cut-off time must be between 00:00 and 23:59."))

    def _qms_cutoff(self):
        """The procedure's cut-off hour (local time), None when it has none."""
        self.ensure_one()
        return self.cutoff_hour if self.has_cutoff else None

    @api.depends("fee_ids.amount", "fee_ids.name", "fee_ids.note")
    def _compute_fee_display(self):
        Fee = self.env["qms.tthc.procedure.fee"]
        for procedure in self:
            procedure.fee_display = Fee._qms_format_text(procedure.fee_ids)

    @api.depends("flow_ids")
    def _compute_flow_count(self):
        counts = dict(
            self.env["qms.tthc.flow"]._read_group(
                [("procedure_id", "in", self.ids)], ["procedure_id"], ["__count"]
            )
        )
        for procedure in self:
            procedure.flow_count = counts.get(procedure, 0)

    @api.depends("flow_ids.state", "flow_ids.version")
    def _compute_current_flow_id(self):
        for procedure in self:
            approved = procedure.flow_ids.filtered(lambda flow: flow.state == "approved")
            procedure.current_flow_id = approved.sorted("version", reverse=True)[:1]

    def _qms_current_flow(self):
        """The approved flow a new dossier must follow; the dossier keeps it for its whole life
        even when a later version is approved (approved flows are frozen, never deleted)."""
        self.ensure_one()
        return self.sudo().current_flow_id.with_env(self.env)

    def _qms_legal_time_changed(self):
        """The law changed the processing time: the flow in force no longer adds up. New
        dossiers get the new legal time at once; the unit in charge is asked for a new flow
        version (once per flow)."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for procedure in self.sudo().filtered("current_flow_id"):
            flow = procedure.current_flow_id
            if flow.is_time_balanced:
                continue
            summary = self.env._(
                "Legal time changed: prepare flow version %(version)s", version=flow.version + 1
            )
            if summary in procedure.activity_ids.mapped("summary"):
                continue
            procedure.message_post(
                body=plaintext2html(
                    self.env._(
                        "The legal processing time changed and the flow in force (v%(version)s) no "
                        "longer matches it:\n%(balance)s",
                        version=flow.version,
                        balance=flow.time_balance,
                    )
                )
            )
            manager = procedure.department_id.manager_id.user_id
            procedure.activity_schedule(
                activity_type_id=todo.id,
                summary=summary,
                user_id=(manager or self.env.user).id,
            )

    def _qms_latest_revision(self):
        """The issue of the ISO procedure a new flow version belongs to: the one in force, else
        the latest one being drafted."""
        self.ensure_one()
        document = self.document_id
        return (
            document.current_revision_id
            or document.revision_ids.sorted("issue_number", reverse=True)[:1]
        )

    # ------------------------------------------------------------------ code checks
    @api.model
    def _qms_normalize_code(self, code):
        """Codes are pasted from the portal with stray spaces and a lowercase province letter."""
        code = re.sub(r"\s+", "", code or "")
        return re.sub(r"\.h(\d{2})$", r".H\1", code)

    @api.model
    def _qms_is_valid_code(self, code):
        return bool(CODE_PATTERN.match(self._qms_normalize_code(code)))

    def _raise_if_code_invalid(self, code):
        """An empty code is a local procedure; a code given must be a national one (the
        `_code_company_uniq` index refuses it twice in an agency)."""
        if not code:
            return
        if not self._qms_is_valid_code(code):
            raise ValidationError(
                self.env._(
                    "%(code)s is not a national TTHC code: expected 1.000593 or 2.001218, "
                    "optionally with the province suffix .000.00.00.H37 (or .H37).",
                    code=code,
                )
            )

    @api.model
    def _qms_prepare_create_vals(self, vals):
        """The code is normalised once the guard has checked the values: a list or a number
        sent over RPC as the code is refused there in words, not by a TypeError here."""
        vals = super()._qms_prepare_create_vals(vals)
        vals["code"] = self._qms_normalize_code(vals.get("code")) or False
        self._raise_if_code_invalid(vals["code"])
        return vals

    def _qms_prepare_write_vals(self, vals):
        """As on create: normalised after the guard's checks, on a copy of the caller's values."""
        vals = super()._qms_prepare_write_vals(vals)
        if "code" in vals:
            vals = dict(vals, code=self._qms_normalize_code(vals["code"]) or False)
            self._raise_if_code_invalid(vals["code"])
        return vals

    @api.constrains("document_id")
    def _check_document_kind(self):
        for procedure in self:
            if procedure.document_id and procedure.document_id.kind != "tthc_procedure":
                raise ValidationError(
                    self.env._(
                        "%(document)s is not a TTHC procedure document: choose an ISO document "
                        "of type TTHC procedure.",
                        document=procedure.document_id.display_name,
                    )
                )

    @api.constrains("state", "date_effective", "date_amended", "date_abolished")
    def _check_state_dates(self):
        for procedure in self:
            if procedure.state == "abolished" and not procedure.date_abolished:
                raise ValidationError(
                    self.env._("Give the date %(code)s was abolished.", code=procedure.code)
                )
            later = [d for d in (procedure.date_amended, procedure.date_abolished) if d]
            if procedure.date_effective and any(d < procedure.date_effective for d in later):
                raise ValidationError(
                    self.env._(
                        "%(code)s cannot be amended or abolished before it came into force.",
                        code=procedure.code,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for procedure in self:
            procedure.display_name = (
                f"{procedure.code} - {procedure.name}" if procedure.code else procedure.name
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_without_approved_flow(self):
        if self.sudo().flow_ids.filtered(lambda flow: flow.state != "draft"):
            raise UserError(
                self.env._(
                    "A procedure with an approved flow is kept as evidence: mark it as abolished "
                    "or archive it instead."
                )
            )

    # ------------------------------------------------------------------ status
    @api.model
    def _qms_decision_date(self, value, what):
        """A date given over RPC: a date, a 'YYYY-MM-DD' text, or nothing for today."""
        if not value:
            return fields.Date.context_today(self)
        try:
            day = fields.Date.to_date(value)
        except (TypeError, ValueError):
            day = None
        if not day:
            raise UserError(self.env._("The %(what)s is not a date.", what=what))
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            # the input guard's bounds: the action writes the date past the guard
            raise UserError(
                self.env._(
                    "The %(what)s must fall between the years %(first)s and %(last)s.",
                    what=what,
                    first=MIN_YEAR,
                    last=MAX_YEAR,
                )
            )
        return day

    @transition(("active", "amended"), groups=(MANAGER,), label=_lt("Mark as Amended"))
    def action_mark_amended(self, date_amended=False):
        """A decision amended the procedure (its content is updated from the new publication);
        the date given, else the one entered on the procedure, else today."""
        for procedure in self:
            day = self._qms_decision_date(
                date_amended or procedure.date_amended, self.env._("date of the amendment")
            )
            procedure._qms_set({"state": "amended", "date_amended": day})
        return True

    @transition(("active", "amended"), groups=(MANAGER,), label=_lt("Abolish"))
    def action_abolish(self, date_abolished=False):
        """A decision abolished the procedure: no new dossier is received for it from then
        on; the date given, else the one entered on the procedure, else today."""
        for procedure in self:
            day = self._qms_decision_date(
                date_abolished or procedure.date_abolished, self.env._("date of abolition")
            )
            procedure._qms_set({"state": "abolished", "date_abolished": day})
            procedure.message_post(
                body=self.env._("Abolished on %(date)s.", date=day.strftime("%d/%m/%Y"))
            )
        return True

    @transition(("abolished",), groups=(MANAGER,), label=_lt("Put Back in Force"))
    def action_reinstate(self, reason):
        """An abolition recorded by mistake: back in force, with the reason in the chatter."""
        self._qms_log_reason(self.env._("Put back in force"), reason)
        for procedure in self:
            procedure._qms_set(
                {
                    "state": "amended" if procedure.date_amended else "active",
                    "date_abolished": False,
                }
            )
        return True

    def action_reinstate_wizard(self):
        return self._qms_reason_wizard_action("action_reinstate", self.env._("Put Back in Force"))

    def action_view_flows(self):
        self._qms_ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001_tthc.action_qms_tthc_flow"
        )
        action["domain"] = [("procedure_id", "=", self.id)]
        action["context"] = {"default_procedure_id": self.id}
        return action

    def action_open_current_flow(self):
        """Open the flow in force, else the latest version; without any, the flows list where
        the unit can start one."""
        self._qms_ensure_one()
        flow = self.current_flow_id or self.flow_ids.sorted("version", reverse=True)[:1]
        if not flow:
            return self.action_view_flows()
        return flow._get_form_action()
