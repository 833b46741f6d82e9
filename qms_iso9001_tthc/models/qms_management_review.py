from odoo import models


class QmsManagementReview(models.Model):
    """Input 9.3.2 on the administrative procedures: which procedures the agency runs through
    ISO flows, and what changed in the catalogue and the flows during the period."""

    _inherit = "qms.management.review"

    def _qms_input_tthc_performance(self):
        self.ensure_one()
        company_domain = [("company_id", "=", self.company_id.id)]
        Procedure = self.env["qms.tthc.procedure"]
        in_force = Procedure._read_group(
            [*company_domain, ("state", "!=", "abolished")],
            ["field_id"],
            ["__count"],
        )
        with_flow = dict(
            Procedure._read_group(
                [*company_domain, ("state", "!=", "abolished"), ("current_flow_id", "!=", False)],
                ["field_id"],
                ["__count"],
            )
        )
        if not in_force:
            return self._qms_html_missing(
                self.env._("No administrative procedure is recorded in the catalogue.")
            )
        rows = [
            (field.display_name, count, with_flow.get(field, 0))
            for field, count in sorted(in_force, key=lambda row: row[0].display_name or "")
        ]
        total = sum(count for _field, count in in_force)
        rows.append((self.env._("Total"), total, sum(with_flow.values())))
        html = self._qms_html_table(
            [
                self.env._("Field"),
                self.env._("Administrative procedures in force"),
                self.env._("With an ISO flow in force"),
            ],
            rows,
        )
        flows = self.env["qms.tthc.flow"].search_count(
            [*company_domain, *self._qms_period_domain("date_approved", True)]
        )
        amended = Procedure.search_count(
            [*company_domain, *self._qms_period_domain("date_amended")]
        )
        abolished = Procedure.with_context(active_test=False).search_count(
            [*company_domain, *self._qms_period_domain("date_abolished")]
        )
        return html + self._qms_html_paragraph(
            self.env._(
                "In the period: %(flows)s flow version(s) approved, %(amended)s procedure(s) "
                "amended and %(abolished)s abolished.",
                flows=flows,
                amended=amended,
                abolished=abolished,
            )
        )
