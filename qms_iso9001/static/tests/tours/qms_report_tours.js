import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const openReportingMenu = (menuXmlid) => [
    stepUtils.showAppsMenuItem(),
    {
        content: "Open the Quality Management app",
        trigger: ".o_app[data-menu-xmlid='qms_iso9001.menu_qms_root']",
        run: "click",
    },
    {
        content: "Open Reporting",
        trigger: ".o_main_navbar [data-menu-xmlid='qms_iso9001.menu_qms_reporting']",
        run: "click",
    },
    {
        trigger: `.dropdown-item[data-menu-xmlid='${menuXmlid}']`,
        run: "click",
    },
];

registry.category("web_tour.tours").add("qms_report_prepare_tour", {
    steps: () => [
        ...openReportingMenu("qms_iso9001.menu_qms_report"),
        {
            content: "Create a periodic report",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "For the year 2024",
            trigger: ".o_field_widget[name='year'] input",
            run: "edit 2024",
        },
        {
            content: "Save it",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Compute its figures from the records",
            trigger: "button[name='action_compute_figures'].btn-primary",
            run: "click",
        },
        {
            content: "The figures are there",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row",
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

registry.category("web_tour.tours").add("qms_report_approve_tour", {
    steps: () => [
        ...openReportingMenu("qms_iso9001.menu_qms_report"),
        {
            content: "Open the submitted report",
            trigger: ".o_data_row:contains('2024') .o_data_cell",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: "button[name='action_approve_with_comment']",
            run: "click",
        },
        {
            content: "Confirm the decision",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "It is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
        {
            content: "Open Reporting again",
            trigger: ".o_main_navbar [data-menu-xmlid='qms_iso9001.menu_qms_reporting']",
            run: "click",
        },
        {
            content: "Open the objective achievement dashboard",
            trigger: ".dropdown-item[data-menu-xmlid='qms_iso9001.menu_qms_dashboard_objective']",
            run: "click",
        },
        {
            content: "It opens as a graph",
            trigger: ".o_graph_view",
        },
    ],
});
