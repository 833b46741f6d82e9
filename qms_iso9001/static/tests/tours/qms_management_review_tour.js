import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const openReporting = (menuXmlid) => [
    stepUtils.showAppsMenuItem(),
    {
        content: "Open the Quality Management app",
        trigger: ".o_app[data-menu-xmlid='qms_iso9001.menu_qms_root']",
        run: "click",
    },
    {
        trigger: ".o_main_navbar [data-menu-xmlid='qms_iso9001.menu_qms_reporting']",
        run: "click",
    },
    {
        trigger: `.dropdown-item[data-menu-xmlid='${menuXmlid}']`,
        run: "click",
    },
];

registry.category("web_tour.tours").add("qms_management_review_tour", {
    steps: () => [
        ...openReporting("qms_iso9001.menu_qms_management_review"),
        {
            content: "Open the draft review of the year",
            trigger: ".o_data_row:contains('Họp xem xét của lãnh đạo năm 2025') .o_data_cell",
            run: "click",
        },
        {
            content: "Gather the inputs of the period",
            trigger: "button[name='action_gather_inputs']",
            run: "click",
        },
        {
            content: "The inputs are listed",
            trigger: ".o_field_widget[name='input_ids'] .o_data_row:nth-child(10)",
        },
        {
            content: "Submit the minutes",
            trigger: "button[name='action_submit_for_approval']",
            run: "click",
        },
        {
            content: "The minutes wait for approval",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='to_approve']",
        },
    ],
});

registry.category("web_tour.tours").add("qms_emulation_score_tour", {
    steps: () => [
        ...openReporting("qms_iso9001.menu_qms_emulation_score"),
        {
            content: "Compute the scores of a year",
            trigger: "button[name='action_open_compute_wizard']",
            run: "click",
        },
        {
            content: "Set the year",
            trigger: ".modal .o_field_widget[name='year'] input",
            run: "edit 2025",
        },
        {
            content: "Compute",
            trigger: ".modal button[name='action_compute']",
            run: "click",
        },
        {
            content: "The ranking lists the units",
            trigger: ".o_list_view .o_data_row:contains('Văn phòng')",
        },
    ],
});
