from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import LEADER, MANAGER, transition

_lt = LazyTranslate(__name__)

# Documents that are activities of the agency: adding or removing one changes the scope of the
# announcement. Forms, guidelines and the like only update its annex and the master list.
ACTIVITY_KINDS = ("system_procedure", "business_procedure", "tthc_procedure")
# A major nonconformity still being dealt with stops the announcement (ISO 9001, 10.2).
NC_OPEN_STATES = ("draft", "analysis", "action_plan", "in_progress", "verification")

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
    _qms_workflow_fields = (
        "scope_line_ids",
        "previous_id",
        "announced_by_id",
        "date_announced",
        "department_ids",
        "readiness_line_ids",
        "readiness_date",
        "override_by_id",
        "override_date",
        "override_reason",
        "override_keys",
    )
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
    department_ids = fields.Many2many(
        "hr.department",
        "qms_announcement_department_rel",
        "announcement_id",
        "department_id",
        string="Units in Scope",
        readonly=True,
        copy=False,
        help="The units applying the system, frozen when the decision is announced: the units "
        "owning the procedures in force.",
    )
    exclusion_ids = fields.One2many(
        "qms.announcement.exclusion",
        "announcement_id",
        string="Requirements Not Applied",
        copy=True,
        help="Clause 4.3: requirements of the standard that do not apply, with the "
        "justification, printed in the annex of the decision.",
    )
    readiness_line_ids = fields.One2many(
        "qms.announcement.readiness", "announcement_id", string="Readiness", copy=False
    )
    readiness_date = fields.Datetime(string="Readiness Checked On", readonly=True, copy=False)
    readiness_complete = fields.Boolean(
        string="Ready to Announce", compute="_compute_readiness_complete"
    )
    override_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    override_date = fields.Datetime(string="Override On", readonly=True, copy=False)
    override_reason = fields.Text(readonly=True, copy=False)
    override_keys = fields.Char(
        string="Conditions Overridden",
        readonly=True,
        copy=False,
        help="Technical keys of the conditions the head allowed to be missing.",
    )
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
        help="Activities, administrative procedures or units were added or removed since this "
        "announcement: a re-announcement is needed.",
    )
    annex_changed = fields.Boolean(
        string="Annex Out of Date",
        compute="_compute_scope_changes",
        help="Documents were revised, or forms and guidelines issued or withdrawn, since this "
        "announcement: no re-announcement is needed, the annex and the master list are updated.",
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

    @api.depends("readiness_line_ids.is_met")
    def _compute_readiness_complete(self):
        for announcement in self:
            lines = announcement.readiness_line_ids
            announcement.readiness_complete = bool(lines) and all(lines.mapped("is_met"))

    @api.depends("state", "scope_line_ids", "previous_id.scope_line_ids", "department_ids")
    def _compute_scope_changes(self):
        """Only a change of scope (activities, procedures, units added or removed) asks for a
        re-announcement (QĐ 19/2014/QĐ-TTg); a new issue of a form or a procedure, or a form
        added, only updates the annex and the master list."""
        current_by_company = {}
        for announcement in self:
            company = announcement.company_id
            if company.id not in current_by_company:
                current_by_company[company.id] = (
                    announcement._qms_scope_candidates(),
                    announcement._qms_scope_units(),
                )
            current, units = current_by_company[company.id]
            base = announcement
            if announcement.state == "draft":
                base = announcement.previous_id or announcement._qms_last_announced()
            if announcement.state == "superseded":
                diff = {"added": [], "removed": [], "revised": []}
            else:
                diff = self._qms_scope_diff(base.scope_line_ids._qms_as_items(), current)
            # decisions recorded before the units were frozen compare their items only
            if announcement.state != "superseded" and base.department_ids:
                diff["units_added"] = units - base.department_ids
                diff["units_removed"] = base.department_ids - units
            activities = self._qms_activity_keys(diff["added"] + diff["removed"])
            scope_change = bool(activities or diff.get("units_added") or diff.get("units_removed"))
            announcement.change_added_count = len(diff["added"])
            announcement.change_removed_count = len(diff["removed"])
            announcement.change_revised_count = len(diff["revised"])
            announcement.scope_changed = announcement.state == "announced" and scope_change
            announcement.annex_changed = announcement.state == "announced" and bool(
                diff["revised"] or len(activities) < len(diff["added"]) + len(diff["removed"])
            )
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

    def _qms_scope_units(self):
        """The units applying the system today: those owning an activity (procedure) in force.

        Extension hook: an addon may add the units of its own activities."""
        company = self.company_id or self.env.company
        return (
            self.env["qms.document"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "issued"),
                    ("kind", "in", ACTIVITY_KINDS),
                ]
            )
            .department_id.with_env(self.env)
        )

    @api.model
    def _qms_activity_keys(self, items):
        """Keys of the items that are activities of the agency (procedures, administrative
        procedures), whose addition or removal changes the scope.

        An item says so itself with `is_activity` (an addon's items, e.g. TTHC procedures);
        otherwise a document is an activity when it is a procedure, any other record is one."""
        key = self.env["qms.announcement.scope"]._qms_key
        document_ids = [
            item["res_id"]
            for item in items
            if "is_activity" not in item and item["res_model"] == "qms.document"
        ]
        documents = (
            self.env["qms.document"]
            .sudo()
            .with_context(active_test=False)
            .browse(document_ids)
            .exists()
        )
        procedures = set(documents.filtered(lambda d: d.kind in ACTIVITY_KINDS).ids)
        activities = set()
        for item in items:
            if "is_activity" in item:
                is_activity = item["is_activity"]
            elif item["res_model"] == "qms.document":
                is_activity = item["res_id"] in procedures
            else:
                is_activity = True
            if is_activity:
                activities.add(key(item))
        return activities

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
        if not any(diff.get(kind) for kind in diff):
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
        added_label = self.env._("Unit added")
        removed_label = self.env._("Unit removed")
        for kind, label in (("units_added", added_label), ("units_removed", removed_label)):
            for unit in diff.get(kind, []):
                rows.append((label, {"code": "", "name": unit.sudo().name}, "", ""))
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
            Scope.create(
                [
                    {
                        name: value
                        for name, value in item.items()
                        if name in Scope._fields or name == "announcement_id"
                    }
                    | {"announcement_id": announcement.id}
                    for item in items
                ]
            )
            announcement._qms_set(
                {"department_ids": [fields.Command.set(announcement._qms_scope_units().ids)]}
            )

    # ------------------------------------------------------------------ readiness
    def _qms_units_in_scope(self):
        """The units the readiness is checked for: frozen once announced, today's otherwise."""
        self.ensure_one()
        if self.state != "draft" and self.department_ids:
            return self.department_ids
        return self._qms_scope_units()

    def _qms_readiness_item(self, key, name, is_met, detail, *, model=None, domain=None):
        return {
            "key": key,
            "name": name,
            "is_met": bool(is_met),
            "detail": detail,
            "evidence_model": model,
            "evidence_domain": repr(domain or []),
        }

    def _qms_readiness_items(self):
        """The conditions of announcing, as dicts (key, name, is_met, detail, evidence_model,
        evidence_domain), in the order they are listed.

        Extension hook: the internal audit addon adds that every unit in scope was audited. The
        core knows the documents, the management review and the nonconformities."""
        self.ensure_one()
        company = self.company_id
        in_company = [("company_id", "=", company.id)]
        Document = self.env["qms.document"].sudo()
        system_domain = [
            *in_company,
            ("state", "=", "issued"),
            (
                "kind",
                "in",
                ("quality_manual", "quality_policy", "quality_objectives", "system_procedure"),
            ),
        ]
        kinds = set(Document.search(system_domain).mapped("kind"))
        policy = "quality_policy" in kinds or self.env["qms.policy"].sudo().search_count(
            [*in_company, ("state", "=", "published")], limit=1
        )
        missing = []
        if not policy:
            missing.append(self.env._("the quality policy"))
        if "system_procedure" not in kinds:
            missing.append(self.env._("the system procedures"))
        documents = self._qms_readiness_item(
            "documents",
            self.env._("The system's documents are issued"),
            not missing,
            self.env._("Missing: %(what)s.", what=", ".join(missing))
            if missing
            else self.env._("Quality policy and system procedures in force."),
            model="qms.document",
            domain=system_domain,
        )
        review_domain = [*in_company, ("state", "=", "approved")]
        reviews = (
            self.env["qms.management.review"]
            .sudo()
            .search(review_domain, order="date desc", limit=1)
        )
        review = self._qms_readiness_item(
            "management_review",
            self.env._("A management review was held"),
            reviews,
            self.env._("Last review: %(date)s.", date=reviews.date)
            if reviews
            else self.env._("No approved management review."),
            model="qms.management.review",
            domain=review_domain,
        )
        nc_domain = [*in_company, ("severity", "=", "major"), ("state", "in", NC_OPEN_STATES)]
        open_major = self.env["qms.nonconformity"].sudo().search_count(nc_domain)
        nonconformities = self._qms_readiness_item(
            "major_nc",
            self.env._("No major nonconformity is open"),
            not open_major,
            self.env._("%(count)s major nonconformities open.", count=open_major)
            if open_major
            else self.env._("None open."),
            model="qms.nonconformity",
            domain=nc_domain,
        )
        return [documents, review, nonconformities]

    def _qms_refresh_readiness(self):
        """Check the conditions now and keep the result on the decision (after the checks of
        the calling transition)."""
        Line = self.env["qms.announcement.readiness"].sudo()
        for announcement in self:
            items = announcement._qms_readiness_items()
            announcement.sudo().readiness_line_ids.unlink()
            Line.create(
                [
                    dict(item, announcement_id=announcement.id, sequence=index)
                    for index, item in enumerate(items, start=1)
                ]
            )
            announcement._qms_set({"readiness_date": fields.Datetime.now()})
        return True

    def _qms_missing_readiness(self):
        self.ensure_one()
        return self.readiness_line_ids.filtered(lambda line: not line.is_met)

    @transition(("draft",), groups=(MANAGER,), label=_lt("Check Readiness"))
    def action_check_readiness(self):
        return self._qms_refresh_readiness()

    @transition(("draft",), groups=(LEADER,), access="read", label=_lt("Override Readiness"))
    def action_override_readiness(self, reason):
        """The head of the agency allows the decision to be announced although conditions are
        missing; who, when, why and which conditions are kept on the decision and in its
        chatter."""
        self._qms_ensure_one()
        if (
            not self.env.su
            and self.env.user.has_group(MANAGER)
            and self.signer_id.user_id != self.env.user
        ):
            raise UserError(
                self.env._(
                    "The standing office does not override its own check: the head signing "
                    "the decision, or another leader, does."
                )
            )
        self._qms_refresh_readiness()
        missing = self._qms_missing_readiness()
        if not missing:
            raise UserError(
                self.env._("Every condition of announcing is met: there is nothing to override.")
            )
        label = self.env._("Override Readiness")
        reason = self._qms_log_reason(label, reason)
        self._qms_set(
            {
                "override_by_id": self.env.user.id,
                "override_date": fields.Datetime.now(),
                "override_reason": reason,
                "override_keys": ",".join(missing.mapped("key")),
            }
        )
        self.sudo().message_post(
            body=self.env._(
                "%(user)s allowed the announcement with these conditions missing: %(items)s.",
                user=self.env.user.name,
                items="; ".join(missing.mapped("name")),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_open_override_wizard(self):
        """Ask the head's reason for announcing with conditions missing."""
        return self._qms_reason_wizard_action(
            "action_override_readiness", self.env._("Override Readiness")
        )

    def _qms_check_ready(self):
        """Refuse to announce with a condition missing that the head did not override."""
        self.ensure_one()
        missing = self._qms_missing_readiness()
        overridden = set((self.override_keys or "").split(","))
        uncovered = missing.filtered(lambda line: line.key not in overridden)
        if uncovered:
            raise UserError(
                self.env._(
                    "%(decision)s cannot be announced yet: %(items)s. Complete them, or ask the "
                    "head of the agency to override with a reason.",
                    decision=self.display_name,
                    items="; ".join(f"{line.name} ({line.detail})" for line in uncovered),
                )
            )

    @transition(("announced",), groups=(MANAGER,), label=_lt("Update Annex"))
    def action_update_annex(self):
        """Bring the annex up to date with the issues in force when only forms or issues
        changed; a change of scope needs a re-announcement instead."""
        self._qms_ensure_one()
        if self.scope_changed:
            raise UserError(
                self.env._(
                    "The scope of %(decision)s changed: prepare a re-announcement instead of "
                    "updating its annex.",
                    decision=self.display_name,
                )
            )
        if not self.annex_changed:
            raise UserError(self.env._("The annex is up to date."))
        changes = self.scope_change_html
        self._qms_freeze_scope()
        self.sudo().message_post(
            body=Markup("%s<br/>%s")
            % (
                self.env._(
                    "Annex updated by %(user)s with the issues in force:", user=self.env.user.name
                ),
                changes,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    # ------------------------------------------------------------------ ORM
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
            announcement._qms_refresh_readiness()
            announcement._qms_check_ready()
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
                )
                + (
                    self.env._(
                        " Conditions missing, overridden by %(head)s: %(reason)s",
                        head=announcement.override_by_id.name,
                        reason=announcement.override_reason,
                    )
                    if announcement._qms_missing_readiness()
                    else ""
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
        return draft._get_records_action()

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
        """A decision is a legal document of the agency: printed in the agency's language
        (Vietnamese when installed and the agency sets no other)."""
        return (self.company_id[:1] or self.env.company)._qms_agency_lang()
