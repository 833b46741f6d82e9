import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const openApp = () => [
    stepUtils.showAppsMenuItem(),
    {
        content: "Open the Quality Management app",
        trigger: ".o_app[data-menu-xmlid='qms_iso9001.menu_qms_root']",
        run: "click",
    },
];

const openMenu = (sectionXmlid, menuXmlid) => [
    {
        trigger: `.o_main_navbar [data-menu-xmlid='${sectionXmlid}']`,
        run: "click",
    },
    {
        trigger: `.dropdown-item[data-menu-xmlid='${menuXmlid}']`,
        run: "click",
    },
];

registry.category("web_tour.tours").add("qms_document_submit_tour", {
    steps: () => [
        ...openApp(),
        ...openMenu("qms_iso9001.menu_qms_documents", "qms_iso9001.menu_qms_document"),
        {
            content: "Open the unit's procedure",
            trigger: ".o_data_row:contains('Quy trình chứng thực bản sao') .o_data_cell",
            run: "click",
        },
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
            content: "Submit it to the approval chain",
            trigger: "button[name='action_submit_for_approval']",
            run: "click",
        },
        {
            content: "It waits for approval",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='to_approve']",
        },
    ],
});

registry.category("web_tour.tours").add("qms_document_approve_tour", {
    steps: () => [
        ...openApp(),
        ...openMenu("qms_iso9001.menu_qms_approvals", "qms_iso9001.menu_qms_to_approve"),
        {
            content: "The revision waits on the unit head: open it",
            trigger: ".o_data_row:contains('QT.01/HCTP') button[name='action_open_record']",
            run: "click",
        },
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
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The revision is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
    ],
});

registry.category("web_tour.tours").add("qms_document_issue_tour", {
    steps: () => [
        ...openApp(),
        ...openMenu("qms_iso9001.menu_qms_documents", "qms_iso9001.menu_qms_document_revision"),
        {
            content: "Open the approved revision",
            trigger: ".o_data_row:contains('QT.01/HCTP') .o_data_cell",
            run: "click",
        },
        {
            content: "Issue it",
            trigger: "button[name='action_issue']",
            run: "click",
        },
        {
            content: "It is in force",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='issued']",
        },
    ],
});

registry.category("web_tour.tours").add("qms_document_acknowledge_tour", {
    steps: () => [
        ...openApp(),
        ...openMenu("qms_iso9001.menu_qms_documents", "qms_iso9001.menu_qms_my_reading"),
        {
            content: "The new procedure is to be read: acknowledge it in one click",
            trigger: ".o_data_row:contains('QT.01/HCTP') button[name='action_acknowledge']",
            run: "click",
        },
        {
            content: "Nothing is left to read",
            trigger: ".o_view_nocontent, .o_list_view:not(:has(.o_data_row button[name='action_acknowledge']))",
        },
    ],
});
