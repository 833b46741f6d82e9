from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class QmsRiskLevel(models.Model):
    """One band of the risk matrix: scores from min to max share a colour and a duty to act.

    The bands must tile the scores from 1 upwards without gap or overlap, so any score has
    exactly one level. Moving one boundary moves the neighbour's with it, so an officer can
    widen a band in a single edit instead of fighting the validation.
    """

    _name = "qms.risk.level"
    _description = "Risk Level"
    _order = "min_score, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    min_score = fields.Integer(string="From Score", required=True)
    max_score = fields.Integer(string="To Score", required=True)
    color = fields.Char(
        string="Colour",
        required=True,
        default="#4caf50",
        help="Colour of the band in the risk matrix and the Excel register (e.g. #ff9800).",
    )
    requires_action = fields.Boolean(
        help="A risk at this level that is not simply accepted needs at least one action "
        "before its treatment can start.",
    )
    description = fields.Text(translate=True)

    _min_positive = models.Constraint(
        "CHECK (min_score >= 1 AND max_score >= min_score)",
        "A risk level goes from a score of at least 1 up to a score not below it.",
    )

    @api.model
    def _level_for_score(self, score, levels=None):
        """The band holding `score`; a score above every band belongs to the highest one."""
        if not score:
            return self.browse()
        levels = levels if levels is not None else self.search([])
        for level in levels:
            if level.min_score <= score <= level.max_score:
                return level
        above = levels.filtered(lambda lvl: lvl.max_score < score)
        return above.sorted("max_score")[-1:] if above else self.browse()

    def _check_ranges(self):
        """Bands must start at 1 and follow each other without gap nor overlap."""
        levels = self.sudo().search([])
        previous = None
        for level in levels:
            if level.min_score < 1 or level.max_score < level.min_score:
                raise ValidationError(
                    self.env._(
                        "The risk level '%(name)s' must go from a score of at least 1 up to a "
                        "score not below it.",
                        name=level.name,
                    )
                )
            expected = previous.max_score + 1 if previous else 1
            if level.min_score != expected:
                raise ValidationError(
                    self.env._(
                        "The risk levels must follow each other without gap or overlap: "
                        "'%(name)s' starts at %(start)s but should start at %(expected)s.",
                        name=level.name,
                        start=level.min_score,
                        expected=expected,
                    )
                )
            previous = level

    def _check_vals(self, vals):
        """Catch a bad band before the database constraint turns it into an integrity error."""
        for name in ("min_score", "max_score"):
            value = vals.get(name)
            if name in vals and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValidationError(
                    self.env._(
                        "The scores of a risk level are whole numbers (got %(value)s).",
                        value=value,
                    )
                )
        min_score = vals.get("min_score", self[:1].min_score if self else 1)
        max_score = vals.get("max_score", self[:1].max_score if self else min_score)
        if min_score < 1 or max_score < min_score:
            raise ValidationError(
                self.env._(
                    "A risk level goes from a score of at least 1 up to a score not below it "
                    "(got %(min)s - %(max)s).",
                    min=min_score,
                    max=max_score,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_vals(vals)
        levels = super().create(vals_list)
        levels._check_ranges()
        return levels

    def write(self, vals):
        for level in self:
            level._check_vals(vals)
        if len(self) == 1 and ("min_score" in vals or "max_score" in vals):
            self._move_neighbours(vals)
        result = super().write(vals)
        if {"min_score", "max_score"} & set(vals):
            self._check_ranges()
            risks = self.env["qms.risk"].sudo().with_context(active_test=False)
            risks.search([])._recompute_levels()
        return result

    def _move_neighbours(self, vals):
        """Keep the adjacent bands touching when a boundary of this one moves.

        The neighbour's boundary is written with the ORM's own write (as the same user, so with
        the same rights), skipping only this override: the tiling of all the bands is checked
        once, after this band has moved too."""
        others = self.search([("id", "!=", self.id)])
        if "max_score" in vals and vals["max_score"] != self.max_score:
            upper = others.filtered(lambda lvl: lvl.min_score == self.max_score + 1)
            if upper and vals["max_score"] < upper.max_score:
                super(QmsRiskLevel, upper).write({"min_score": vals["max_score"] + 1})
        if "min_score" in vals and vals["min_score"] != self.min_score:
            lower = others.filtered(lambda lvl: lvl.max_score == self.min_score - 1)
            if lower and vals["min_score"] > lower.min_score:
                super(QmsRiskLevel, lower).write({"max_score": vals["min_score"] - 1})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self.env["qms.risk"].with_context(active_test=False).sudo()
        if used.search_count(
            ["|", ("level_id", "in", self.ids), ("residual_level_id", "in", self.ids)], limit=1
        ):
            raise UserError(
                self.env._(
                    "This risk level is used by risks in the register: change its boundaries "
                    "instead of deleting it."
                )
            )

    def unlink(self):
        result = super().unlink()
        self.env["qms.risk.level"]._check_ranges()
        return result
