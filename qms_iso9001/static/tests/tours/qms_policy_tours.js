import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const openPolicies = () => [
    stepUtils.showAppsMenuItem(),
    {
        content: "Open the Quality Management app",
        trigger: ".o_app[data-menu-xmlid='qms_iso9001.menu_qms_root']",
        run: "click",
    },
    {
        trigger: ".o_main_navbar [data-menu-xmlid='qms_iso9001.menu_qms_planning']",
        run: "click",
    },
    {
        content: "Open the quality policy",
        trigger: ".dropdown-item[data-menu-xmlid='qms_iso9001.menu_qms_policy']",
        run: "click",
    },
];

registry.category("web_tour.tours").add("qms_policy_draft_tour", {
    steps: () => [
        ...openPolicies(),
        {
            content: "Write a new version",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Chính sách chất lượng năm 2026",
        },
        {
            content: "Write the statement",
            trigger: ".o_field_html[name='statement'] div.o-paragraph",
            run: "editor Công khai - Minh bạch - Đúng hẹn - Hài lòng",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Submit it to the leaders",
            trigger: ".o_form_saved button[name='action_submit_for_approval']",
            run: "click",
        },
        {
            content: "It waits for approval",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='to_approve']",
        },
    ],
});

registry.category("web_tour.tours").add("qms_policy_approve_tour", {
    steps: () => [
        ...openPolicies(),
        {
            content: "Open the version submitted",
            trigger: ".o_data_row:contains('Chính sách chất lượng năm 2026') .o_data_cell",
            run: "click",
        },
        {
            content: "Approve",
            trigger: "button[name='action_approve_with_comment']",
            run: "click",
        },
        {
            trigger: ".modal textarea, .modal .o_field_text textarea",
            run: "edit Đồng ý",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The policy is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
        {
            content: "Leaders do not publish",
            trigger: ".o_form_view:not(:has(button[name='action_publish']))",
        },
    ],
});

registry.category("web_tour.tours").add("qms_policy_publish_tour", {
    steps: () => [
        ...openPolicies(),
        {
            trigger: ".o_data_row:contains('Chính sách chất lượng năm 2026') .o_data_cell",
            run: "click",
        },
        {
            content: "Publish",
            trigger: "button[name='action_publish']",
            run: "click",
        },
        {
            content: "Confirm the publication",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The policy is in force",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='published']",
        },
        {
            content: "Follow who has read it",
            trigger: "button[name='action_view_distribution']",
            run: "click",
        },
        {
            content: "The read requests are listed, grouped by status",
            trigger: ".o_list_view .o_group_header",
        },
    ],
});
