from odoo import api, fields, models
from odoo.exceptions import UserError


class QmsTthcDossierHandover(models.TransientModel):
    """Hands a dossier on to the next step of its flow (or closes the last one).

    The taker is chosen among the handlers of the next step's unit, so a dossier cannot land on
    the desk of someone who will never see it in their unit's list. The values sent to it are
    checked before use.
    """

    _name = "qms.tthc.dossier.handover"
    _description = "Hand Over Dossier"
    _inherit = ["qms.input.mixin"]

    dossier_id = fields.Many2one("qms.tthc.dossier", required=True, readonly=True)
    current_step_name = fields.Char(
        related="dossier_id.current_step_id.name", string="Current Step"
    )
    next_flow_step_id = fields.Many2one(
        "qms.tthc.step", string="Next Step", compute="_compute_next_flow_step_id"
    )
    next_department_id = fields.Many2one(
        related="next_flow_step_id.department_id", string="Unit of the Next Step"
    )
    is_last_step = fields.Boolean(compute="_compute_next_flow_step_id")
    allowed_user_ids = fields.Many2many("res.users", compute="_compute_allowed_user_ids")
    user_id = fields.Many2one(
        "res.users",
        string="Handed To",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        domain="[('id', 'in', allowed_user_ids)]",
        help="Who takes the dossier for the next step.",
    )
    note = fields.Text()

    @api.depends("dossier_id")
    def _compute_next_flow_step_id(self):
        for wizard in self:
            dossier = wizard.dossier_id
            wizard.next_flow_step_id = dossier._qms_next_flow_step() if dossier else False
            wizard.is_last_step = bool(dossier) and not wizard.next_flow_step_id

    @api.depends("next_flow_step_id")
    def _compute_allowed_user_ids(self):
        handlers = self.env.ref("qms_iso9001_tthc.group_qms_tthc_handler").sudo().all_user_ids
        for wizard in self:
            # the agency of the next step: the coordinating one for an inter-agency step
            dossier = wizard.dossier_id
            company = dossier._qms_step_agency(wizard.next_flow_step_id) if dossier else None
            company = company or self.env.company
            users = handlers.filtered(lambda user, c=company: c in user.company_ids)
            unit = wizard.next_flow_step_id.department_id
            if unit:
                employees = (
                    self.env["hr.employee"]
                    .sudo()
                    .search([("department_id", "child_of", unit.id), ("user_id", "!=", False)])
                )
                users &= employees.user_id
            if wizard.next_flow_step_id:
                users = wizard.next_flow_step_id._qms_role_takers(users)
            wizard.allowed_user_ids = users

    @api.depends("allowed_user_ids")
    def _compute_user_id(self):
        """One possible taker: no need to choose."""
        for wizard in self:
            if len(wizard.allowed_user_ids) == 1:
                wizard.user_id = wizard.allowed_user_ids
            elif wizard.user_id not in wizard.allowed_user_ids:
                wizard.user_id = False

    def action_confirm(self):
        if len(self) != 1:  # over RPC a client may send several, or none
            raise UserError(self.env._("Confirm one form at a time."))
        if not self.is_last_step:
            if not self.user_id:
                raise UserError(self.env._("Choose who takes the dossier for the next step."))
            if self.user_id not in self.allowed_user_ids:
                raise UserError(self._qms_taker_refused_message())
        # the taker's unit is read from their employee, which only HR officers may read
        self.dossier_id.action_hand_over(self.user_id.sudo(), self.note)
        if not self.dossier_id.has_access("read"):
            # handed back by another agency's holder (liên thông): the dossier left their hands
            return self.env["ir.actions.act_window"]._for_xml_id(
                "qms_iso9001_tthc.action_qms_tthc_dossier_my_unit"
            )
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _qms_hand_over_by_ids(self, dossier_id, user_id=False, note=False):
        """The hand-over without the screen, for data files and scripts: same checks."""
        wizard = self.create({"dossier_id": dossier_id, "user_id": user_id, "note": note})
        return wizard.action_confirm()

    def _qms_taker_refused_message(self):
        step = self.next_flow_step_id
        if step and not step._qms_role_takers(self.user_id):
            return self.env._(
                "The step %(step)s is for the role %(role)s: %(user)s does not hold it.",
                step=step.sudo().name,
                role=step._qms_role_label(),
                user=self.user_id.name,
            )
        if self.next_department_id:
            return self.env._(
                "%(user)s is not a procedure handler of %(unit)s: choose someone of the unit of "
                "the next step.",
                user=self.user_id.name,
                unit=self.next_department_id.name,
            )
        return self.env._(
            "%(user)s is not a procedure handler: choose someone who handles dossiers.",
            user=self.user_id.name,
        )
