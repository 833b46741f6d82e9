import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..deadline import DAY_COUNTINGS

# An agency's electronic identifier (mã định danh điện tử, e.g. "000.00.15.H57"): groups of
# capital letters and digits separated by dots.
ELECTRONIC_ID_PATTERN = re.compile(r"^[A-Z0-9]+(\.[A-Z0-9]+)*$")
ELECTRONIC_ID_MAX_LENGTH = 25


class ResCompany(models.Model):
    _inherit = "res.company"

    qms_tthc_use_cutoff = fields.Boolean(
        string="Procedures Have a Reception Cut-off",
        default=True,
        help="Default of new procedures: a dossier received after the cut-off time counts as "
        "received the next working day. The cut-off is a rule of the procedures that publish "
        'it ("sau 15 giờ thì trong ngày làm việc tiếp theo"), set on each procedure.',
    )
    qms_tthc_cutoff_hour = fields.Float(
        string="Reception Cut-off Time",
        default=15.0,
        help="Default cut-off time of new procedures: a dossier received after this time of "
        "day counts as received the next working day.",
    )
    qms_tthc_day_counting = fields.Selection(
        DAY_COUNTINGS,
        string="Counting of Working Days",
        required=True,
        default="civil_code",
        help="How a limit in working days is counted. Civil Code 2015 Art. 147-148 (default): "
        "the day of reception does not count, the limit ends at closing time of the N-th "
        "working day after it. Working hours: N times the hours of a working day are added to "
        "the moment of reception, as many provincial systems do. Dossiers already received "
        "keep their appointment dates.",
    )
    qms_electronic_id = fields.Char(
        string="Electronic Identifier of the Agency",
        help="The agency's official electronic identifier (mã định danh điện tử), as the "
        "province or ministry assigned it, e.g. 000.00.15.H57. When it is set, dossier codes "
        "start with it (000.00.15.H57-260824-0001), as on the National Public Service Portal; "
        "otherwise with the agency code.",
    )
    qms_tthc_supplement_max = fields.Integer(
        string="Supplement Requests per Dossier",
        default=1,
        help="How many times the agency handling a dossier may ask the applicant for a "
        "supplement. NĐ 118/2025/NĐ-CP and TT 03/2025/TT-VPCP: once, in writing, with the "
        "reasons (default 1). The printed request says it is the only one only when this is 1.",
    )
    qms_tthc_supplement_pauses_clock = fields.Boolean(
        string="The Time Limit Pauses During a Supplement",
        default=True,
        help="NĐ 118/2025/NĐ-CP and TT 03/2025/TT-VPCP (default): the time already spent counts "
        "toward the limit; the clock pauses at the request and what was left of the limit "
        "counts again from the moment the complete dossier is received. Off: the whole time "
        "limit counts again from that moment. The printed request states the rule applied to "
        "the dossier.",
    )
    qms_tthc_backdate_hours = fields.Integer(
        string="Late Recording of a Reception (hours)",
        default=24,
        help="How long after receiving a dossier (on paper, by post) the desk may still record "
        "it with its real reception time. Receptions dated earlier are refused, so that "
        "nobody backdates a dossier to make it look on time.",
    )

    @api.constrains("qms_tthc_cutoff_hour")
    def _check_qms_tthc_cutoff_hour(self):
        if any(not 0 <= company.qms_tthc_cutoff_hour < 24 for company in self):
            raise ValidationError(
                self.env._("The reception cut-off time must be between 00:00 and 23:59.")
            )

    @api.constrains("qms_tthc_backdate_hours")
    def _check_qms_tthc_backdate_hours(self):
        if any(not 0 <= company.qms_tthc_backdate_hours <= 720 for company in self):
            raise ValidationError(
                self.env._(
                    "A reception may be recorded from 0 to 720 hours (30 days) after it happened."
                )
            )

    @api.constrains("qms_tthc_supplement_max")
    def _check_qms_tthc_supplement_max(self):
        if any(not 1 <= company.qms_tthc_supplement_max <= 9 for company in self):
            raise ValidationError(
                self.env._("A dossier may be sent back for a supplement from 1 to 9 times.")
            )

    @api.constrains("qms_electronic_id")
    def _check_qms_electronic_id(self):
        """The identifier starts every dossier code the citizens type on the look-up page: it
        must be well formed and name one agency only."""
        for company in self.filtered("qms_electronic_id"):
            value = company.qms_electronic_id
            if len(value) > ELECTRONIC_ID_MAX_LENGTH or not ELECTRONIC_ID_PATTERN.match(value):
                raise ValidationError(
                    self.env._(
                        "The electronic identifier '%(value)s' is not valid: use capital letters "
                        "and digits in groups separated by dots, at most %(length)s characters "
                        "(e.g. 000.00.15.H57).",
                        value=value,
                        length=ELECTRONIC_ID_MAX_LENGTH,
                    )
                )
            same = self.sudo().search(
                [("id", "!=", company.id), ("qms_electronic_id", "=", value)], limit=1
            )
            if same:
                raise ValidationError(
                    self.env._(
                        "The electronic identifier %(value)s is already the one of %(agency)s.",
                        value=value,
                        agency=same.name,
                    )
                )

    qms_tthc_rating_nc_count = fields.Integer(
        string="Dissatisfied Ratings Raising a Nonconformity",
        default=3,
        help='This many "not satisfied" ratings within the window below, for one procedure or '
        "for one unit, raise a nonconformity of the unit (0: never). Each one already opens a "
        "complaint the standing office answers.",
    )
    qms_tthc_rating_nc_days = fields.Integer(
        string="Window of Dissatisfied Ratings (days)",
        default=90,
        help='The number of days over which "not satisfied" ratings are counted.',
    )

    @api.constrains("qms_tthc_rating_nc_count", "qms_tthc_rating_nc_days")
    def _check_qms_tthc_rating_nc(self):
        for company in self:
            if (
                company.qms_tthc_rating_nc_count < 0
                or not 1 <= company.qms_tthc_rating_nc_days <= 366
            ):
                raise ValidationError(
                    self.env._(
                        "The dissatisfied ratings raising a nonconformity cannot be negative, "
                        "and their window is 1 to 366 days."
                    )
                )
