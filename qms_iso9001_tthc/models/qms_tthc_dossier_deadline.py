from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..deadline import compute_deadline, resume_deadline, working_hours_later
from .qms_tthc_dossier import RUNNING_STATES
from .qms_tthc_processing_time import FILING_METHODS


class QmsTthcDossier(models.Model):
    """The dossier's clock: appointment and step deadlines on the agency's calendar, the time
    limit resumed after a supplement, "overdue", and the hourly deadline job.

    Kept apart from the dossier's fields and transitions (qms_tthc_dossier.py) so that the rule
    of the dates reads in one place; the transitions call it. The rule itself (cut-off, working
    days, hours, calendar days) is `odoo.addons.qms_iso9001_tthc.deadline`.
    """

    # one model in several files on purpose: each reads as one concern (issue 18)
    _inherit = "qms.tthc.dossier"  # pylint: disable=consider-merging-classes-inherited

    def _qms_calendar(self):
        company = self.company_id or self.env.company
        return company.sudo()._qms_deadline_calendar()

    def _qms_planner(self, start, days=60):
        """Working time from a little before `start`: one load serves a dossier's dates."""
        calendar = self._qms_calendar()
        return calendar._qms_deadline_planner(
            start.date() - timedelta(days=2), start.date() + timedelta(days=days)
        )

    @api.model
    def _qms_tz_name(self, company=None):
        """The agency's clock (the core's, see `res.company._qms_tz_name`)."""
        return (company or self.env.company)._qms_tz_name()

    @api.model
    def _qms_utc_bounds(self, date_from, date_to, company=None):
        """UTC moments [start, end) of the agency's local days `date_from`..`date_to`: the
        core's one local-day convention (`res.company._qms_day_bounds`)."""
        return (company or self.env.company)._qms_day_bounds(date_from, date_to)

    def _qms_local(self, moment):
        tz = pytz.timezone(self._qms_tz_name(self.company_id))
        return pytz.utc.localize(moment).astimezone(tz)

    def _qms_legal_limit(self):
        """The procedure's processing time for the dossier's channel."""
        self.ensure_one()
        limits = self.procedure_id.processing_time_ids
        limit = limits.filtered(lambda time: time.filing_method == self.channel)[:1]
        if not limit:
            raise UserError(
                self.env._(
                    "%(procedure)s has no processing time for the filing method %(channel)s: "
                    "complete the catalogue first.",
                    procedure=self.procedure_id.display_name,
                    channel=dict(FILING_METHODS).get(self.channel, self.channel),
                )
            )
        return limit

    def _qms_hours_per_day(self):
        return self._qms_calendar().hours_per_day or 8.0

    def _qms_deadline(self, moment, kind, duration, cutoff_hour=None, planner=None):
        """(counting start, deadline) of a limit for the dossier, from `moment` (naive UTC):
        the one rule of `odoo.addons.qms_iso9001_tthc.deadline`, with the agency's calendar
        and its reading of working days."""
        company = self.company_id or self.env.company
        if planner is None:
            days = int(duration or 0) * 2 + 60 if kind in ("day", "calendar_day") else 60
            planner = self._qms_planner(moment, days=days)
        return compute_deadline(
            planner,
            moment,
            kind,
            duration,
            cutoff_hour=cutoff_hour,
            counting=company.sudo().qms_tthc_day_counting or "civil_code",
            hours_per_day=self._qms_hours_per_day(),
        )

    def _qms_appointment(self, moment, planner=None):
        """(counting start, appointment date) of the procedure's limit for the dossier received
        at `moment`, with the procedure's own cut-off; no appointment (False) when the limit is
        not stated or could not be read: none is invented."""
        self.ensure_one()
        limit = self._qms_legal_limit()
        kind = "unstated" if limit.is_unreadable else limit.unit
        start, appointment = self._qms_deadline(
            moment, kind, limit.duration, self.procedure_id._qms_cutoff(), planner
        )
        if not appointment and kind != "unstated":
            raise UserError(
                self.env._("The deadline calendar has no working time to date this dossier.")
            )
        return start, appointment

    def _qms_timeliness(self, moment, deadline):
        """Late after the deadline; early when done on a local day before the deadline's day."""
        if not deadline:
            return "on_time"
        if moment > deadline:
            return "late"
        if self._qms_local(moment).date() < self._qms_local(deadline).date():
            return "early"
        return "on_time"

    def _qms_step_deadline(self, flow_step, start, planner=None, appointment=None):
        """The deadline of a step handed over at `start`: its own kind and duration counted by
        the same rule as the appointment (no reception cut-off inside the agency), never later
        than the appointment date (the dossier's, unless the reception gives the one it is
        about to record)."""
        _start, deadline = self._qms_deadline(
            start, flow_step.duration_unit, flow_step.duration, planner=planner
        )
        deadline = deadline or start
        if appointment is None:
            appointment = self.appointment_date
        if appointment and start < appointment < deadline:
            return appointment
        return deadline

    def _qms_batch_planner(self, calendar):
        """One load of working time for all the dossiers of a batch (imports, concurrency)."""
        moments = self.mapped("received_at")
        return calendar._qms_deadline_planner(
            min(moments).date() - timedelta(days=2), max(moments).date() + timedelta(days=60)
        )

    @api.model
    def _qms_overdue_domain(self, now=None):
        """The one definition of an overdue dossier: its time runs (received or in progress,
        not waiting for a supplement) and its appointment date is past."""
        return Domain("state", "in", RUNNING_STATES) & Domain(
            "appointment_date", "<", now or fields.Datetime.now()
        )

    @api.depends("state", "appointment_date")
    def _compute_is_overdue(self):
        overdue = self.filtered_domain(self._qms_overdue_domain())
        for dossier in self:
            dossier.is_overdue = dossier in overdue

    def _search_is_overdue(self, operator, value):
        """Compared with the clock at search time, so the list's Overdue filter is right
        between two runs of the deadline job."""
        if operator != "in":
            return NotImplemented
        if True in value and False in value:
            return Domain.TRUE
        overdue = self._qms_overdue_domain()
        return overdue if True in value else ~overdue

    def _qms_resume_planner(self, now):
        """Working time from the pause to well after the resumption."""
        paused = self.supplement_requested_at or now
        return self._qms_planner(paused, days=(now - paused).days + 120)

    def _qms_resumed_appointment(self, now):
        """(counting start, appointment date) once the supplement is received at `now`, the
        time already spent counting: what was left of the procedure's limit at the pause,
        counted from `now` by the one rule, with the procedure's cut-off."""
        self.ensure_one()
        limit = self._qms_legal_limit()
        kind = "unstated" if limit.is_unreadable else limit.unit
        company = self.company_id.sudo()
        return resume_deadline(
            self._qms_resume_planner(now),
            kind,
            limit.duration,
            self.appointment_date,
            paused_at=self.supplement_requested_at or now,
            resumed_at=now,
            cutoff_hour=self.procedure_id._qms_cutoff(),
            counting=company.qms_tthc_day_counting or "civil_code",
            hours_per_day=self._qms_hours_per_day(),
        )

    def _qms_resumed_step_deadline(self, interrupted, now):
        """The deadline of the step reopened at `now`: what was left of the interrupted one,
        never later than the appointment; None (a full new step) when it had no deadline."""
        self.ensure_one()
        flow_step = interrupted.flow_step_id
        if not interrupted.deadline or not interrupted.date_done:
            return None
        company = self.company_id.sudo()
        _start, deadline = resume_deadline(
            self._qms_resume_planner(now),
            flow_step.duration_unit,
            flow_step.duration,
            interrupted.deadline,
            paused_at=interrupted.date_done,
            resumed_at=now,
            counting=company.qms_tthc_day_counting or "civil_code",
            hours_per_day=self._qms_hours_per_day(),
        )
        deadline = deadline or now
        if self.appointment_date and now < self.appointment_date < deadline:
            return self.appointment_date
        return deadline

    def _qms_format_local(self, moment, company=None):
        if not moment:
            return ""
        tz = pytz.timezone(self._qms_tz_name(company or self.company_id or None))
        return pytz.utc.localize(moment).astimezone(tz).strftime("%H:%M %d/%m/%Y")

    @api.model
    def _cron_qms_dossier_deadlines(self):
        """Record the NC of the overdue dossiers that have none yet, remind the holders of
        steps past their own deadline, and remind holders to apologise one working day before
        the appointment."""
        now = fields.Datetime.now()
        # a hand-over may have raised the NC already
        overdue = self.search(
            self._qms_overdue_domain(now) & Domain("nonconformity_id", "=", False)
        )
        overdue._qms_raise_late_nonconformity()
        self.env["qms.tthc.dossier.step"]._qms_remind_late_steps(now)
        self._qms_remind_apology(now)

    def _qms_remind_apology(self, now):
        candidates = self.search(
            [
                ("state", "in", ("received", "in_progress")),
                ("apology_date", "=", False),
                ("is_apology_reminded", "=", False),
                ("appointment_date", ">", now),
                ("appointment_date", "<", now + timedelta(days=7)),
            ]
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for dossiers in candidates.grouped("company_id").values():
            limit = working_hours_later(
                dossiers[:1]._qms_planner(now), now, dossiers[:1]._qms_hours_per_day()
            )
            if not limit:
                continue
            for dossier in dossiers.filtered_domain([("appointment_date", "<=", limit)]):
                dossier.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=self.env._("Due within a working day: apologise if it will be late"),
                    user_id=(dossier.current_user_id or dossier.received_by_id).id,
                    date_deadline=dossier._qms_local(dossier.appointment_date).date(),
                )
                dossier._qms_set({"is_apology_reminded": True})
