from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .qms_tthc_lookup import qms_public_values


class QmsTthcPortal(CustomerPortal):
    """'My account' pages where an applicant with a portal account follows their dossiers."""

    def _qms_my_dossier_domain(self):
        """The dossiers filed by the user or their organisation, also for internal users who
        filed one for themselves (their access rules would show them the whole agency's)."""
        partner = request.env.user.partner_id.commercial_partner_id
        return [("applicant_id", "child_of", partner.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "qms_dossier_count" in counters:
            Dossier = request.env["qms.tthc.dossier"]
            values["qms_dossier_count"] = (
                Dossier.search_count(self._qms_my_dossier_domain())
                if Dossier.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/dossiers", "/my/dossiers/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def qms_portal_my_dossiers(self, page=1, **kwargs):
        Dossier = request.env["qms.tthc.dossier"]
        if not Dossier.has_access("read"):
            return request.redirect("/my")
        domain = self._qms_my_dossier_domain()
        pager = portal_pager(
            url="/my/dossiers",
            total=Dossier.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        dossiers = Dossier.search(domain, limit=self._items_per_page, offset=pager["offset"])
        request.session["my_qms_dossiers_history"] = dossiers.ids[:100]
        # the applicant may not read the catalogue: show their own rows with sudo
        dossiers_sudo = dossiers.sudo()
        company = dossiers_sudo.company_id[:1] or request.env.company
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "qms_dossiers",
                "pager": pager,
                "dossiers": dossiers_sudo,
                "tz": Dossier._qms_tz_name(company),
                "state_labels": dict(Dossier._fields["state"]._description_selection(request.env)),
            }
        )
        return request.render("qms_iso9001_tthc.qms_tthc_portal_my_dossiers", values)

    @http.route("/my/dossiers/<int:dossier_id>", type="http", auth="public", website=True)
    def qms_portal_my_dossier(self, dossier_id, access_token=None, **kwargs):
        try:
            dossier_sudo = self._document_check_access(
                "qms.tthc.dossier", dossier_id, access_token=access_token
            )
        except (AccessError, MissingError):
            if request.env.user._is_public() and not access_token:
                return request.redirect(f"/web/login?redirect=/my/dossiers/{dossier_id}")
            # another applicant's dossier and a missing one answer alike
            raise request.not_found() from None
        values = self._get_page_view_values(
            dossier_sudo,
            access_token,
            {
                "page_name": "qms_dossier",
                "dossier": dossier_sudo,
                "result": qms_public_values(dossier_sudo),
            },
            "my_qms_dossiers_history",
            False,
            **kwargs,
        )
        return request.render("qms_iso9001_tthc.qms_tthc_portal_my_dossier", values)
