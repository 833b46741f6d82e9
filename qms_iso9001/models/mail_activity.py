from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """Marking a "Xác nhận đã đọc" activity done is the recipient's acknowledgement."""
        ack_type = self.env.ref(
            "qms_iso9001.mail_activity_type_qms_acknowledge", raise_if_not_found=False
        )
        ack_activities = self.filtered(lambda a: ack_type and a.activity_type_id == ack_type)
        if ack_activities:
            self.env["qms.document.distribution"]._acknowledge_from_activities(ack_activities)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
