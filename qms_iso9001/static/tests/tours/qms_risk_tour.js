import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const openMenu = (sectionXmlid, menuXmlid) => [
    {
        content: "Open the menu section",
        trigger: `.o_main_navbar [data-menu-xmlid='${sectionXmlid}']`,
        run: "click",
    },
    {
        content: "Open the menu entry",
        trigger: `.dropdown-item[data-menu-xmlid='${menuXmlid}']`,
        run: "click",
    },
];

registry.category("web_tour.tours").add("qms_risk_register_tour", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Quality Management app",
            trigger: ".o_app[data-menu-xmlid='qms_iso9001.menu_qms_root']",
            run: "click",
        },
        ...openMenu("qms_iso9001.menu_qms_improvement", "qms_iso9001.menu_qms_risk"),
        {
            content: "Record a new risk",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Mất dữ liệu hồ sơ điện tử",
        },
        {
            content: "Rate its likelihood",
            trigger: ".o_field_widget[name='likelihood'] input",
            run: "edit 4",
        },
        {
            content: "Rate its impact",
            trigger: ".o_field_widget[name='impact'] input",
            run: "edit 4",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The score is likelihood x impact",
            trigger: ".o_form_saved .o_field_widget[name='score']:contains('16')",
        },
        {
            content: "Mark it assessed",
            trigger: "button[name='action_assess']",
            run: "click",
        },
        {
            content: "It is assessed",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='assessed']",
        },
        ...openMenu("qms_iso9001.menu_qms_improvement", "qms_iso9001.menu_qms_risk_matrix_grid"),
        {
            content: "The coloured matrix counts the risk in its cell",
            trigger: ".o_qms_risk_matrix td[data-likelihood='4'][data-impact='4'][data-count='1']",
        },
    ],
});
