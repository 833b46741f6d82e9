from odoo import api, fields, models

TIMELINESS = [("early", "Early"), ("on_time", "On Time"), ("late", "Late")]


class QmsTthcDossierStep(models.Model):
    """One hand-over of a dossier (a line of the process control slip, form 06 of
    Thông tư 03/2025/TT-VPCP): who gave it,
    who took it, when, until when the step may last, and whether it was early, on time or
    late. Lines are never rewritten: a supplement request interrupts the line and a new one
    starts when the complete dossier comes back.

    Every field is set by the dossier's actions (hand over, supplement, refusal...); a line is
    never edited by hand nor deleted: it is the evidence of who held the dossier when."""

    _name = "qms.tthc.dossier.step"
    _description = "TTHC Dossier Hand-over"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "dossier_id, date_start, id"

    _qms_workflow_fields = (
        "dossier_id",
        "flow_step_id",
        "name",
        "department_id",
        "from_user_id",
        "user_id",
        "date_start",
        "deadline",
        "date_done",
        "result",
        "note",
        "is_late_reminded",
    )
    _qms_editable_fields = {"open": (), "done": (), "interrupted": ()}
    _qms_deletable_states = ()

    dossier_id = fields.Many2one("qms.tthc.dossier", required=True, ondelete="cascade", index=True)
    flow_step_id = fields.Many2one("qms.tthc.step", ondelete="restrict")
    sequence = fields.Integer(related="flow_step_id.sequence", store=True)
    name = fields.Char(string="Step", required=True)
    department_id = fields.Many2one("hr.department", string="Unit", index=True)
    from_user_id = fields.Many2one("res.users", string="Handed Over By")
    user_id = fields.Many2one("res.users", string="Taken By", index=True)
    date_start = fields.Datetime(string="Taken On", required=True)
    deadline = fields.Datetime()
    date_done = fields.Datetime(string="Handed On")
    result = fields.Selection(TIMELINESS)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("interrupted", "Interrupted")],
        required=True,
        default="open",
        index=True,
    )
    note = fields.Text()
    is_late_reminded = fields.Boolean(readonly=True, copy=False)
    company_id = fields.Many2one(related="dossier_id.company_id", store=True, index=True)
    agency_id = fields.Many2one(
        related="department_id.company_id",
        store=True,
        string="Agency",
        help="The agency of the unit that held the dossier: another agency than the dossier's "
        "for a step of an inter-agency procedure (liên thông).",
    )

    def _qms_close(self, state="done", note=None):
        """Close the open line at this moment; its result compares the moment with its deadline."""
        now = fields.Datetime.now()
        dossier = self.dossier_id
        for line in self.filtered(lambda step: step.state == "open"):
            values = {"state": state, "date_done": now}
            if state == "done":
                values["result"] = dossier._qms_timeliness(now, line.deadline)
            if note:
                values["note"] = "\n".join(filter(None, [line.note, note]))
            line._qms_set(values)

    @api.model
    def _qms_remind_late_steps(self, now):
        """The holder of a step past its own deadline is told once, while there may still be
        time to keep the dossier's appointment."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        late = self.search(
            [
                ("state", "=", "open"),
                ("deadline", "<", now),
                ("is_late_reminded", "=", False),
                ("user_id", "!=", False),
                ("dossier_id.state", "in", ("received", "in_progress")),
            ]
        )
        for line in late:
            dossier = line.dossier_id
            dossier.activity_schedule(
                activity_type_id=todo.id,
                summary=self.env._("Step %(step)s is past its deadline", step=line.name),
                user_id=line.user_id.id,
                date_deadline=dossier._qms_local(dossier.appointment_date or line.deadline).date(),
            )
        late._qms_set({"is_late_reminded": True})
