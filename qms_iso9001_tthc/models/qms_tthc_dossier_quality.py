from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from odoo.addons.qms_iso9001.lifecycle import transition

from . import qms_tthc_dossier as dossier_module
from .qms_tthc_dossier import DESK

RESULT_DIGITISED_FIELDS = ("result_digitised_by_id", "result_digitised_at")
RESULT_FILE_FIELDS = ("result_file", "result_filename")
_BASE_EDITABLE = dossier_module.QmsTthcDossier._qms_editable_fields

_lt = LazyTranslate(__name__)

RATINGS = [
    ("satisfied", "Satisfied"),
    ("acceptable", "Acceptable"),
    ("dissatisfied", "Not Satisfied"),
]
RATING_CHANNELS = [
    ("desk", "One-Stop Desk"),
    ("lookup", "Look-up Page"),
    ("portal", "Portal"),
    ("connector", "Connected System"),
]
# The longest reason a citizen may type: a paragraph, not a file.
MAX_REASON = 2000
RATING_FIELDS = ("rating", "rating_reason", "rating_channel", "rated_at", "rating_feedback_id")


class QmsTthcDossierQuality(models.Model):
    """The citizen's rating of a dossier (QĐ 766/QĐ-TTg, group "satisfaction"): satisfied,
    acceptable or not satisfied with a reason, given once, after the result was handed back,
    at the desk, on the look-up page, on the portal or through a connected system.

    A "not satisfied" opens a complaint the standing office answers (`qms.feedback`); when they
    repeat for one procedure or one unit, a nonconformity is raised the way late dossiers raise
    theirs. The rating is a workflow field: only `_qms_record_rating` sets it.

    Digitisation of the result (same group of QĐ 766): the unit attaches the signed result
    while the dossier is handled or resolved; who and when are recorded by the system; later
    dossiers of the same applicant may reuse it."""

    # one model in several files on purpose: each reads as one concern (issue 18)
    _inherit = "qms.tthc.dossier"  # pylint: disable=consider-merging-classes-inherited

    rating = fields.Selection(RATINGS, readonly=True, copy=False, index=True, tracking=True)
    rating_reason = fields.Text(string="Reason for the Rating", readonly=True, copy=False)
    rating_channel = fields.Selection(
        RATING_CHANNELS, string="Rated Through", readonly=True, copy=False
    )
    rated_at = fields.Datetime(string="Rated On", readonly=True, copy=False, index=True)
    rating_feedback_id = fields.Many2one(
        "qms.feedback", string="Complaint Opened", readonly=True, copy=False, index="btree_not_null"
    )
    can_be_rated = fields.Boolean(compute="_compute_can_be_rated")

    @api.depends("state", "rating")
    def _compute_can_be_rated(self):
        for dossier in self:
            dossier.can_be_rated = dossier.state == "returned" and not dossier.rating

    # ------------------------------------------------------------------ the desk's buttons
    @transition(("returned",), groups=DESK, label=_lt("Satisfied"))
    def action_rate_satisfied(self):
        """The applicant says at the desk, on return, that they are satisfied."""
        for dossier in self:
            dossier._qms_record_rating("satisfied", False, "desk")
        return True

    @transition(("returned",), groups=DESK, label=_lt("Acceptable"))
    def action_rate_acceptable(self):
        for dossier in self:
            dossier._qms_record_rating("acceptable", False, "desk")
        return True

    @transition(("returned",), groups=DESK, label=_lt("Not Satisfied"))
    def action_rate_dissatisfied(self, reason=None):
        """Not satisfied: the reason the applicant gives is required."""
        for dossier in self:
            dossier._qms_record_rating("dissatisfied", reason, "desk")
        return True

    def action_open_dissatisfied(self):
        """The form asking the applicant's reason, for those who may record it."""
        return self._qms_reason_wizard_action(
            "action_rate_dissatisfied", self.env._("Not Satisfied: Reason")
        )

    # ------------------------------------------------------------------ the one entry point
    def _qms_record_rating(self, rating, reason, channel):
        """Record the applicant's rating, once, on a returned dossier.

        The caller has checked who is rating: the desk's transitions, the look-up page after
        the PIN, the portal after its access check, the connected-system API after its key.
        Returns the complaint opened for a "not satisfied", else an empty recordset."""
        self.ensure_one()
        if rating not in dict(RATINGS):
            raise UserError(self.env._("Choose satisfied, acceptable or not satisfied."))
        if channel not in dict(RATING_CHANNELS):
            raise UserError(self.env._("Unknown rating channel %(channel)s.", channel=channel))
        reason = reason.strip() if isinstance(reason, str) else ""
        if reason != reason.encode("utf-8", "ignore").decode("utf-8"):
            raise UserError(self.env._("The reason contains characters that are not text."))
        if rating == "dissatisfied" and not reason:
            raise UserError(self.env._("Say why you are not satisfied."))
        if len(reason) > MAX_REASON:
            raise UserError(
                self.env._("The reason is too long: at most %(max)s characters.", max=MAX_REASON)
            )
        dossier = self.sudo()
        # a row lock: two clicks of the same applicant do not rate twice
        self.env.cr.execute(
            "SELECT id FROM qms_tthc_dossier WHERE id = %s FOR UPDATE", (dossier.id,)
        )
        dossier.invalidate_recordset(["rating", "state"])
        if dossier.state != "returned":
            raise UserError(
                self.env._(
                    "The dossier %(code)s can be rated once its result has been handed back.",
                    code=dossier.name,
                )
            )
        if dossier.rating:
            raise UserError(
                self.env._("The dossier %(code)s has already been rated.", code=dossier.name)
            )
        dossier._qms_set(
            {
                "rating": rating,
                "rating_reason": reason or False,
                "rating_channel": channel,
                "rated_at": fields.Datetime.now(),
            }
        )
        if rating != "dissatisfied":
            return self.env["qms.feedback"]
        feedback = dossier._qms_open_rating_feedback(reason, channel)
        dossier._qms_raise_repeated_dissatisfaction()
        return feedback

    def _qms_open_rating_feedback(self, reason, channel):
        self.ensure_one()
        feedback = self.env["qms.feedback"]._qms_receive(
            {
                "company_id": self.company_id.id,
                "kind": "dissatisfied",
                "channel": channel,
                "partner_name": self.applicant_id.display_name,
                "contact_phone": self.applicant_phone or False,
                "contact_email": self.applicant_email or False,
                "description": self.env._(
                    "Not satisfied with the dossier %(code)s (%(procedure)s): %(reason)s",
                    code=self.name,
                    procedure=self.procedure_id.display_name,
                    reason=reason,
                ),
                "department_id": self.department_id.id,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self._qms_set({"rating_feedback_id": feedback.id})
        return feedback

    # ------------------------------------------------------------------ repeated ones
    def _qms_raise_repeated_dissatisfaction(self):
        """N "not satisfied" ratings in the agency's window for one procedure, or for one unit,
        are a nonconformity of the unit: raised once while an earlier one is still open."""
        self.ensure_one()
        company = self.company_id
        threshold = company.qms_tthc_rating_nc_count
        if threshold <= 0:
            return self.env["qms.nonconformity"]
        since = fields.Datetime.now() - timedelta(days=company.qms_tthc_rating_nc_days)
        Dossier = self.sudo().with_context(active_test=False)
        base = [
            ("company_id", "=", company.id),
            ("rating", "=", "dissatisfied"),
            ("rated_at", ">=", since),
        ]
        raised = self.env["qms.nonconformity"]
        for subject, field in (
            (self.procedure_id, "procedure_id"),
            (self.department_id, "department_id"),
        ):
            if not subject:
                continue
            count = Dossier.search_count([*base, (field, "=", subject.id)])
            if count < threshold:
                continue
            raised |= self._qms_raise_dissatisfaction_nc(subject, count)
        return raised

    def _qms_raise_dissatisfaction_nc(self, subject, count):
        NC = self.env["qms.nonconformity"].sudo()
        open_one = NC.search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("source", "=", "complaint"),
                ("res_model", "=", subject._name),
                ("res_id", "=", subject.id),
                ("state", "not in", ("closed", "cancelled")),
            ],
            limit=1,
        )
        if open_one:
            return NC.browse()
        unit = self.department_id or self.company_id.qms_standing_department_id
        if not unit:
            return NC.browse()
        env = self.with_context(lang=self.company_id._qms_agency_lang()).env
        title = env._(
            "Repeated dissatisfaction: %(subject)s",
            subject=subject.with_env(env).sudo().display_name,
        )
        return NC.create(
            {
                "title": title,
                "description": env._(
                    "%(count)s applicants were not satisfied within %(days)s days with "
                    "%(subject)s; the last one with the dossier %(code)s.",
                    count=count,
                    days=self.company_id.qms_tthc_rating_nc_days,
                    subject=subject.with_env(env).sudo().display_name,
                    code=self.name,
                ),
                "source": "complaint",
                "res_model": subject._name,
                "res_id": subject.id,
                "department_id": unit.id,
                "company_id": self.company_id.id,
            }
        )

    # ------------------------------------------------------------------ digitisation

    _qms_editable_fields = {
        **_BASE_EDITABLE,
        "in_progress": (*_BASE_EDITABLE["in_progress"], *RESULT_FILE_FIELDS),
        "resolved": (*_BASE_EDITABLE["resolved"], *RESULT_FILE_FIELDS),
    }

    result_file = fields.Binary(string="Digitised Result", attachment=True, copy=False)
    result_filename = fields.Char(string="Result File Name", copy=False)
    is_result_digitised = fields.Boolean(
        string="Result Digitised", compute="_compute_is_result_digitised", store=True
    )
    result_digitised_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    result_digitised_at = fields.Datetime(string="Result Digitised On", readonly=True, copy=False)
    result_reuse_count = fields.Integer(
        string="Reused In",
        compute="_compute_result_reuse_count",
        help="Papers of later dossiers of the same applicant that reuse this digitised result.",
    )
    digitised_component_count = fields.Integer(
        string="Papers Digitised", compute="_compute_digitised_component_count"
    )

    @api.depends("result_file")
    def _compute_is_result_digitised(self):
        for dossier in self:
            dossier.is_result_digitised = bool(dossier.result_file)

    def _compute_result_reuse_count(self):
        counts = dict(
            self.env["qms.tthc.dossier.component"]
            .sudo()
            ._read_group(
                [("reused_dossier_id", "in", self.ids)], ["reused_dossier_id"], ["__count"]
            )
        )
        for dossier in self:
            dossier.result_reuse_count = counts.get(dossier._origin, 0)

    @api.depends("component_ids.is_digitised")
    def _compute_digitised_component_count(self):
        for dossier in self:
            dossier.digitised_component_count = len(dossier.component_ids.filtered("is_digitised"))

    @api.model
    def _qms_all_workflow_fields(self):
        names = {*RATING_FIELDS, *RESULT_DIGITISED_FIELDS}
        return super()._qms_all_workflow_fields() | (names & set(self._fields))

    def _qms_prepare_write_vals(self, vals):
        vals = super()._qms_prepare_write_vals(vals)
        if "result_file" in vals:
            stamp = (
                {
                    "result_digitised_by_id": self.env.uid,
                    "result_digitised_at": fields.Datetime.now(),
                }
                if vals["result_file"]
                else dict.fromkeys(RESULT_DIGITISED_FIELDS, False)
            )
            vals = {**vals, **stamp}
        return vals
