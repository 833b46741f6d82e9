import { registry } from "@web/core/registry";
import { goToAction as go, shot } from "@qms_iso9001/../tests/tours/qms_tour_utils";

// The tours of the user guide (docs/huong-dan-su-dung.md) for internal audits, run in Vietnamese by
// tests/test_guide_screenshots.py, which saves a capture of the page at each shot() step into
// docs/img/. Texts in selectors are the Vietnamese labels the user sees.

registry.category("web_tour.tours").add("qms_guide_audit_office_tour", {
    steps: () => [
        go("qms_iso9001_audit.action_qms_audit_program"),
        {
            content: "Create the year's audit programme",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name']",
        },
        shot("van-phong-chuong-trinh-danh-gia"),
        {
            content: "Discard the new programme",
            trigger: ".o_form_view .o_form_button_cancel",
            run: "click",
        },
        {
            trigger: ".o_list_view",
        },
        go("qms_iso9001_audit.action_qms_audit"),
        {
            trigger: ".o_view_controller",
        },
        {
            content: "Show the audits as a list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains('Đánh giá nội bộ đợt 1/2026')",
        },
        shot("van-phong-cuoc-danh-gia"),
    ],
});

registry.category("web_tour.tours").add("qms_guide_auditor_tour", {
    steps: () => [
        go("qms_iso9001_audit.action_qms_audit_my"),
        {
            trigger: ".o_view_controller",
        },
        {
            content: "Show my audits as a list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the audit",
            trigger: ".o_data_row:contains('Đánh giá nội bộ đợt 1/2026') .o_data_cell",
            run: "click",
        },
        {
            trigger: "button[name='action_view_checklist']",
        },
        shot("danh-gia-vien-ke-hoach"),
        {
            content: "Open the checklist of the audit",
            trigger: "button[name='action_view_checklist']",
            run: "click",
        },
        {
            trigger: ".o_kanban_record button[name='action_set_minor']",
        },
        shot("danh-gia-vien-checklist"),
        {
            content: "Answer the first question: minor nonconformity",
            trigger: ".o_kanban_record:first button[name='action_set_minor']",
            run: "click",
        },
        {
            content: "Open the answered question",
            trigger: ".o_kanban_record:first .o_field_widget[name='result'] .badge",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='evidence'] textarea",
            run: "edit 03 hồ sơ dùng mẫu phiếu cũ",
        },
        {
            content: "Record the finding",
            trigger: ".o_form_view button[name='action_create_finding']",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name='action_raise_nonconformity']",
        },
        shot("danh-gia-vien-phat-hien"),
        {
            content: "Raise the nonconformity form",
            trigger: ".o_form_view button[name='action_raise_nonconformity']",
            run: "click",
        },
        {
            content: "The nonconformity form is open",
            trigger: ".o_form_view .o_field_widget[name='source']",
        },
        shot("danh-gia-vien-phieu-khong-phu-hop"),
    ],
});
