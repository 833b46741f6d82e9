import { registry } from "@web/core/registry";

// Fees typed under Vietnamese formats (decimals ",", thousands "."): "1.250.000" is one
// million two hundred and fifty thousand, "0.5" and "0,5" are halves (issue 19).
const typeFee = (row, typed) => [
    {
        content: `Edit fee ${row + 1}`,
        trigger: `.o_field_widget[name='fee_ids'] .o_data_row:eq(${row}) .o_data_cell[name='amount']`,
        run: "click",
    },
    {
        content: `Type ${typed}`,
        trigger: `.o_field_widget[name='fee_ids'] .o_data_row:eq(${row}).o_selected_row .o_field_widget[name='amount'] input`,
        run: `edit ${typed}`,
    },
];

registry.category("web_tour.tours").add("qms_tthc_fee_input_tour", {
    steps: () => [
        ...typeFee(0, "1.250.000"),
        ...typeFee(1, "0.5"),
        ...typeFee(2, "0,5"),
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
