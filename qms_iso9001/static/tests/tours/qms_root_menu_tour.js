import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("qms_root_menu_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Quality Management app",
            trigger: ".o_app[data-menu-xmlid='qms_iso9001.menu_qms_root']:contains('Quản lý chất lượng')",
            run: "click",
        },
        {
            content: "The app opens on what the user must read, in Vietnamese",
            trigger: ".o_breadcrumb:contains('Tài liệu cần đọc')",
        },
        {
            content: "Open the Organisation menu",
            trigger: ".o_main_navbar [data-menu-xmlid='qms_iso9001.menu_qms_organisation']:contains('Tổ chức')",
            run: "click",
        },
        {
            content: "Open the steering committee",
            trigger: ".dropdown-item[data-menu-xmlid='qms_iso9001.menu_qms_steering_committee']:contains('Ban chỉ đạo ISO')",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb:contains('Ban chỉ đạo ISO')",
        },
        {
            content: "The committee in force is listed",
            trigger: ".o_data_row:contains('42/QĐ-STP'):contains('Có hiệu lực')",
        },
        {
            content: "Open the committee",
            trigger: ".o_data_row:contains('42/QĐ-STP') .o_data_cell",
            run: "click",
        },
        {
            content: "Staff read the committee without edit buttons",
            trigger: ".o_form_view .o_field_widget[name='decision_number']:contains('42/QĐ-STP')",
        },
        {
            trigger: ".o_form_view:not(:has(button[name='action_put_in_force']))",
        },
    ],
});
