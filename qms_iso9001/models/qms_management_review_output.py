from odoo import api, fields, models
from odoo.exceptions import UserError

# The decision and its type are frozen with the minutes; who carries it out, by when and through
# which record can still be settled after the meeting, when decisions are followed up.
FOLLOW_UP_FIELDS = {"action_id", "task_id", "responsible_id", "department_id", "date_deadline"}


class QmsManagementReviewOutput(models.Model):
    """A decision of the management review (ISO 9001 clause 9.3.3) and how it is followed up.

    A decision becomes a `qms.action` or a task of the year's ISO plan; its follow-up status is
    read from that record, and the next review reports it as "status of previous actions".
    """

    _name = "qms.management.review.output"
    _description = "Management Review Decision"
    _order = "review_id, sequence, id"

    review_id = fields.Many2one(
        "qms.management.review", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Decision", required=True)
    output_type = fields.Selection(
        [
            ("improvement", "Improvement Opportunity"),
            ("qms_change", "Change to the QMS"),
            ("resource_need", "Resource Need"),
        ],
        string="Type",
        required=True,
        default="improvement",
    )
    department_id = fields.Many2one("hr.department", string="Unit in Charge")
    responsible_id = fields.Many2one("res.users")
    date_deadline = fields.Date(string="Deadline")
    action_id = fields.Many2one("qms.action", readonly=True, copy=False, index="btree_not_null")
    task_id = fields.Many2one(
        "qms.plan.task", string="Plan Task", readonly=True, copy=False, index="btree_not_null"
    )
    follow_up_state = fields.Selection(
        [
            ("not_planned", "Not Followed Up Yet"),
            ("in_progress", "In Progress"),
            ("overdue", "Overdue"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        string="Follow-up",
        compute="_compute_follow_up_state",
    )
    review_state = fields.Selection(related="review_id.state", string="Review Status")
    review_date = fields.Date(related="review_id.date", string="Review Date")
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)

    def _qms_follow_up_record(self):
        """The action or plan task that carries the decision out (empty when not planned)."""
        self.ensure_one()
        for field_name in ("action_id", "task_id"):
            if field_name in self._fields and self[field_name]:
                return self[field_name].sudo()
        return None

    @api.depends(
        "action_id.state", "action_id.date_deadline", "task_id.state", "task_id.date_deadline"
    )
    def _compute_follow_up_state(self):
        today = fields.Date.context_today(self)
        for output in self:
            record = output._qms_follow_up_record()
            if record is None:
                output.follow_up_state = "not_planned"
            elif record.state in ("done", "cancelled"):
                output.follow_up_state = record.state
            elif record.date_deadline and record.date_deadline < today:
                output.follow_up_state = "overdue"
            else:
                output.follow_up_state = "in_progress"

    @api.model_create_multi
    def create(self, vals_list):
        reviews = self.env["qms.management.review"].browse(
            [vals["review_id"] for vals in vals_list if vals.get("review_id")]
        )
        reviews._qms_check_editable()
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - FOLLOW_UP_FIELDS:
            self.review_id._qms_check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_draft_only(self):
        if any(output.review_id.state != "draft" for output in self):
            raise UserError(
                self.env._("The decisions of a submitted or approved review cannot be deleted.")
            )

    def _qms_check_can_follow_up(self):
        self.ensure_one()
        if self.review_id.state != "approved":
            raise UserError(self.env._("Decisions are followed up once the minutes are approved."))
        if self._qms_follow_up_record() is not None:
            raise UserError(
                self.env._(
                    "This decision is already followed up by %(record)s.",
                    record=self._qms_follow_up_record().display_name,
                )
            )

    def _qms_check_assignable(self):
        self.ensure_one()
        if not self.responsible_id or not self.date_deadline:
            raise UserError(
                self.env._(
                    "Give the decision a responsible person and a deadline before following it "
                    "up: %(decision)s",
                    decision=self.name,
                )
            )

    def action_create_action(self):
        """Follow the decision up as an improvement action (qms.action) of the review."""
        self.ensure_one()
        self.review_id.check_access("read")
        self.check_access("write")
        self._qms_check_can_follow_up()
        self._qms_check_assignable()
        review = self.review_id
        action = self.env["qms.action"].create(
            {
                "name": self.name[:250],
                "description": self.name,
                "action_type": "improvement",
                "management_review_id": review.id,
                "res_model": review._name,
                "res_id": review.id,
                "department_id": self.department_id.id,
                "responsible_id": self.responsible_id.id,
                "date_deadline": self.date_deadline,
                "company_id": review.company_id.id,
            }
        )
        self.action_id = action
        review.message_post(
            body=self.env._("Decision followed up by the action %(action)s.", action=action.name),
            subtype_xmlid="mail.mt_note",
        )
        return self._qms_open(action)

    def _qms_current_plan(self):
        """The agency's ISO plan of the current year that the task joins (not a unit's plan)."""
        self.ensure_one()
        year = fields.Date.context_today(self).year
        plan = self.env["qms.plan"].search(
            [
                ("company_id", "=", self.review_id.company_id.id),
                ("year", "=", year),
                ("department_id", "=", False),
                ("state", "in", ["draft", "to_approve", "approved"]),
            ],
            order="id desc",
            limit=1,
        )
        if not plan:
            raise UserError(
                self.env._(
                    "There is no ISO plan for %(year)s to add the task to: draft the plan of the "
                    "year first.",
                    year=year,
                )
            )
        return plan

    def action_create_plan_task(self):
        """Follow the decision up as a task of the current year's ISO plan."""
        self.ensure_one()
        self.check_access("write")
        self._qms_check_can_follow_up()
        self._qms_check_assignable()
        plan = self._qms_current_plan()
        task = self.env["qms.plan.task"].create(
            {
                "plan_id": plan.id,
                "name": self.name[:250],
                "description": self.name,
                "department_id": self.department_id.id,
                "user_id": self.responsible_id.id,
                "date_start": fields.Date.context_today(self),
                "date_deadline": self.date_deadline,
            }
        )
        self.task_id = task
        self.review_id.message_post(
            body=self.env._("Decision followed up by the plan task %(task)s.", task=task.name),
            subtype_xmlid="mail.mt_note",
        )
        return self._qms_open(task)

    @staticmethod
    def _qms_open(record):
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }
