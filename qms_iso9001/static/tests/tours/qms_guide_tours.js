import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";
import { goToAction as go, shot } from "@qms_iso9001/../tests/tours/qms_tour_utils";

// The tours of the user guide (docs/huong-dan-su-dung.md): one per role, run in Vietnamese by
// tests/test_guide_screenshots.py, which saves a capture of the page at each shot() step into
// docs/img/. Selectors use technical names only, so they hold in any language.

const openApp = () => [
    stepUtils.showAppsMenuItem(),
    {
        content: "Open the Quality Management app",
        trigger: ".o_app[data-menu-xmlid='qms_iso9001.menu_qms_root']",
        run: "click",
    },
];

const newRecord = (field) => [
    {
        content: "Create a new one",
        trigger: ".o_control_panel .o_list_button_add",
        run: "click",
    },
    {
        content: "The empty form is open",
        trigger: `.o_form_view .o_field_widget[name='${field}']`,
    },
];

// Leave a new form unsaved: discarding it keeps the guide's tours from creating records.
const discardNew = () => [
    {
        content: "Discard the new record",
        trigger: ".o_form_view .o_form_button_cancel",
        run: "click",
    },
    {
        trigger: ".o_list_view",
    },
];

registry.category("web_tour.tours").add("qms_guide_officer_tour", {
    steps: () => [
        ...openApp(),
        go("qms_iso9001.action_qms_document"),
        {
            trigger: ".o_data_row:contains('Quy trình chứng thực bản sao')",
        },
        shot("can-bo-iso-danh-sach-tai-lieu"),
        {
            content: "Open the unit's procedure",
            trigger: ".o_data_row:contains('Quy trình chứng thực bản sao') .o_data_cell",
            run: "click",
        },
        {
            trigger: "button[name='action_view_revisions']",
        },
        shot("can-bo-iso-tai-lieu"),
        {
            content: "Open its revisions",
            trigger: "button[name='action_view_revisions']",
            run: "click",
        },
        {
            content: "Open the draft",
            trigger: ".o_data_row:contains('QT.01/HCTP') .o_data_cell",
            run: "click",
        },
        {
            trigger: "button[name='action_submit_for_approval']",
        },
        shot("can-bo-iso-du-thao"),
        {
            content: "Submit it to the approval chain",
            trigger: "button[name='action_submit_for_approval']",
            run: "click",
        },
        {
            content: "It waits for approval",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='to_approve']",
        },
        shot("can-bo-iso-trinh-duyet"),
        go("qms_iso9001.action_qms_objective"),
        ...newRecord("department_id"),
        shot("can-bo-iso-muc-tieu"),
        ...discardNew(),
        go("qms_iso9001.action_qms_risk"),
        ...newRecord("likelihood"),
        shot("can-bo-iso-rui-ro"),
        ...discardNew(),
        go("qms_iso9001.action_qms_document"),
        {
            trigger: ".o_data_row:contains('Quy trình chứng thực bản sao')",
        },
    ],
});

registry.category("web_tour.tours").add("qms_guide_leader_tour", {
    steps: () => [
        ...openApp(),
        go("qms_iso9001.qms_approval_inbox_action"),
        {
            trigger: ".o_data_row:contains('QT.01/HCTP') button[name='action_open_record']",
        },
        shot("lanh-dao-can-phe-duyet"),
        {
            content: "The revision waits on the unit head: open it",
            trigger: ".o_data_row:contains('QT.01/HCTP') button[name='action_open_record']",
            run: "click",
        },
        {
            trigger: "button[name='action_approve_with_comment']",
        },
        shot("lanh-dao-ban-du-thao"),
        {
            content: "Approve",
            trigger: "button[name='action_approve_with_comment']",
            run: "click",
        },
        {
            content: "Comment the decision",
            trigger: ".modal textarea, .modal .o_field_text textarea",
            run: "edit Đồng ý ban hành",
        },
        shot("lanh-dao-y-kien-phe-duyet"),
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The revision is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
        shot("lanh-dao-da-phe-duyet"),
        go("qms_iso9001.action_qms_management_review"),
        {
            trigger: ".o_list_view",
        },
        shot("lanh-dao-xem-xet-cua-lanh-dao"),
    ],
});

