from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import LazyTranslate

from odoo.addons.qms_iso9001.lifecycle import transition

from ..contact_checks import check_applicant_contact
from .qms_tthc_dossier import ONE_STOP
from .qms_tthc_processing_time import FILING_METHODS

_lt = LazyTranslate(__name__)

# The desk records a guidance as it gives it; a little allowance for clocks and open forms.
GUIDANCE_CLOCK_SKEW = timedelta(minutes=5)


class QmsTthcGuidance(models.Model):
    """A guidance (hướng dẫn) given at the one-stop desk instead of receiving an incomplete
    dossier (NĐ 118/2025/NĐ-CP, TT 03/2025/TT-VPCP): the desk tells the applicant in writing
    what to add or complete (form 02, phiếu yêu cầu bổ sung, hoàn thiện hồ sơ).

    Nothing is received: a guidance has no dossier code, no appointment and no time limit, and
    it is not counted among the dossiers received; the statistics count the guidances
    separately. Lifecycle (see `qms.lifecycle.mixin`): the desk drafts it, then issues it when
    the form is handed over (printing issues it); an issued guidance is a record of the desk's
    work, frozen and never deleted. The officer is the user who records it.
    """

    _name = "qms.tthc.guidance"
    _description = "TTHC Guidance to Complete a Dossier"
    _inherit = ["mail.thread", "qms.lifecycle.mixin"]
    _order = "guided_at desc, id desc"
    _rec_name = "applicant_name"
    _rec_names_search = ["applicant_name", "applicant_phone", "applicant_id_number"]
    _check_company_auto = True

    _qms_workflow_fields = ("user_id", "issued_at", "reception_centre_id")
    # issued: handed to the applicant, nothing changes any more
    _qms_editable_fields = {"issued": ()}
    _qms_deletable_states = ("draft",)

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    reception_centre_id = fields.Many2one(
        "qms.tthc.service.centre",
        string="Receiving Centre",
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
        help="The Public Administration Service Centre whose desk gave the guidance, when it "
        "was not the agency's own desk: figures per centre count its guidances too.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    applicant_id = fields.Many2one(
        "res.partner",
        string="Applicant Contact",
        index=True,
        help="Optional: the applicant's contact, when the agency already knows them.",
    )
    applicant_name = fields.Char(
        string="Applicant",
        required=True,
        compute="_compute_applicant",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    applicant_id_number = fields.Char(
        string="ID Number",
        compute="_compute_applicant",
        store=True,
        readonly=False,
        precompute=True,
    )
    applicant_phone = fields.Char(
        string="Phone", compute="_compute_applicant", store=True, readonly=False, precompute=True
    )
    applicant_email = fields.Char(
        string="Email", compute="_compute_applicant", store=True, readonly=False, precompute=True
    )
    applicant_address = fields.Char(
        string="Address", compute="_compute_applicant", store=True, readonly=False, precompute=True
    )
    procedure_id = fields.Many2one(
        "qms.tthc.procedure",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        domain="[('state', '!=', 'abolished')]",
    )
    field_id = fields.Many2one(
        "qms.tthc.field",
        compute="_compute_procedure_parts",
        store=True,
        precompute=True,
        index=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit in Charge",
        compute="_compute_procedure_parts",
        store=True,
        precompute=True,
        index=True,
    )
    channel = fields.Selection(FILING_METHODS, required=True, default="direct")
    component_ids = fields.Many2many(
        "qms.tthc.procedure.component",
        "qms_tthc_guidance_component_rel",
        "guidance_id",
        "component_id",
        string="Papers Missing or Incomplete",
        check_company=True,
        domain="[('procedure_id', '=', procedure_id)]",
    )
    reason = fields.Text(
        string="To Add or Complete",
        required=True,
        help="Printed on the form handed to the applicant: everything to add or complete, and "
        "why, at once, so the applicant comes back only one time.",
    )
    guided_at = fields.Datetime(string="Guided On", required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users",
        string="Officer",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    issued_at = fields.Datetime(string="Issued On", readonly=True, copy=False)

    # ------------------------------------------------------------------ computes
    @api.depends("applicant_id")
    def _compute_applicant(self):
        for guidance in self:
            partner = guidance.applicant_id
            if not partner:
                continue
            guidance.update({"applicant_name": partner.name, **partner._qms_applicant_contact()})

    @api.depends("procedure_id")
    def _compute_procedure_parts(self):
        for guidance in self:
            guidance.field_id = guidance.procedure_id.field_id
            guidance.department_id = guidance.procedure_id.department_id

    @api.depends("applicant_name", "procedure_id")
    def _compute_display_name(self):
        for guidance in self:
            guidance.display_name = self.env._(
                "Guidance to %(applicant)s (%(procedure)s)",
                applicant=guidance.applicant_name or "-",
                procedure=guidance.procedure_id.code or guidance.procedure_id.name or "-",
            )

    @api.onchange("component_ids")
    def _onchange_component_ids(self):
        """The papers ticked start the text handed to the applicant."""
        if self.component_ids and not self.reason:
            self.reason = "\n".join(f"- {component.name}" for component in self.component_ids)

    # ------------------------------------------------------------------ checks
    @api.constrains("guided_at")
    def _check_guided_at(self):
        limit = fields.Datetime.now() + GUIDANCE_CLOCK_SKEW
        if any(guidance.guided_at > limit for guidance in self):
            raise ValidationError(self.env._("A guidance cannot be given in the future."))

    @api.constrains("applicant_phone", "applicant_email", "applicant_id_number")
    def _check_applicant_contact(self):
        """As on a dossier: what the desk types about the person guided is what it claims to
        be (see `contact_checks`)."""
        for guidance in self:
            check_applicant_contact(
                self.env,
                guidance.applicant_phone,
                guidance.applicant_email,
                guidance.applicant_id_number,
                organisation=guidance.applicant_id.is_company,
            )

    @api.constrains("component_ids", "procedure_id")
    def _check_components(self):
        for guidance in self:
            if guidance.component_ids.procedure_id - guidance.procedure_id:
                raise ValidationError(
                    self.env._(
                        "The papers listed must be papers of the procedure %(procedure)s.",
                        procedure=guidance.procedure_id.display_name,
                    )
                )

    @api.constrains("reason")
    def _check_reason(self):
        if any(not (guidance.reason or "").strip() for guidance in self):
            raise ValidationError(self.env._("Say what the applicant must add or complete."))

    @api.model
    def _qms_prepare_create_vals(self, vals):
        """The officer is whoever records the guidance; the centre is the officer's."""
        vals = super()._qms_prepare_create_vals(vals)
        if not self.env.su or not vals.get("user_id"):
            vals["user_id"] = self.env.uid
        # the desk of a service centre guides for the agencies it serves, as it receives
        centre_vals = {"company_id": vals.get("company_id"), "received_by_id": vals["user_id"]}
        if self.env.su and vals.get("reception_centre_id"):
            centre_vals["reception_centre_id"] = vals["reception_centre_id"]
        vals["reception_centre_id"] = (
            self.env["qms.tthc.dossier"]._qms_reception_centre(centre_vals).id
        )
        return vals

    # ------------------------------------------------------------------ transitions
    @transition(("draft",), groups=(ONE_STOP,), label=_lt("Issue"))
    def action_issue(self):
        """The form is handed to the applicant: from now on the guidance is counted and kept."""
        self._qms_set({"state": "issued", "issued_at": fields.Datetime.now()})
        for guidance in self:
            guidance.message_post(body=self.env._("Guidance issued to the applicant (form 02)."))
        return True

    def action_print(self):
        """Print form 02; printing hands it over, so a draft is issued first (by the desk)."""
        drafts = self.filtered(lambda guidance: guidance.state == "draft")
        if drafts:
            drafts.action_issue()
        return self.env.ref("qms_iso9001_tthc.action_report_qms_tthc_guidance").report_action(self)
