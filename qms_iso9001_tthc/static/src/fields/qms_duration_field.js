import { registry } from "@web/core/registry";
import { FloatField, floatField } from "@web/views/fields/float/float_field";

// A number with one "." or "," between digits, e.g. "0.5" or "2,5".
const ONE_SEPARATOR = /^\s*(\d+)[.,](\d+)\s*$/;

/**
 * A duration (of a step, of a legal time limit) is never in the thousands: "0.5" typed under
 * a language whose thousands separator is "." (Vietnamese) means half, not 5. Both "0.5" and
 * "0,5" are read as decimals; anything else is parsed as usual (issue 19).
 */
export class QmsDurationField extends FloatField {
    parse(value) {
        const match = ONE_SEPARATOR.exec(String(value));
        if (match) {
            return Number(`${match[1]}.${match[2]}`);
        }
        return super.parse(value);
    }
}

export const qmsDurationField = {
    ...floatField,
    component: QmsDurationField,
};

registry.category("fields").add("qms_duration", qmsDurationField);
