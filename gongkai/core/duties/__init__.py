"""The duty contract: anything with an owner unit, maybe an assignee, and a computed due date.

Apps call `duty_open` when something becomes someone's job, `duty_close` when it is done,
`duty_set_clock` when pauses or extensions change, and show `urgency` from the selectors.
"""
