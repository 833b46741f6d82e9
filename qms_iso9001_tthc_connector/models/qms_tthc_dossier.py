from odoo import api, fields, models

from .qms_tthc_outbox_message import OPERATORS


class QmsTthcDossier(models.Model):
    """Each event of a dossier's life is told to the connected systems.

    The transitions of qms_iso9001_tthc keep their rules: each override calls them first (their
    checks and writes run unchanged) and then writes the outbox messages of the event. A
    transition that fails writes none, and a message written in a transaction that is rolled
    back disappears with it, so what the systems hear is what happened.
    """

    _inherit = "qms.tthc.dossier"

    outbox_message_ids = fields.One2many(
        "qms.tthc.outbox.message",
        "dossier_id",
        string="Messages to Connected Systems",
        readonly=True,
        groups=",".join(OPERATORS),
    )

    def _qms_connector_event(self, event, note=None):
        return self.env["qms.tthc.outbox.message"]._qms_queue_event(self, event, note=note)

    @api.model_create_multi
    def create(self, vals_list):
        dossiers = super().create(vals_list)
        # an imported history was received on the system it came from, which told the others
        dossiers.filtered(lambda dossier: dossier.origin != "imported")._qms_connector_event(
            "received"
        )
        return dossiers

    def _qms_record_rating(self, rating, reason, channel):
        feedback = super()._qms_record_rating(rating, reason, channel)
        self._qms_connector_event("rated", note=self.rating_reason or None)
        return feedback

    def _qms_hand_over(self, taker, note=False):
        result = super()._qms_hand_over(taker, note=note)
        # after the last step the dossier resolves: `_qms_mark_resolved` tells that event
        self.filtered(lambda dossier: dossier.state != "resolved")._qms_connector_event(
            "handed_over", note=note or None
        )
        return result

    def _qms_mark_resolved(self):
        result = super()._qms_mark_resolved()
        self._qms_connector_event("resolved")
        return result

    def action_request_supplement(self, reason):
        result = super().action_request_supplement(reason)
        self._qms_connector_event("supplement_requested", note=self[:1].supplement_reason)
        return result

    def action_supplement_received(self):
        result = super().action_supplement_received()
        self._qms_connector_event("supplement_received")
        return result

    def action_return(self):
        result = super().action_return()
        self._qms_connector_event("returned")
        return result

    def action_refuse(self, reason):
        result = super().action_refuse(reason)
        for dossier in self:
            dossier._qms_connector_event("refused", note=dossier.refusal_reason)
        return result

    def action_withdraw(self, reason):
        result = super().action_withdraw(reason)
        for dossier in self:
            dossier._qms_connector_event("withdrawn", note=dossier.withdrawal_reason)
        return result
