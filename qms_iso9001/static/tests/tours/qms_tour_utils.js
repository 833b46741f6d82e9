// Steps shared by the tours of the QMS addons (imported as "@qms_iso9001/../tests/tours/qms_tour_utils").

/**
 * Choose a many2one's value as a user does: type, then click the record among the results.
 *
 * Typing first clicks into the field, which opens the list of all records; the search of the
 * typed text runs after a short pause. Clicking an item of that first list before the search
 * answers lets the answer reopen the dropdown over the form. So the click waits for an item of
 * the typed search: Odoo marks the typed text in those (`.text-primary`). Clicking the item
 * closes the dropdown; no step needs to wait for it to go.
 *
 * @param {string} field name of the many2one field in the form
 * @param {string} typed text typed into it
 * @param {string} label text of the record to choose in the results
 */
export function chooseRecord(field, typed, label) {
    return [
        {
            content: `Type ${typed} in ${field}`,
            trigger: `.o_field_widget[name='${field}'] input`,
            run: `edit ${typed}`,
        },
        {
            content: `Choose ${label}`,
            trigger: `.o-autocomplete--dropdown-item > a:has(.text-primary):contains('${label}')`,
            run: "click",
        },
    ];
}

/**
 * A step of the user guide's tours: capture the page into docs/img/<name>.png.
 *
 * The step logs `qms-guide-shot:<name>`; the test (qms_iso9001/tests/guide_screenshots.py) asks
 * Chrome for the capture, writes it and sets `window.qmsGuideShotDone` to the name (or to an
 * error). The step waits for that, so the next step does not change the page under the capture.
 *
 * @param {string} name file name of the image, without extension
 */
export function shot(name) {
    return {
        content: `Capture docs/img/${name}.png`,
        trigger: "body",
        run: async () => {
            // let the last click's rendering and transitions settle
            await new Promise((resolve) => setTimeout(resolve, 500));
            window.qmsGuideShotDone = undefined;
            console.log(`qms-guide-shot:${name}`);
            const start = Date.now();
            while (window.qmsGuideShotDone !== name) {
                const done = window.qmsGuideShotDone;
                if (typeof done === "string" && done.startsWith("error")) {
                    throw new Error(`Screenshot ${name}: ${done}`);
                }
                if (Date.now() - start > 8000) {
                    throw new Error(`Screenshot ${name} was not taken`);
                }
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
        },
    };
}

/**
 * Open a window action by its XML id, as a bookmarked address would.
 *
 * @param {string} action XML id of the action
 */
export function goToAction(action) {
    return {
        content: `Open ${action}`,
        trigger: "body",
        run: `goToUrl /odoo/action-${action}`,
        expectUnloadPage: true,
    };
}
