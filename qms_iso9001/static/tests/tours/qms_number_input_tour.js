import { registry } from "@web/core/registry";

// Under Vietnamese formats (decimals ",", thousands ".") a measured value typed "0.5" or "0,5"
// is a half, and "1.250" is one thousand two hundred and fifty (issue 19). Each value is saved
// and read back from the form as the server returned it.
const typeAndSave = (typed, shown) => [
    {
        content: `Type ${typed}`,
        trigger: ".o_form_editable .o_field_widget[name='actual_value'] input",
        run: `edit ${typed}`,
    },
    {
        content: "Save",
        trigger: ".o_form_button_save",
        run: "click",
    },
    {
        content: `Saved as ${shown}`,
        trigger: `.o_form_saved .o_field_widget[name='actual_value'] input:value('${shown}')`,
    },
];

registry.category("web_tour.tours").add("qms_number_input_tour", {
    steps: () => [
        ...typeAndSave("0.5", "0,50"),
        ...typeAndSave("1.250", "1.250,00"),
        ...typeAndSave("0,5", "0,50"),
        ...typeAndSave("2.25", "2,25"),
    ],
});
