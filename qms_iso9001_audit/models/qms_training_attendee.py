from odoo import models

AUDITOR_TYPES = ("internal_auditor", "lead_auditor")


class QmsTrainingAttendee(models.Model):
    _inherit = "qms.training.attendee"

    def _qms_apply_qualification(self):
        """Passing an auditor course of a training that took place qualifies the employee: the
        register of auditors (ISO 7.2) is filled from the evidence of competence."""
        result = super()._qms_apply_qualification()
        for line in self.sudo():
            training = line.training_id
            if (
                training.state != "done"
                or line.result != "passed"
                or training.training_type not in AUDITOR_TYPES
            ):
                continue
            vals = {
                "qms_is_internal_auditor": True,
                "qms_auditor_certificate": line.certificate_number or training.name,
                "qms_auditor_certificate_date": training.date_end or training.date,
            }
            if training.training_type == "lead_auditor":
                vals["qms_is_lead_auditor"] = True
            line.employee_id.write(vals)
            line.employee_id.message_post(
                body=self.env._(
                    "Qualified as %(role)s after passing %(training)s.",
                    role=dict(training._fields["training_type"]._description_selection(self.env))[
                        training.training_type
                    ],
                    training=training.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return result
