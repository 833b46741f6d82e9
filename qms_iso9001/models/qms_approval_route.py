from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval


class QmsApprovalRoute(models.Model):
    """An approval chain set up by the QMS manager: ordered steps for records of one model.

    For a record, the most specific active route that matches wins (units, then domain); a route
    marked as default for the model is the fallback.
    """

    _name = "qms.approval.route"
    _description = "Approval Route"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    model_id = fields.Many2one(
        "ir.model",
        string="Applies To",
        required=True,
        ondelete="cascade",
        domain=lambda self: [("model", "in", self._qms_approval_models())],
    )
    model = fields.Char(related="model_id.model", store=True, index=True)
    domain = fields.Char(
        string="Filter",
        default="[]",
        help="Only records matching this filter use the route (e.g. a document type).",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Units",
        help="The route applies to records of these units and their sub-units. Empty: all units.",
    )
    is_default = fields.Boolean(
        string="Default Route",
        help="Used for records of the model that no more specific route matches.",
    )
    step_ids = fields.One2many("qms.approval.route.step", "route_id", string="Steps", copy=True)
    step_count = fields.Integer(compute="_compute_step_count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.model
    def _qms_approval_models(self):
        """Names of the models that inherit the approval mixin."""
        children = self.env.registry["qms.approval.mixin"]._inherit_children
        return [name for name in children if not self.env[name]._abstract]

    @api.depends("step_ids")
    def _compute_step_count(self):
        for route in self:
            route.step_count = len(route.step_ids)

    @api.constrains("step_ids", "active")
    def _check_steps(self):
        for route in self:
            if route.active and not route.step_ids:
                raise ValidationError(
                    self.env._(
                        "The approval route %(name)s has no step: add at least one step "
                        "before using it.",
                        name=route.name,
                    )
                )

    @api.constrains("model_id")
    def _check_model(self):
        allowed = self._qms_approval_models()
        for route in self:
            if route.model not in allowed:
                raise ValidationError(
                    self.env._(
                        "Approval routes cannot be set up for %(model)s.",
                        model=route.model_id.name,
                    )
                )

    def _qms_matches(self, record):
        self.ensure_one()
        if self.department_ids:
            department = record._qms_approval_department()
            ancestors = set(department.sudo().parent_path.split("/")[:-1]) if department else set()
            if not ancestors & {str(unit_id) for unit_id in self.department_ids.ids}:
                return False
        if self.domain and self.domain.strip() not in ("", "[]"):
            domain = Domain(safe_eval(self.domain, {"uid": self.env.uid}))
            if not record.sudo().filtered_domain(domain):
                return False
        return True

    def _qms_specificity(self):
        self.ensure_one()
        return (
            bool(self.department_ids) + bool(self.domain and self.domain.strip() not in ("", "[]")),
            not self.is_default,
            -self.sequence,
            -self.id,
        )

    @api.model
    def _qms_find_route(self, record):
        """The most specific matching route for `record`, else the default one of its model."""
        company = record.company_id if "company_id" in record._fields else self.env.company
        routes = self.sudo().search(
            [
                ("model", "=", record._name),
                ("company_id", "in", [company.id or self.env.company.id]),
            ]
        )
        matching = routes.filtered(lambda route: route._qms_matches(record))
        if not matching:
            return self.browse()
        return max(matching, key=lambda route: route._qms_specificity())

    def _qms_route_departments(self):
        """The units a unit manager's step of this route can meet: the route's units and their
        sub-units, or every active unit of the route's agency."""
        self.ensure_one()
        domain = Domain("company_id", "in", [self.company_id.id, False])
        if self.department_ids:
            domain &= Domain("id", "child_of", self.department_ids.ids)
        return self.env["hr.department"].sudo().search(domain)

    def _qms_unresolved_steps(self):
        """Lines naming each step of these routes that designates nobody, for some unit."""
        problems = []
        for route in self:
            for step in route.step_ids:
                if step.approver_type == "department_manager":
                    places = route._qms_route_departments()
                    missing = places.filtered(
                        lambda unit, step=step, route=route: (
                            not step._qms_candidates(route.company_id, unit)
                        )
                    )
                    problems += [
                        f"{route.name} / {step.name} / {unit.display_name}" for unit in missing
                    ]
                elif not step._qms_candidates(route.company_id):
                    problems.append(f"{route.name} / {step.name}")
        return problems

    @api.model
    def _qms_check_demo_routes(self, routes=None):
        """Called at the end of the demo data: every step of every active route must designate
        at least one active internal user (for a unit manager's step: in every unit it can
        meet), so that each demo request can be completed by a demo login. Installing the demo
        fails loudly otherwise."""
        routes = routes if routes is not None else self.search([])
        problems = routes._qms_unresolved_steps()
        if problems:
            raise UserError(
                self.env._(
                    "These approval steps designate nobody who can log in:\n%(steps)s",
                    steps="\n".join(problems),
                )
            )
        return True
