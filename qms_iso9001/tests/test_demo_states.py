from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval


class DemoHomeMixin:
    """What a demo user sees when logging in: their home action, with the filters it turns on
    (`search_default_*` of its context) applied as the web client applies them."""

    def _home_action(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, f"demo user {login} is missing")
        action = user.action_id
        self.assertTrue(action, f"{login} has no home action")
        action = self.env[action.type].browse(action.id)
        # the user may open it: no group restriction hides it from them
        self.assertFalse(
            action.group_ids - user.all_group_ids,
            f"{login} cannot open their home action {action.name}",
        )
        return user, action

    def _eval_context(self, user):
        today = fields.Date.context_today(self.env["res.users"].with_user(user))
        return {
            "uid": user.id,
            "context_today": lambda: today,
            "datetime": safe_datetime,
            "relativedelta": relativedelta,
        }

    def _home_records(self, login):
        user, action = self._home_action(login)
        return self._action_records(action, user)

    def _action_records(self, action, user):
        """The records `action` lists for `user` with its default filters on."""
        login = user.login
        eval_context = self._eval_context(user)
        context = safe_eval(action.context or "{}", eval_context)
        # navigation only: the home screen sets filters and groupings, never a default value
        # or any other key a model could read
        self.assertTrue(
            all(key.startswith(("search_default_", "group_by")) for key in context),
            f"the home action of {login} sets more than filters: {context}",
        )
        model = self.env[action.res_model].with_user(user)
        domain = Domain(safe_eval(action.domain or "[]", eval_context))
        arch = model.get_view(action.search_view_id.id or None, "search")["arch"]
        search_view = etree.fromstring(arch)
        for key, value in context.items():
            if not (key.startswith("search_default_") and value):
                continue
            name = key.removeprefix("search_default_")
            nodes = search_view.xpath(f"//filter[@name='{name}']")
            self.assertTrue(nodes, f"the search view of {action.name} has no filter {name}")
            if nodes[0].get("domain"):
                domain &= Domain(safe_eval(nodes[0].get("domain"), eval_context))
        return model.search(domain)


@tagged("post_install", "-at_install", "-standard", "qms_demo")
class TestDemoStates(DemoHomeMixin, TransactionCase):
    """The demo tells the truth: the demo agency everywhere, every state on screen, each role's
    home screen showing its work.

    Only meaningful on a database installed with demo data: `make test TAGS=qms_demo` (the tag
    loads the demo)."""

    def test_the_company_is_the_demo_agency(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Sở Tư pháp tỉnh Quảng Trị")
        self.assertEqual(company.partner_id.name, company.name)
        self.assertEqual(company.qms_agency_name, company.name)
        self.assertEqual(company.qms_governing_body, "Ủy ban nhân dân tỉnh Quảng Trị")
        self.assertFalse(company.uses_default_logo, "the demo agency shows Odoo's 'Your logo'")
        for record in (company, company.partner_id, self.env.ref("base.partner_admin")):
            for name, field in record._fields.items():
                if field.type in ("char", "text") and isinstance(record[name], str):
                    self.assertNotIn("yourcompany", record[name].lower(), f"{record} {name}")
        visible = self.env["res.partner"].search([("company_name", "ilike", "YourCompany")])
        self.assertFalse(visible, "Odoo's sample contacts of YourCompany are still active")

    def test_documents_in_every_state(self):
        revisions = self.env["qms.document.revision"].search([])
        self.assertLessEqual(
            {"draft", "to_approve", "approved", "issued", "superseded", "obsolete"},
            set(revisions.mapped("state")),
        )
        guide = self.env.ref("qms_iso9001.demo_doc_one_stop_guide_2018")
        self.assertEqual(guide.state, "obsolete")
        manual = self.env.ref("qms_iso9001.demo_doc_manual")
        self.assertEqual(
            manual.current_revision_id, self.env.ref("qms_iso9001.demo_doc_manual_rev2")
        )
        self.assertEqual(self.env.ref("qms_iso9001.demo_doc_manual_rev1").state, "superseded")
        # decided by the people of the agency, not by the system
        approved = self.env.ref("qms_iso9001.demo_doc_criminal_record_rev1")
        self.assertEqual(approved.state, "approved")
        self.assertEqual(approved.approver_id, self.env.ref("qms_iso9001.demo_user_leader"))
        lines = manual.current_revision_id.distribution_ids
        self.assertEqual(set(lines.mapped("state")), {"pending", "acknowledged"})

    def test_nonconformities_open_and_closed(self):
        states = set(self.env["qms.nonconformity"].search([]).mapped("state"))
        self.assertIn("closed", states)
        self.assertTrue(states - {"closed", "cancelled"}, "no open nonconformity in the demo")

    def test_each_role_lands_on_its_work(self):
        # the civil servant: issue 02 of the quality manual to read
        to_read = self._home_records("iso_user")
        self.assertIn(self.env.ref("qms_iso9001.demo_doc_manual_rev2"), to_read.sudo().revision_id)
        self.assertEqual(set(to_read.sudo().mapped("state")), {"pending"})
        # the standing office: the NC procedure to review; the director: the internal audit
        # procedure the office has reviewed and the legal unit's objectives
        for login, xmlid in (
            ("iso_officer", "qms_iso9001.demo_doc_nonconformity_rev1"),
            ("iso_leader", "qms_iso9001.demo_doc_internal_audit_rev1"),
            ("iso_leader", "qms_iso9001.demo_objective_legal_2026"),
        ):
            steps = self._home_records(login).sudo()
            record = self.env.ref(xmlid)
            self.assertIn(
                (record._name, record.id),
                {(step.request_id.res_model, step.request_id.res_id) for step in steps},
                f"{record.display_name} is not on the home screen of {login}",
            )
        # the unit heads: their own unit's indicators, not the other unit's
        judicial = self.env.ref("qms_iso9001.demo_department_judicial")
        legal = self.env.ref("qms_iso9001.demo_department_legal")
        for login, unit in (("tp_hctp", judicial), ("tp_xdkt", legal)):
            lines = self._home_records(login)
            self.assertTrue(lines, f"{login} sees no objective of their unit")
            self.assertEqual(lines.sudo().department_id, unit)

    def test_home_screens_are_navigation_only(self):
        """A home screen filters what its user may see anyway: the same screen opened by
        someone else lists that person's work, never the first user's."""
        officer = self.env.ref("qms_iso9001.demo_user_officer")
        staff = self.env.ref("qms_iso9001.demo_user_staff")
        _user, inbox = self._home_action("iso_officer")
        waiting = self.env.ref("qms_iso9001.demo_doc_nonconformity_rev1")
        self.assertIn(
            waiting.id, self._action_records(inbox, officer).sudo().request_id.mapped("res_id")
        )
        self.assertNotIn(
            waiting.id, self._action_records(inbox, staff).sudo().request_id.mapped("res_id")
        )
        leader = self.env.ref("qms_iso9001.demo_user_leader")
        _user, reading = self._home_action("iso_user")
        leader_lines = self._action_records(reading, leader)
        self.assertTrue(leader_lines, "the director has the quality manual to read too")
        self.assertEqual(leader_lines.sudo().user_id, leader)
        self.assertFalse(leader_lines & self._home_records("iso_user"))
        # and the server still refuses what the screen does not offer: the civil servant may
        # not approve the revision the standing office is asked to review
        with self.assertRaises(AccessError):
            waiting.with_user(staff).action_approve()