registry.category("web_tour.tours").add("qms_guide_office_tour", {
    steps: () => [
        ...openApp(),
        go("qms_iso9001.action_qms_document_revision"),
        {
            content: "Open the approved revision",
            trigger: ".o_data_row:contains('QT.01/HCTP') .o_data_cell",
            run: "click",
        },
        {
            trigger: "button[name='action_issue']",
        },
        shot("van-phong-ban-hanh"),
        {
            content: "Issue it",
            trigger: "button[name='action_issue']",
            run: "click",
        },
        {
            content: "It is in force",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='issued']",
        },
        shot("van-phong-da-ban-hanh"),
        go("qms_iso9001.qms_approval_route_action"),
        {
            content: "Open the route of the documents",
            trigger: ".o_data_row:contains('Phê duyệt tài liệu') .o_data_cell",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='step_ids'] .o_data_row",
        },
        shot("van-phong-quy-trinh-phe-duyet"),
        go("qms_iso9001.action_qms_plan"),
        ...newRecord("year"),
        shot("van-phong-ke-hoach"),
        ...discardNew(),
        go("qms_iso9001.action_qms_announcement"),
        ...newRecord("date_decision"),
        shot("van-phong-cong-bo"),
        ...discardNew(),
        go("qms_iso9001.action_qms_report"),
        ...newRecord("date_from"),
        shot("van-phong-bao-cao"),
        ...discardNew(),
        go("qms_iso9001.action_qms_public_holiday"),
        {
            trigger: ".o_list_view, .o_calendar_view",
        },
        shot("quan-tri-ngay-nghi-le"),
    ],
});

registry.category("web_tour.tours").add("qms_guide_user_tour", {
    steps: () => [
        ...openApp(),
        go("qms_iso9001.action_qms_my_reading"),
        {
            trigger: ".o_data_row:contains('QT.01/HCTP') button[name='action_acknowledge']",
        },
        shot("cong-chuc-tai-lieu-can-doc"),
        {
            content: "Acknowledge the new procedure in one click",
            trigger: ".o_data_row:contains('QT.01/HCTP') button[name='action_acknowledge']",
            run: "click",
        },
        {
            content: "Nothing is left to read",
            trigger:
                ".o_view_nocontent, .o_list_view:not(:has(.o_data_row button[name='action_acknowledge']))",
        },
        go("qms_iso9001.action_qms_document"),
        {
            content: "Open the procedure now in force",
            trigger: ".o_data_row:contains('Quy trình chứng thực bản sao') .o_data_cell",
            run: "click",
        },
        {
            content: "Propose a change of the document in force",
            trigger: ".o_form_view button[name='action_request_change']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='section'] input",
            run: "edit Mục 5.3, bước 3",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='proposed_change'] textarea",
            run: "edit Bổ sung bước kiểm tra chữ ký số của bản sao điện tử",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='reason'] textarea",
            run: "edit Chứng thực bản sao điện tử từ bản chính theo quy định mới",
        },
        {
            content: "The request is about the document it was opened from",
            trigger: ".o_form_view .o_field_widget[name='document_id'] input",
        },
        shot("cong-chuc-de-xuat-sua-doi"),
        {
            content: "Leave it unsaved: the guide's tours create nothing",
            trigger: ".o_form_view .o_form_button_cancel",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name='action_request_change']",
        },
        go("qms_iso9001.action_qms_nonconformity"),
        ...newRecord("title"),
        shot("cong-chuc-phieu-khong-phu-hop"),
        ...discardNew(),
    ],
});
