from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)

# What is still recorded once the decision is signed: its publication on the portal and the
# letter notifying the supervising body (QĐ 19/2014/QĐ-TTg, Art. 5), and the scan of the signed
# decision. Everything printed on the decision is frozen.
AFTER_ANNOUNCEMENT_FIELDS = (
    "date_posted",
    "portal_url",
    "date_notified",
    "notification_reference",
    "decision_attachment_id",
    "note",
)


class QmsAnnouncement(models.Model):
    """A decision announcing (công bố) that the QMS conforms to TCVN ISO 9001:2015.

    Its scope is frozen when it is announced, because QĐ 19/2014/QĐ-TTg requires a new
    announcement when the scope changes: comparing what is in force today with what was
    announced tells the standing office when that is due.
    """

    _name = "qms.announcement"
    _description = "QMS Announcement"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "date_decision desc, id desc"
    _check_company_auto = True

    # The standing office drafts the decision and records it once signed: "Announce" freezes the
    # scope and supersedes the decision in force; "Prepare Re-announcement" opens the next one.
    _qms_workflow_fields = ("scope_line_ids", "previous_id", "announced_by_id", "date_announced")
    _qms_editable_fields = {
        "announced": AFTER_ANNOUNCEMENT_FIELDS,
        "superseded": (),
    }

    name = fields.Char(string="Decision Number", tracking=True, copy=False, help="E.g. 125/QĐ-STP.")
    date_decision = fields.Date(string="Decision Date", tracking=True, copy=False)
    signer_id = fields.Many2one(
        "hr.employee", string="Signed By", tracking=True, check_company=True
    )
    signer_title = fields.Char(
        string="Signer's Title",
        compute="_compute_signer_title",
        store=True,
        readonly=False,
        help="Printed above the signature, e.g. GIÁM ĐỐC.",
    )
    place = fields.Char(help="Place printed before the date, e.g. Quảng Trị.")
    activity_scope = fields.Text(
        string="Fields of Activity",
        help="The fields of activity the system covers, as written in Article 1.",
    )
    legal_basis = fields.Text(
        help="Further 'Căn cứ' lines: the decision on the agency's functions, its ISO plan...",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("announced", "Announced"), ("superseded", "Superseded")],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    scope_line_ids = fields.One2many(
        "qms.announcement.scope", "announcement_id", string="Scope", copy=False
    )
    scope_count = fields.Integer(compute="_compute_scope_count")
    date_posted = fields.Date(
        string="Posted on Portal",
        tracking=True,
        copy=False,
        help="Date the announcement was posted on the agency's web portal.",
    )
    portal_url = fields.Char(string="Portal Link", copy=False)
    supervising_body = fields.Char(
        tracking=True,
        help="The body notified of the announcement, e.g. Sở Khoa học và Công nghệ.",
    )
    date_notified = fields.Date(string="Notified On", tracking=True, copy=False)
    notification_reference = fields.Char(
        string="Notification Letter", copy=False, help="Number of the letter sent, e.g. 45/STP-VP."
    )
    decision_attachment_id = fields.Many2one(
        "ir.attachment", string="Signed Decision", copy=False, tracking=True
    )
    announced_by_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        readonly=True,
        copy=False,
        help="The member of the standing office who recorded the signed decision.",
    )
    date_announced = fields.Datetime(string="Recorded On", readonly=True, copy=False)
    previous_id = fields.Many2one(
        "qms.announcement",
        string="Replaces",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )
    note = fields.Html()
    scope_changed = fields.Boolean(
        string="Scope Changed Since Announcement",
        compute="_compute_scope_changes",
        help="Documents were issued, revised or withdrawn since this announcement: a "
        "re-announcement is needed.",
    )
    change_added_count = fields.Integer(string="Added", compute="_compute_scope_changes")
    change_removed_count = fields.Integer(string="Removed", compute="_compute_scope_changes")
    change_revised_count = fields.Integer(string="Revised", compute="_compute_scope_changes")
    scope_change_html = fields.Html(
        string="Changes Since the Last Announcement",
        compute="_compute_scope_changes",
        sanitize=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _decision_number_uniq = models.UniqueIndex(
        "(company_id, name) WHERE name IS NOT NULL",
        "Another announcement of this agency already has this decision number.",
    )

    @api.depends("name", "date_decision")
    def _compute_display_name(self):
        for announcement in self:
            announcement.display_name = announcement.name or self.env._("Draft Announcement")

    @api.depends("signer_id")
    def _compute_signer_title(self):
        for announcement in self:
            if announcement.signer_id.job_title:
                announcement.signer_title = announcement.signer_id.job_title

    @api.depends("scope_line_ids")
    def _compute_scope_count(self):
        for announcement in self:
            announcement.scope_count = len(announcement.scope_line_ids)

    @api.depends("state", "scope_line_ids", "previous_id.scope_line_ids")
    def _compute_scope_changes(self):
        candidates_by_company = {}
        for announcement in self:
            company = announcement.company_id
            if company.id not in candidates_by_company:
                candidates_by_company[company.id] = announcement._qms_scope_candidates()
            current = candidates_by_company[company.id]
            if announcement.state == "announced":
                diff = self._qms_scope_diff(announcement.scope_line_ids._qms_as_items(), current)
            elif announcement.state == "draft":
                base = announcement.previous_id or announcement._qms_last_announced()
                diff = self._qms_scope_diff(base.scope_line_ids._qms_as_items(), current)
            else:
                diff = {"added": [], "removed": [], "revised": []}
            announcement.change_added_count = len(diff["added"])
            announcement.change_removed_count = len(diff["removed"])
            announcement.change_revised_count = len(diff["revised"])
            announcement.scope_changed = announcement.state == "announced" and any(diff.values())
            announcement.scope_change_html = self._qms_diff_html(diff)

    # ------------------------------------------------------------------ scope
    def _qms_scope_candidates(self):
        """The items the system covers today, as dicts (res_model, res_id, code, name,
        revision_label, category, sequence).

        Extension hook: the TTHC addon appends the administrative procedures it runs through
        ISO process flows. Each item's identity is (res_model, res_id); a different
        revision_label means it was revised.
        """
        company = self.company_id or self.env.company
        documents = (
            self.env["qms.document"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "issued"),
                    ("kind", "!=", "external"),
                ]
            )
        )
        documents = documents.sorted(lambda d: (d.type_id.sequence, d.type_id.id, d.code or ""))
        return [
            {
                "res_model": "qms.document",
                "res_id": document.id,
                "code": document.code or "",
                "name": document.name,
                "revision_label": str(document.current_revision_id.issue_number),
                "category": document.type_id.name,
                "sequence": index,
            }
            for index, document in enumerate(documents, start=1)
        ]

    @api.model
    def _qms_scope_diff(self, old_items, new_items):
        """What was added, removed or revised between two scopes (lists of item dicts)."""
        key = self.env["qms.announcement.scope"]._qms_key
        old_by_key = {key(item): item for item in old_items}
        new_by_key = {key(item): item for item in new_items}
        return {
            "added": [item for k, item in new_by_key.items() if k not in old_by_key],
            "removed": [item for k, item in old_by_key.items() if k not in new_by_key],
            "revised": [
                (old_by_key[k], item)
                for k, item in new_by_key.items()
                if k in old_by_key and old_by_key[k]["revision_label"] != item["revision_label"]
            ],
        }

    def _qms_diff_html(self, diff):
        if not any(diff.values()):
            return Markup("<p class='text-muted'>%s</p>") % self.env._("No change.")
        rows = []
        labels = {
            "added": self.env._("Added"),
            "removed": self.env._("Removed"),
            "revised": self.env._("Revised"),
        }
        for kind in ("added", "removed"):
            for item in diff[kind]:
                rows.append((labels[kind], item, "", item["revision_label"]))
        for old, new in diff["revised"]:
            rows.append((labels["revised"], new, old["revision_label"], new["revision_label"]))
        body = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (label, item["code"], item["name"], before, after)
            for label, item, before, after in rows
        )
        head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            self.env._("Change"),
            self.env._("Code"),
            self.env._("Name"),
            self.env._("Announced Issue"),
            self.env._("Current Issue"),
        )
        return Markup("<table class='table table-sm table-bordered'><thead>%s</thead><tbody>%s") % (
            head,
            body,
        ) + Markup("</tbody></table>")

    def _qms_last_announced(self):
        self.ensure_one()
        return self._qms_in_force()[:1]

    def _qms_in_force(self):
        """The announced decisions of the agency other than this one, the latest first."""
        self.ensure_one()
        return self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "announced"),
                ("id", "!=", self.id or 0),
            ],
            order="date_decision desc, id desc",
        )

    def _qms_freeze_scope(self):
        """Write the scope as it stands today (called by the transitions, after their checks)."""
        Scope = self.env["qms.announcement.scope"].sudo()
        for announcement in self:
            items = announcement._qms_scope_candidates()
            if not items:
                raise UserError(
                    self.env._(
                        "There is nothing to announce: no internal document of the agency is "
                        "issued yet."
                    )
                )
            announcement.sudo().scope_line_ids.unlink()
            Scope.create([dict(item, announcement_id=announcement.id) for item in items])

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._raise_if_number_taken(vals.get("name"), vals.get("company_id"))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("name"):
            for announcement in self:
                announcement._raise_if_number_taken(
                    vals["name"], vals.get("company_id") or announcement.company_id.id
                )
        return super().write(vals)

    def _raise_if_number_taken(self, number, company_id):
        """Checked before saving, so the user reads this rather than the index's violation."""
        if not number:
            return
        if not isinstance(number, str) or (company_id and not isinstance(company_id, int)):
            raise ValidationError(self.env._("The decision number must be a text."))
        domain = [
            ("name", "=", number),
            ("company_id", "=", company_id or self.env.company.id),
            ("id", "not in", self.ids),
        ]
        if self.sudo().search_count(domain, limit=1):
            raise ValidationError(
                self.env._(
                    "The decision number %(number)s is already used by another announcement.",
                    number=number,
                )
            )

    @api.constrains("date_decision", "date_posted", "date_notified")
    def _check_publication_after_decision(self):
        for announcement in self:
            decided = announcement.date_decision
            for name in ("date_posted", "date_notified"):
                if decided and announcement[name] and announcement[name] < decided:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(name)s cannot be before the decision (%(date)s).",
                            field=self._fields[name]._description_string(self.env),
                            name=announcement.display_name,
                            date=decided,
                        )
                    )

    # ------------------------------------------------------------------ transitions
    @transition(("draft",), groups=(MANAGER,), label=_lt("Load Current Scope"))
    def action_refresh_scope(self):
        self._qms_freeze_scope()
        return True

    @transition(("draft",), groups=(MANAGER,), label=_lt("Announce"))
    def action_announce(self):
        """Record the signed decision: its scope is frozen as it stands today and the decision in
        force is superseded."""
        for announcement in self:
            missing = [
                announcement._fields[name]._description_string(self.env)
                for name in ("name", "date_decision", "signer_id")
                if not announcement[name]
            ]
            if missing:
                raise UserError(
                    self.env._("Fill in %(fields)s before announcing.", fields=", ".join(missing))
                )
            in_force = announcement._qms_in_force()
            announcement._qms_freeze_scope()
            announcement._qms_set(
                {
                    "state": "announced",
                    "previous_id": in_force[:1].id,
                    "announced_by_id": self.env.user.id,
                    "date_announced": fields.Datetime.now(),
                }
            )
            if in_force:
                in_force._qms_set({"state": "superseded"})
                for previous in in_force.sudo():
                    previous.message_post(
                        body=self.env._(
                            "Superseded by the re-announcement %(name)s.", name=announcement.name
                        ),
                        subtype_xmlid="mail.mt_note",
                    )
            announcement.sudo().message_post(
                body=self.env._(
                    "Announced with %(count)s items in scope, recorded by %(user)s.",
                    count=announcement.scope_count,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    @transition(("announced",), groups=(MANAGER,), label=_lt("Prepare Re-announcement"))
    def action_reannounce(self):
        """Open the draft re-announcement of the decision in force (one at a time)."""
        self.ensure_one()
        draft = self.search([("previous_id", "=", self.id), ("state", "=", "draft")], limit=1)
        if not draft:
            draft = self._qms_create_checked(self.copy_data({"previous_id": self.id}))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": draft.id,
            "view_mode": "form",
            "target": "current",
        }

    def _qms_date_line(self):
        """'<place>, ngày dd tháng mm năm yyyy' as administrative documents print it."""
        self.ensure_one()
        date = self.date_decision or fields.Date.context_today(self)
        place = self.place or ""
        text = self.env._(
            "day %(day)s month %(month)s year %(year)s",
            day=f"{date.day:02d}",
            month=f"{date.month:02d}",
            year=date.year,
        )
        return f"{place}, {text}" if place else text

    def _qms_scope_by_category(self):
        """Scope lines grouped under their annex heading, in the order they were frozen."""
        self.ensure_one()
        groups = {}
        for number, line in enumerate(self.scope_line_ids, start=1):
            groups.setdefault(line.category or "", []).append((number, line))
        return list(groups.items())

    def _qms_report_lang(self):
        """A decision is a Vietnamese legal document: print it in Vietnamese when installed."""
        installed = dict(self.env["res.lang"].get_installed())
        return "vi_VN" if "vi_VN" in installed else self.env.lang
