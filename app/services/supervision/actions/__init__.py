"""What a supervisor does about an exception or a wave: each action is one transaction
that changes the state and writes an event saying who did it and why.

Every action needs a person the permission table (:mod:`app.domain.permissions`)
lets do it, active (``actor.user_id``, or a badge at the command line's door), and,
except a print retry, a reason; otherwise it raises :class:`FloorError` with a
stable code and changes nothing:

=================== ==================================================================
code                meaning
=================== ==================================================================
reason_required     no reason given
reason_too_long     the reason is over 500 characters
not_supervisor      the actor is not active, or the table does not let their role act
not_found           the order / hold / task / job / wave / user does not exist
order_unknown       no order has that number (the command line's door)
order_ambiguous     that number is an order of several stores: say which
hold_not_open       the hold was released already (or is another order's), or the
                    order has no open hold
task_done           the task is finished; nothing to release or reassign
task_not_claimed    nobody holds the task
task_changed        someone else changed the task meanwhile; look again
user_inactive       the user to give a task to is not active
not_cancellable     the order is shipped, completed or cancelled already
no_weight_mismatch  nothing to approve: no refused weight waits for this order
job_not_failed      the print job is not a failed one
wave_status         the wave is not in a state the control applies to (a wave is
                    released → picking → picked; paused and cancelled are ours)
no_interception     the order has nothing to intercept
=================== ==================================================================

One module per thing acted on: :mod:`.holds`, :mod:`.orders`, :mod:`.tasks`,
:mod:`.wave_controls` (with how a wave is cancelled), :mod:`.prints`; what they share
(who may, the reason, the result) is in :mod:`.guards`.
"""

from app.services.supervision.actions.guards import MAX_REASON, ActionDone
from app.services.supervision.actions.holds import release_hold, release_order_holds
from app.services.supervision.actions.orders import (
    EVENT_INTERCEPTION_RESOLVED,
    approve_override,
    cancel_order,
    resolve_interception,
)
from app.services.supervision.actions.prints import retry_print
from app.services.supervision.actions.tasks import reassign_task, release_task
from app.services.supervision.actions.wave_controls import (
    PAUSABLE,
    build_waves_now,
    build_waves_preview,
    cancel_wave,
    pause_wave,
    resume_wave,
)

__all__ = [
    "EVENT_INTERCEPTION_RESOLVED",
    "MAX_REASON",
    "PAUSABLE",
    "ActionDone",
    "approve_override",
    "build_waves_now",
    "build_waves_preview",
    "cancel_order",
    "cancel_wave",
    "pause_wave",
    "reassign_task",
    "release_hold",
    "release_order_holds",
    "release_task",
    "resolve_interception",
    "resume_wave",
    "retry_print",
]
