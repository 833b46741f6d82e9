import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("qms_tthc_flow_tour", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Administrative Procedures app",
            trigger: ".o_app[data-menu-xmlid='qms_iso9001_tthc.menu_qms_tthc_root']",
            run: "click",
        },
        {
            trigger: ".o_main_navbar [data-menu-xmlid='qms_iso9001_tthc.menu_qms_tthc_catalogue']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='qms_iso9001_tthc.menu_qms_tthc_procedure']",
            run: "click",
        },
        {
            content: "Open the procedure",
            trigger: ".o_data_row:contains('2.000884') .o_data_cell",
            run: "click",
        },
        {
            content: "Open its flow",
            trigger: "button[name='action_open_current_flow']",
            run: "click",
        },
        {
            content: "The steps do not fill the legal time: the difference is shown",
            trigger: ".alert-warning[name='time_difference']:contains('5')",
        },
        {
            content: "Edit the duration of the step",
            trigger: ".o_field_one2many[name='step_ids'] .o_data_row .o_data_cell[name='duration']",
            run: "click",
        },
        {
            trigger: ".o_field_one2many[name='step_ids'] .o_data_row [name='duration'] input",
            run: "edit 7",
        },
        {
            content: "Leave the cell",
            trigger: ".o_form_view .oe_title",
            run: "click",
        },
        {
            content: "The difference disappears before saving",
            trigger: ".alert-success[name='time_balance']",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
