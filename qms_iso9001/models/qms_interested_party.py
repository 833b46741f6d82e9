from odoo import fields, models


class QmsInterestedParty(models.Model):
    """A party whose needs and expectations the agency must meet (ISO 9001 clause 4.2).

    For an agency these are citizens and businesses, the superior authorities, the inspectorate,
    its own civil servants, partner agencies; how each requirement is met is reviewed yearly.
    """

    _name = "qms.interested.party"
    _description = "Interested Party"
    _inherit = ["qms.yearly.review.mixin"]
    _order = "party_type, sequence, id"
    _check_company_auto = True

    name = fields.Char(string="Interested Party", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    party_type = fields.Selection(
        [("internal", "Internal"), ("external", "External")],
        string="Type",
        required=True,
        default="external",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        help="The organisation or person, when the party is a specific one.",
    )
    needs = fields.Text(help="What the party requires from the agency.")
    expectations = fields.Text(help="What the party hopes for beyond the requirements.")
    response = fields.Text(
        string="How the Agency Meets Them",
        help="Processes, procedures and commitments that answer the needs and expectations.",
    )
    monitoring = fields.Text(
        string="How It Is Monitored",
        help="Surveys, complaints, reports... through which the agency follows satisfaction.",
    )
    influence = fields.Selection(
        [("high", "High"), ("medium", "Medium"), ("low", "Low")],
        string="Influence on the QMS",
        default="medium",
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Unit",
        tracking=True,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
