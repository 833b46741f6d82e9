"""Hints about the decimal mark, for numbers that cannot be what the user meant.

Under Vietnamese formats "," marks decimals and "." groups thousands. The web client reads both
"0.5" and "0,5" as a half (static/src/fields/qms_number_input.js), but a number typed elsewhere
(an import, another client, a grouping the user did not mean, "99.50" read as 9950) can still
arrive ten or a hundred times too large: where a value has a known bound the server refuses it
and says how decimals are written in the user's language (issue 19).
"""


def decimal_point(env):
    """The decimal mark of the user's language."""
    return env["res.lang"]._get_data(code=env.lang or "en_US").decimal_point or "."


def shown(env, value):
    """`value` as the user types it: no useless zeros, the language's decimal mark."""
    return f"{value:.6g}".replace(".", decimal_point(env))


def likely_meant(env, value, bound):
    """The number the user probably typed when `value` came out too large: the same digits
    with the decimal mark moved left until it fits under `bound`."""
    meant = value
    while meant > bound:
        meant /= 10
    return shown(env, meant)
