import calendar
import datetime
import re

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

AGENCY_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{0,19}$")
# A Vietnamese state agency works in Vietnamese and on Hanoi time unless set otherwise.
AGENCY_LANG = "vi_VN"
AGENCY_TZ = "Asia/Ho_Chi_Minh"


class ResCompany(models.Model):
    _inherit = "res.company"

    qms_agency_name = fields.Char(
        string="Agency Name",
        help="Official name printed on QMS forms and reports, e.g. 'Sở Tư pháp tỉnh Quảng Trị'.",
    )
    qms_governing_body = fields.Char(
        string="Governing Body",
        help="The body directly above the agency (cơ quan chủ quản), printed above the agency's "
        "name in the header of every form and report, as Nghị định 30/2020/NĐ-CP lays out "
        "administrative documents, e.g. 'Ủy ban nhân dân tỉnh Quảng Trị' above 'Sở Tư pháp'. "
        "Leave it empty when the agency has none.",
    )
    qms_agency_code = fields.Char(
        string="Agency Code",
        help="Short code used in document and dossier numbers, e.g. 'STP'.",
    )
    qms_standard_version = fields.Char(
        string="Applied Standard",
        default="TCVN ISO 9001:2015",
        required=True,
    )
    qms_standing_department_id = fields.Many2one(
        "hr.department",
        string="ISO Standing Unit",
        domain="[('company_id', 'in', [id, False])]",
        help="The unit that acts as standing office of the ISO steering committee.",
    )
    qms_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Deadline Calendar",
        default=lambda self: self.env.ref(
            "qms_iso9001.resource_calendar_agency", raise_if_not_found=False
        ),
        domain="[('company_id', 'in', [id, False])]",
        help="Working hours and public holidays used for every QMS deadline. "
        "Defaults to the company's working hours.",
    )

    @api.constrains("qms_agency_code")
    def _check_qms_agency_code(self):
        for company in self.filtered("qms_agency_code"):
            if not AGENCY_CODE_PATTERN.match(company.qms_agency_code):
                raise ValidationError(
                    self.env._(
                        "The agency code '%(code)s' is not valid: use 1 to 20 capital letters, "
                        "digits, dots or dashes, starting with a letter or digit (e.g. STP).",
                        code=company.qms_agency_code,
                    )
                )

    @api.constrains("qms_standing_department_id")
    def _check_qms_standing_department(self):
        for company in self:
            department = company.qms_standing_department_id
            if department.company_id and department.company_id != company:
                raise ValidationError(
                    self.env._(
                        "The ISO standing unit must belong to %(company)s.", company=company.name
                    )
                )

    @api.model
    def _qms_set_default_calendar(self):
        """Agencies installed before the office-hours calendar existed get it too."""
        calendar = self.env.ref("qms_iso9001.resource_calendar_agency", raise_if_not_found=False)
        if calendar:
            self.search([("qms_calendar_id", "=", False)]).qms_calendar_id = calendar

    def _qms_deadline_calendar(self):
        """Deadlines must follow one calendar per agency even when employees have their own."""
        self.ensure_one()
        return self.qms_calendar_id or self.resource_calendar_id

    qms_ack_reminder_days = fields.Integer(
        string="Read Reminder (days)",
        default=7,
        help="Recipients who have not confirmed reading an issued document are reminded every "
        "this many days (0: never).",
    )
    qms_objective_reminder_days = fields.Integer(
        string="Measurement Reminder (days)",
        default=7,
        help="The person responsible for a quality objective is reminded this many days before "
        "each measurement is due.",
    )
    qms_risk_likelihood_max = fields.Integer(
        string="Risk Likelihood Scale",
        default=5,
        help="Highest likelihood a risk can be rated (scale from 1).",
    )
    qms_risk_impact_max = fields.Integer(
        string="Risk Impact Scale",
        default=5,
        help="Highest impact a risk can be rated (scale from 1).",
    )

    @api.constrains("qms_risk_likelihood_max", "qms_risk_impact_max")
    def _check_qms_risk_scale(self):
        """A rating scale below 2 cannot tell risks apart; above 10 nobody rates consistently."""
        for company in self:
            for value in (company.qms_risk_likelihood_max, company.qms_risk_impact_max):
                if not 2 <= value <= 10:
                    raise ValidationError(
                        self.env._(
                            "A risk rating scale must go from 1 up to 2-10 (got %(value)s).",
                            value=value,
                        )
                    )
            self.env["qms.risk"]._check_scale_fits(company)

    qms_action_escalation_days = fields.Integer(
        string="Overdue Action Escalation (days)",
        default=3,
        help="An overdue action is escalated to the responsible's manager this many days after "
        "the responsible was reminded.",
    )

    qms_delegation_max_days = fields.Integer(
        string="Longest Delegation (days)",
        default=90,
        help="An approver delegates their approvals for at most this many days at a time.",
    )
    qms_approval_escalation_days = fields.Integer(
        string="Approval Escalation (working days)",
        default=2,
        help="An approval step still undecided this many working days after its deadline is "
        "escalated to the standing office.",
    )
    qms_upload_max_mb = fields.Integer(
        string="Largest File (MB)",
        default=25,
        help="Files attached to controlled documents and records may not be larger.",
    )

    qms_require_signature = fields.Boolean(
        string="Require Signed Documents",
        help="A revision is issued only when its main file is a PDF with a valid digital "
        "signature leading to one of the agency's trusted roots.",
    )

    @api.constrains("qms_delegation_max_days", "qms_approval_escalation_days", "qms_upload_max_mb")
    def _check_qms_limits(self):
        for company in self:
            if company.qms_delegation_max_days < 1 or company.qms_upload_max_mb < 1:
                raise ValidationError(
                    self.env._("The longest delegation and the largest file must be positive.")
                )
            if company.qms_approval_escalation_days < 0:
                raise ValidationError(self.env._("The approval escalation cannot be negative."))

    def _qms_agency_lang(self):
        """The language the agency's shared records (the holidays of its calendar, the NC of a
        late dossier...) and official documents (announcement decisions, periodic reports) are
        written in: its own (the company's partner) when installed, else Vietnamese when
        installed, else the caller's. A scheduled job runs with no language of its own."""
        self.ensure_one()
        installed = dict(self.env["res.lang"].get_installed())
        for code in (self.partner_id.lang, AGENCY_LANG, self.env.lang):
            if code and code in installed:
                return code
        return "en_US"

    qms_feedback_answer_days = fields.Integer(
        string="Feedback Answer Time (working days)",
        default=10,
        help="A complaint or feedback of a citizen or organisation is answered by the standing "
        "office within this many working days of the agency's calendar (0: no time limit). "
        "Default 10, the time the agency sets itself for answering feedback; check it against "
        "the rules the province applies.",
    )

    @api.constrains("qms_feedback_answer_days")
    def _check_qms_feedback_answer_days(self):
        for company in self:
            if not 0 <= company.qms_feedback_answer_days <= 90:
                raise ValidationError(
                    self.env._("The time to answer feedback must be 0 to 90 working days.")
                )

    # Reporting regime (NĐ 09/2019/NĐ-CP, Art. 12): figures are taken up to a cut-off day, by
    # default the 14th of December for the year (from the 15th of December of the year before)
    # and the 14th of June for the first six months.
    qms_report_cutoff_day = fields.Integer(
        string="Report Cut-off Day",
        default=14,
        help="Last day counted in a reporting year, with the month below (default 14 December: "
        "the year runs from 15 December of the year before, the first six months to 14 June).",
    )
    qms_report_cutoff_month = fields.Integer(string="Report Cut-off Month", default=12)
    qms_unit_report_due_days = fields.Integer(
        string="Unit Reports Due (days)",
        default=3,
        help="Days after the cut-off by which the units send their six-monthly reports to the "
        "standing office.",
    )
    qms_report_due_days = fields.Integer(
        string="Agency Report Due (days)",
        default=6,
        help="Days after the cut-off by which the agency's report is sent.",
    )

    @api.constrains(
        "qms_report_cutoff_day",
        "qms_report_cutoff_month",
        "qms_unit_report_due_days",
        "qms_report_due_days",
    )
    def _check_qms_report_cutoff(self):
        for company in self:
            month, day = company.qms_report_cutoff_month, company.qms_report_cutoff_day
            # a cut-off every year has: no 29 February, no 31st of a 30-day month
            if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2001, month)[1]:
                raise ValidationError(
                    self.env._(
                        "%(day)s/%(month)s is not a cut-off day every year has.",
                        day=day,
                        month=month,
                    )
                )
            if min(company.qms_unit_report_due_days, company.qms_report_due_days) < 0:
                raise ValidationError(self.env._("Reports cannot be due before the cut-off."))

    def _qms_report_cutoff(self, year):
        """The last day counted in reporting year `year`."""
        self.ensure_one()
        month = self.qms_report_cutoff_month or 12
        day = min(self.qms_report_cutoff_day or 14, calendar.monthrange(year, month)[1])
        return datetime.date(year, month, day)

    def _qms_report_period(self, report_type, year, half=False):
        """(first day, last day) of a reporting period: the year runs from the day after the
        previous year's cut-off to this year's; its first half ends six months after it starts,
        the second half at the cut-off."""
        self.ensure_one()
        start = self._qms_report_cutoff(year - 1) + datetime.timedelta(days=1)
        end = self._qms_report_cutoff(year)
        if report_type != "half_year":
            return start, end
        middle = start + relativedelta(months=6) - datetime.timedelta(days=1)
        if half == "2":
            return middle + datetime.timedelta(days=1), end
        return start, middle

    # ------------------------------------------------------------------ the agency's clock
    def _qms_tz_name(self):
        """The agency's clock: the time zone of its deadline calendar (else the caller's, else
        Hanoi's), for dates shown, printed and counted by local day. One clock for every
        period the QMS counts, so a record made at 23:30 on the last day of a period is counted
        in that period by the reports, the review, the emulation and the dossier statistics."""
        self.ensure_one()
        return self.sudo()._qms_deadline_calendar().tz or self.env.user.tz or AGENCY_TZ

    def _qms_local_day(self, moment):
        """The agency's local day of `moment` (a naive UTC datetime, as the ORM stores it)."""
        self.ensure_one()
        if not moment:
            return False
        moment = fields.Datetime.to_datetime(moment)
        aware = moment if moment.tzinfo else pytz.utc.localize(moment)
        return aware.astimezone(pytz.timezone(self._qms_tz_name())).date()

    def _qms_day_bounds(self, date_from, date_to):
        """Naive UTC moments [start, end) of the agency's local days `date_from`..`date_to`:
        the bounds a Datetime field is compared with when a period is cut (07:00 in Hanoi is
        midnight UTC, so UTC days would move the first seven hours of each day to the day
        before)."""
        self.ensure_one()
        tz = pytz.timezone(self._qms_tz_name())

        def to_utc(day):
            moment = tz.localize(datetime.datetime.combine(day, datetime.time.min))
            return moment.astimezone(pytz.utc).replace(tzinfo=None)

        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        return to_utc(date_from), to_utc(date_to + datetime.timedelta(days=1))
