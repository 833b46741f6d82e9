"""Fixtures and checks shared by the tests of the three QMS addons."""

import os

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader

from odoo.addons.base.tests.common import BaseCommon


def missing_translations(env, module, lang="vi_VN"):
    """Terms a fresh export of `module` finds that its i18n/<lang>.po does not translate."""
    po_path = os.path.join(get_module_path(module), "i18n", f"{lang.split('_')[0]}.po")
    if not os.path.isfile(po_path):
        return [f"{po_path} does not exist"]
    translated = {entry.msgid for entry in polib.pofile(po_path) if entry.msgstr.strip()}
    missing = set()
    for _module, _ttype, name, _res_id, source, _value, _comments in TranslationModuleReader(
        env.cr, modules=[module]
    ):
        if source and source not in translated:
            missing.add(f"{name}: {source!r}")
    return sorted(missing)


# Terms the agencies' documents never use, with the official one (REGULATIONS.md, "Words").
UNOFFICIAL_TERMS = {
    "trễ hạn": "quá hạn",
    "đánh giá viên": "chuyên gia đánh giá",
    "mẫu mã": "quy tắc đặt mã",
}


def unofficial_terms(module, lang="vi_VN"):
    """Translations of `module` that use a word the official vocabulary replaces."""
    po_path = os.path.join(get_module_path(module), "i18n", f"{lang.split('_')[0]}.po")
    found = []
    for entry in polib.pofile(po_path):
        text = entry.msgstr.lower()
        found += [
            f"{entry.msgid!r}: {word!r} -> {official!r}"
            for word, official in UNOFFICIAL_TERMS.items()
            if word in text
        ]
    return found


def access_gaps(env, module):
    """Models of `module` without any access line, and models with a company but no company rule."""
    model_names = (
        env["ir.model.data"]
        .search([("module", "=", module), ("model", "=", "ir.model")])
        .mapped(lambda xmlid: env["ir.model"].browse(xmlid.res_id).model)
    )
    gaps = []
    for name in model_names:
        model = env[name]
        if model._abstract or model._original_module != module:
            continue
        access = env["ir.model.access"].search([("model_id.model", "=", name)])
        if not access:
            gaps.append(f"{name}: no access line")
        if "company_id" in model._fields and not model._transient:
            rules = env["ir.rule"].search([("model_id.model", "=", name), ("global", "=", True)])
            if not any("company_ids" in (rule.domain_force or "") for rule in rules):
                gaps.append(f"{name}: no multi-company rule")
    return gaps


class QmsCommon(BaseCommon):
    """Two units of one agency, an employee and a user for each QMS role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.department_office = cls.env["hr.department"].create({"name": "Văn phòng"})
        cls.department_unit = cls.env["hr.department"].create({"name": "Phòng Hành chính tư pháp"})
        cls.qms_user = cls._create_qms_user("qms_user", "qms_iso9001.group_qms_user")
        cls.unit_officer = cls._create_qms_user("qms_officer", "qms_iso9001.group_qms_unit_officer")
        cls.leader = cls._create_qms_user("qms_leader", "qms_iso9001.group_qms_leader")
        cls.qms_manager = cls._create_qms_user("qms_manager", "qms_iso9001.group_qms_manager")
        cls.employee_director = cls.env["hr.employee"].create(
            {
                "name": "Trần Văn Hùng",
                "department_id": cls.department_office.id,
                "user_id": cls.leader.id,
            }
        )
        cls.employee_secretary = cls.env["hr.employee"].create(
            {"name": "Nguyễn Thị Lan", "department_id": cls.department_office.id}
        )
        cls.employee_member = cls.env["hr.employee"].create(
            {"name": "Võ Đức Thành", "department_id": cls.department_unit.id}
        )

    @classmethod
    def _create_qms_user(cls, login, *group_xmlids):
        groups = [cls.env.ref(xmlid).id for xmlid in group_xmlids]
        return (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": login.replace("_", " ").title(),
                    "login": login,
                    "email": f"{login}@example.com",
                    "group_ids": [(6, 0, groups)],
                    "company_id": cls.env.company.id,
                    "company_ids": [(6, 0, [cls.env.company.id])],
                }
            )
        )
