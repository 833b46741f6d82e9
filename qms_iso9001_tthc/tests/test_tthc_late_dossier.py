"""Late dossiers (issue 19): the NC is raised once, when the dossier is first seen overdue, in
the agency's language and with readable text; the Overdue filter follows the clock."""

from odoo.tests import freeze_time, tagged
from odoo.tools import html2plaintext

from .test_tthc_dossier import DossierCommon, local

# Received Mon 24/8 08:00: due Thu 27/8 16:30 (the reception day does not count).
RECEIVED = local(2026, 8, 24, 8, 0)
BEFORE_DUE = local(2026, 8, 27, 16, 0)
AFTER_DUE = local(2026, 8, 28, 8, 0)


@tagged("post_install", "-at_install")
class TestLateDossierNonconformity(DossierCommon):
    def _open_dossier(self):
        dossier = self._receive(RECEIVED)
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        # read back as the superuser: the desk does not read the NCs
        return dossier.with_env(self.env)

    def _cron(self, moment):
        # the scheduled job runs as superuser with no language of its own
        with freeze_time(moment):
            self.env["qms.tthc.dossier"].with_context(lang=None)._cron_qms_dossier_deadlines()

    def _ncs(self, dossier):
        return self.env["qms.nonconformity"].search(
            [("res_model", "=", dossier._name), ("res_id", "=", dossier.id)]
        )

    def test_overdue_open_dossier_gets_one_nc_from_the_job(self):
        dossier = self._open_dossier()
        self._cron(BEFORE_DUE)
        self.assertFalse(self._ncs(dossier))
        self._cron(AFTER_DUE)
        nonconformity = self._ncs(dossier)
        self.assertEqual(len(nonconformity), 1)
        self.assertEqual(dossier.nonconformity_id, nonconformity)
        self.assertEqual(nonconformity.department_id, self.department_unit)
        self._cron(local(2026, 8, 28, 9, 0))
        self.assertEqual(self._ncs(dossier), nonconformity)
        # resolved late afterwards: still the same single NC
        self._hand_over(dossier, local(2026, 8, 28, 9, 30), self.signer)
        self._hand_over(dossier, local(2026, 8, 28, 10, 0))
        self.assertEqual(dossier.timeliness, "late")
        self.assertEqual(self._ncs(dossier), nonconformity)

    def test_hand_over_past_the_appointment_raises_the_nc_once(self):
        """The hand-over that first sees the dossier overdue marks it: the job must neither
        skip its NC nor raise a second one."""
        dossier = self._open_dossier()
        self._hand_over(dossier, local(2026, 8, 28, 9, 0), self.signer)
        self.assertTrue(dossier.is_overdue)
        nonconformity = self._ncs(dossier)
        self.assertEqual(len(nonconformity), 1)
        self.assertEqual(nonconformity.department_id, self.department_unit)
        self._cron(local(2026, 8, 28, 10, 0))
        self.assertEqual(self._ncs(dossier), nonconformity)
        self._hand_over(dossier, local(2026, 8, 28, 11, 0))
        self.assertEqual(self._ncs(dossier), nonconformity)

    def test_dossier_resolved_on_time_gets_no_nc(self):
        dossier = self._resolve(self._receive(RECEIVED), BEFORE_DUE)
        self.assertEqual(dossier.timeliness, "on_time")
        self._cron(AFTER_DUE)
        self.assertFalse(self._ncs(dossier))

    def test_nc_text_is_readable_html(self):
        dossier = self._open_dossier()
        dossier.company_id.partner_id.lang = "en_US"
        self._cron(AFTER_DUE)
        nonconformity = dossier.nonconformity_id
        self.assertEqual(nonconformity.title, f"Late dossier {dossier.name}")
        description = str(nonconformity.description)
        self.assertNotIn("&lt;p&gt;", description)
        self.assertIn("<p>", description)
        text = html2plaintext(description)
        self.assertNotIn("<p>", text)
        self.assertIn(f"The dossier {dossier.name}", text)
        self.assertIn("16:30 27/08/2026", text)

    def test_nc_in_the_agency_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"].search(
            [("name", "in", ("qms_iso9001", "qms_iso9001_tthc"))]
        )._update_translations(["vi_VN"])
        dossier = self._open_dossier()
        dossier.company_id.partner_id.lang = "vi_VN"
        self._cron(AFTER_DUE)
        nonconformity = dossier.nonconformity_id
        self.assertEqual(nonconformity.title, f"Hồ sơ quá hạn {dossier.name}")
        description = str(nonconformity.description)
        self.assertNotIn("&lt;p&gt;", description)
        text = html2plaintext(description)
        self.assertNotIn("<p>", text)
        self.assertIn(f"Hồ sơ {dossier.name}", text)
        self.assertIn("không được giải quyết đúng hạn", text)


@tagged("post_install", "-at_install")
class TestOverdueFilter(DossierCommon):
    def _overdue(self, dossiers):
        return self.env["qms.tthc.dossier"].search(
            [("id", "in", dossiers.ids), ("is_overdue", "=", True)]
        )

    def test_filter_follows_the_clock_without_any_write(self):
        dossier = self._receive(RECEIVED)
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        waiting = self._receive(RECEIVED)
        with freeze_time(local(2026, 8, 25, 9, 0)):
            waiting.with_user(self.one_stop).action_request_supplement("Tờ khai")
        with freeze_time(BEFORE_DUE):
            self.assertFalse(self._overdue(dossier | waiting))
        # neither the job nor a hand-over ran since: the filter still finds it
        with freeze_time(AFTER_DUE):
            self.assertEqual(self._overdue(dossier | waiting), dossier)
            (dossier | waiting).invalidate_recordset(["is_overdue"])
            self.assertEqual((dossier | waiting).mapped("is_overdue"), [True, False])
            self.assertEqual(
                self.env["qms.tthc.dossier"].search(
                    [("id", "in", (dossier | waiting).ids), ("is_overdue", "=", False)]
                ),
                waiting,
            )

    def test_overdue_filter_uses_the_clock(self):
        """The list's Overdue filter searches the field compared with the clock."""
        view = self.env.ref("qms_iso9001_tthc.qms_tthc_dossier_view_search")
        self.assertIn("[('is_overdue', '=', True)]", view.arch_db)
        # the list, form and cards show it red as soon as the clock passes, not an hour later
        for xmlid in ("list", "form", "kanban"):
            arch = self.env.ref(f"qms_iso9001_tthc.qms_tthc_dossier_view_{xmlid}").arch_db
            self.assertIn("is_overdue", arch, xmlid)
