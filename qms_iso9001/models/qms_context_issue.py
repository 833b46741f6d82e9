from odoo import fields, models

# the mixin must be registered before the models that inherit it
from . import qms_yearly_review_mixin  # noqa: F401

ISSUE_CATEGORIES = [
    ("legal", "Legal and Regulatory"),
    ("political", "Political"),
    ("economic", "Economic"),
    ("social", "Social and Cultural"),
    ("technological", "Technological"),
    ("human_resources", "Human Resources"),
    ("infrastructure", "Infrastructure and Work Environment"),
    ("organisational", "Organisation and Management"),
    ("natural", "Natural Environment"),
    ("other", "Other"),
]


class QmsContextIssue(models.Model):
    """An internal or external issue that affects the agency's QMS (ISO 9001 clause 4.1).

    Risks and opportunities (6.1) are derived from these issues, so they are kept (archived,
    never deleted) and reviewed every year.
    """

    _name = "qms.context.issue"
    _description = "Context Issue"
    _inherit = ["qms.yearly.review.mixin"]
    _order = "issue_type, category, sequence, id"
    _check_company_auto = True

    name = fields.Char(string="Issue", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    issue_type = fields.Selection(
        [("internal", "Internal"), ("external", "External")],
        string="Type",
        required=True,
        default="internal",
        tracking=True,
    )
    category = fields.Selection(ISSUE_CATEGORIES, required=True, default="other", tracking=True)
    effect = fields.Selection(
        [("positive", "Favourable"), ("negative", "Unfavourable"), ("mixed", "Both")],
        string="Effect on the QMS",
        default="negative",
        tracking=True,
    )
    description = fields.Html()
    response = fields.Text(
        string="How the Agency Responds",
        help="What the agency does about the issue: measures, plans, risks raised.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Unit",
        tracking=True,
        index=True,
        check_company=True,
        help="The unit that follows this issue. Empty: the whole agency.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    risk_ids = fields.One2many(
        "qms.risk", "context_issue_id", string="Risks and Opportunities", readonly=True
    )
    risk_count = fields.Integer(compute="_compute_risk_count")

    def _compute_risk_count(self):
        counts = dict(
            self.env["qms.risk"]._read_group(
                [("context_issue_id", "in", self.ids)], ["context_issue_id"], ["__count"]
            )
        )
        for issue in self:
            issue.risk_count = counts.get(issue._origin, 0)

    def action_view_risks(self):
        """Risks and opportunities (6.1) are determined from the context: list this issue's."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("qms_iso9001.action_qms_risk")
        action["domain"] = [("context_issue_id", "=", self.id)]
        action["context"] = {"default_context_issue_id": self.id}
        return action
