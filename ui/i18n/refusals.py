"""The sentences of :mod:`ui.i18n.messages`, by code: one table per step of the journey.

A pure data table. Each table's translation context is the step's name (``Picking``,
``Packing`` …), written out in every ``QT_TRANSLATE_NOOP`` because lupdate reads only
literals; tests/ui/i18n/test_messages.py checks that each table's entries carry its
context, that no code is in two tables and that every code the services raise is here.
A key ``code/variant`` is one of the sentences of a code that
:data:`ui.i18n.messages.VARIANTS` chooses between by its parameters.
"""

from __future__ import annotations

from ui.i18n.noop import QT_TRANSLATE_NOOP

# A scan's meaning, the same at every bench.
SCAN: dict[str, str] = {
    "unknown_barcode": QT_TRANSLATE_NOOP("Scan", "Barcode {barcode} is not a product we know"),
    "product_unknown": QT_TRANSLATE_NOOP("Scan", "Barcode {barcode} is not a product we know"),
    "no_gtin": QT_TRANSLATE_NOOP("Scan", "This GS1 code carries no item number (01)"),
    "bad_qty": QT_TRANSLATE_NOOP("Scan", "Quantity must be at least 1"),
    "unreadable": QT_TRANSLATE_NOOP("Scan", "Could not read that code: {why}"),
}

AUTH: dict[str, str] = {
    "unknown_badge": QT_TRANSLATE_NOOP(
        "Auth", "Badge {badge} is not known here: ask a supervisor."
    ),
    "unknown_badge/none": QT_TRANSLATE_NOOP("Auth", "Scan your badge."),
    "inactive": QT_TRANSLATE_NOOP("Auth", "Badge {badge} is switched off: ask a supervisor."),
    "not_supervisor": QT_TRANSLATE_NOOP(
        "Auth", "{name} is a {role}, not a supervisor: a supervisor must approve this."
    ),
    "not_supervisor/approve": QT_TRANSLATE_NOOP("Auth", "A supervisor must approve this"),
    "not_supervisor/action": QT_TRANSLATE_NOOP("Auth", "Only a supervisor may do this."),
    "no_pin": QT_TRANSLATE_NOOP(
        "Auth", "{name} has no usable PIN on record: an administrator must set one."
    ),
    "bad_pin": QT_TRANSLATE_NOOP("Auth", "Wrong PIN for {badge}."),
}

PICKING: dict[str, str] = {
    "location_ok": QT_TRANSLATE_NOOP("Picking", "At {expected}: take {qty} × {sku}"),
    "item_ok": QT_TRANSLATE_NOOP("Picking", "{units} × {sku} counted, {left} to go"),
    "line_done": QT_TRANSLATE_NOOP("Picking", "Line done"),
    "task_done": QT_TRANSLATE_NOOP("Picking", "Task {task} done. Scan NEXT for the next task"),
    "expect_location": QT_TRANSLATE_NOOP("Picking", "Scan the location {expected} first"),
    "wrong_location": QT_TRANSLATE_NOOP("Picking", "Wrong location {scanned}: go to {expected}"),
    "expect_item": QT_TRANSLATE_NOOP("Picking", "Scan the item {sku} ({left} to take)"),
    "wrong_product": QT_TRANSLATE_NOOP("Picking", "Wrong item {scanned}: take {sku} here"),
    "over_quantity": QT_TRANSLATE_NOOP("Picking", "{units} scanned, only {left} left to pick"),
    "over_quantity/case": QT_TRANSLATE_NOOP("Picking", "Case of {pack}, only {left} left to pick"),
    "expect_tote": QT_TRANSLATE_NOOP(
        "Picking", "Put the items into tote {tote} (slot {slot}) and scan it"
    ),
    "expect_tote/free": QT_TRANSLATE_NOOP(
        "Picking", "Put the items into a free tote for slot {slot} and scan it"
    ),
    "wrong_tote": QT_TRANSLATE_NOOP("Picking", "Slot {slot} goes into tote {tote}, not {scanned}"),
    "unknown_tote": QT_TRANSLATE_NOOP("Picking", "There is no tote {scanned}"),
    "tote_busy": QT_TRANSLATE_NOOP("Picking", "Tote {scanned} is in use: take a free one"),
    "tote_elsewhere": QT_TRANSLATE_NOOP("Picking", "Tote {scanned} belongs to another warehouse"),
    "offline_tote": QT_TRANSLATE_NOOP(
        "Picking",
        "Slot {slot} has no tote yet: binding one needs the central database. "
        "Keep the items in slot {slot} and scan the tote when it is back",
    ),
    "task_taken": QT_TRANSLATE_NOOP(
        "Picking", "Task {task} is being picked at {station} by {user}"
    ),
    "task_taken/who": QT_TRANSLATE_NOOP("Picking", "Task {task} is being picked by {who}"),
    "task_taken/elsewhere": QT_TRANSLATE_NOOP(
        "Picking", "Task {task} is being picked at another station"
    ),
    "no_task": QT_TRANSLATE_NOOP("Picking", "That pick task does not exist"),
    "not_claimed": QT_TRANSLATE_NOOP("Picking", "Task {task} is not claimed by this station"),
    "holding_other": QT_TRANSLATE_NOOP(
        "Picking", "This station is picking task {task}: finish or release it first"
    ),
    "wave_closed": QT_TRANSLATE_NOOP("Picking", "Wave {wave} is closed"),
    "no_wave": QT_TRANSLATE_NOOP("Picking", "There is no wave {wave_id}"),
    "stale": QT_TRANSLATE_NOOP(
        "Picking", "Task {task} changed at another station: showing it as it is now"
    ),
    "no_line": QT_TRANSLATE_NOOP("Picking", "That line is not on this task"),
    "nothing_to_short": QT_TRANSLATE_NOOP("Picking", "Nothing is left to pick on this line"),
    "bad_found_qty": QT_TRANSLATE_NOOP(
        "Picking", "Found must be less than the {left} still needed"
    ),
    "bad_reason": QT_TRANSLATE_NOOP("Picking", "Choose why the pick is short"),
    "stock_mismatch": QT_TRANSLATE_NOOP(
        "Picking",
        "Bin {location} holds fewer units than are reserved: ask a supervisor to count it",
    ),
    "bad_scan_id": QT_TRANSLATE_NOOP("Picking", "The scan could not be recorded"),
}

PACKING: dict[str, str] = {
    "ok": QT_TRANSLATE_NOOP("Packing", "{sku}: {scanned} of {expected}"),
    "replayed": QT_TRANSLATE_NOOP("Packing", "Already recorded"),
    "not_in_order": QT_TRANSLATE_NOOP("Packing", "{sku} is not in this order"),
    "too_many": QT_TRANSLATE_NOOP(
        "Packing", "{units} is more than the {left} of {sku} still to scan"
    ),
    "too_many/all": QT_TRANSLATE_NOOP("Packing", "All {expected} of {sku} already scanned"),
    "not_a_product": QT_TRANSLATE_NOOP("Packing", "Scan an item of this order"),
    "intercepted": QT_TRANSLATE_NOOP("Packing", "STOP: order {order_no} is intercepted"),
    "intercepted/this": QT_TRANSLATE_NOOP("Packing", "STOP: this order is intercepted"),
    "not_packable": QT_TRANSLATE_NOOP(
        "Packing", "Order {order_no} cannot be packed: it is {status}"
    ),
    "order_taken": QT_TRANSLATE_NOOP(
        "Packing", "Order {order_no} is being packed at {station} by {user}"
    ),
    "order_taken/station": QT_TRANSLATE_NOOP(
        "Packing", "Order {order_no} is being packed at {station}"
    ),
    "no_station": QT_TRANSLATE_NOOP("Packing", "This bench is not a registered station"),
    "not_an_order": QT_TRANSLATE_NOOP(
        "Packing", "Scan a tote, an order number or a single-unit item"
    ),
    "tote_empty": QT_TRANSLATE_NOOP("Packing", "Tote {tote} carries no order to pack"),
    "order_unknown": QT_TRANSLATE_NOOP("Packing", "There is no such order"),
    "order_unknown/number": QT_TRANSLATE_NOOP("Packing", "There is no order {order_no}"),
    "order_ambiguous": QT_TRANSLATE_NOOP(
        "Packing", "Order {order_no} exists in several stores: scan its tote"
    ),
    "wrong_warehouse": QT_TRANSLATE_NOOP(
        "Packing", "Order {order_no} ships from another warehouse"
    ),
    "not_picked": QT_TRANSLATE_NOOP("Packing", "Order {order_no} is not picked yet"),
    "stale/order": QT_TRANSLATE_NOOP(
        "Packing", "Order {order_no} changed meanwhile: showing it as it is now"
    ),
    "no_single_order": QT_TRANSLATE_NOOP("Packing", "No single-unit order is waiting for {sku}"),
    "case_on_single": QT_TRANSLATE_NOOP("Packing", "That is a case of {pack_qty}: scan one item"),
    "order_not_open": QT_TRANSLATE_NOOP(
        "Packing", "Order {order_no} is not open here: scan its tote"
    ),
    "carton_unknown": QT_TRANSLATE_NOOP("Packing", "There is no carton {carton}"),
    "carton_code": QT_TRANSLATE_NOOP(
        "Packing",
        "{carton} cannot be a carton code: cartons are BOX- and up to 8 letters or digits (BOX-M)",
    ),
    "carton_dims": QT_TRANSLATE_NOOP(
        "Packing",
        "Carton {carton}: sizes and weight limit must be above zero and the tare not negative",
    ),
    "carton_exists": QT_TRANSLATE_NOOP("Packing", "Carton {carton} exists already"),
    "not_intercepted": QT_TRANSLATE_NOOP("Packing", "Order {order_no} is not stopped"),
    "not_verified": QT_TRANSLATE_NOOP("Packing", "{units} unit(s) still to scan: {missing}"),
    "bad_weight": QT_TRANSLATE_NOOP("Packing", "Put the parcel on the scale"),
    "weight_mismatch": QT_TRANSLATE_NOOP(
        "Packing", "Weighs {measured} kg, should be {expected} kg ± {allowed} kg"
    ),
    "reason_missing": QT_TRANSLATE_NOOP("Packing", "Say why"),
    "reason_missing/weight": QT_TRANSLATE_NOOP(
        "Packing", "Say why the parcel may ship with this weight."
    ),
    "not_packed": QT_TRANSLATE_NOOP("Packing", "Order {order_no} is not packed: there is no label"),
    "already_shipped": QT_TRANSLATE_NOOP(
        "Packing", "Order {order_no} is shipped: its label cannot be voided"
    ),
}

SHIPPING: dict[str, str] = {
    "unknown_tracking": QT_TRANSLATE_NOOP("Shipping", "No parcel has the waybill {tracking_no}"),
    "label_voided": QT_TRANSLATE_NOOP(
        "Shipping",
        "Waybill {tracking_no} was voided: take the parcel back to packing for its new label",
    ),
    "wrong_carrier": QT_TRANSLATE_NOOP(
        "Shipping", "Waybill {tracking_no} is {carrier}, this truck is {loading}: put it aside"
    ),
    "intercepted/parcel": QT_TRANSLATE_NOOP(
        "Shipping",
        "STOP: order {order_no} was cancelled after packing. Do not ship, take the parcel to returns",
    ),
    "pool_empty": QT_TRANSLATE_NOOP(
        "Shipping", "No tracking numbers left for {carrier}: ask a supervisor to add a range"
    ),
    "pool_carrier_unknown": QT_TRANSLATE_NOOP("Shipping", "{carrier} is not a known carrier"),
    "pool_rule_unknown": QT_TRANSLATE_NOOP("Shipping", "{rule} is not a check-digit rule"),
    "pool_range": QT_TRANSLATE_NOOP(
        "Shipping", "The range {start}…{end} must run upwards from 0 and fit in {digits} digits"
    ),
    "pool_range/digits": QT_TRANSLATE_NOOP("Shipping", "A serial has 1 to 30 digits, not {digits}"),
    "pool_shape": QT_TRANSLATE_NOOP(
        "Shipping",
        "{number} does not look like a {carrier} tracking number, so scanners would not read "
        "it as one: check the prefix, digits and range",
    ),
    "pool_shape/numbers": QT_TRANSLATE_NOOP(
        "Shipping",
        "The {carrier} pool cannot make tracking numbers: check the prefix, digits and range",
    ),
    "pool_overlap": QT_TRANSLATE_NOOP(
        "Shipping", "{carrier} pool {pool_id} already covers numbers of this range"
    ),
}

PRINTING: dict[str, str] = {
    "print_job_not_found": QT_TRANSLATE_NOOP("Printing", "Print job {job_id} does not exist."),
    "print_job_not_retryable": QT_TRANSLATE_NOOP(
        "Printing", "Print job {job_id} is {status}; reprint it to print it again."
    ),
    "print_job_not_cancellable": QT_TRANSLATE_NOOP(
        "Printing", "Print job {job_id} is already {status}."
    ),
    "reason_missing/cancelled": QT_TRANSLATE_NOOP("Printing", "Say why the label is cancelled."),
    "reason_missing/reprint": QT_TRANSLATE_NOOP("Printing", "Say why the label is printed again."),
    "reason_missing/void": QT_TRANSLATE_NOOP("Printing", "Say why the label is voided."),
    "print_format_unknown": QT_TRANSLATE_NOOP(
        "Printing", "Printer problem: labels are printed as ZPL or PDF, not {format}"
    ),
    "print_kind_unknown": QT_TRANSLATE_NOOP(
        "Printing", "Printer problem: {kind} is not a kind of label"
    ),
    "print_document_empty": QT_TRANSLATE_NOOP(
        "Printing", "Printer problem: the label to print is empty"
    ),
    "printer_address_invalid": QT_TRANSLATE_NOOP(
        "Printing",
        "Printer problem: the printer address {printer} is not usable: check the station settings",
    ),
    "label_format_unknown": QT_TRANSLATE_NOOP(
        "Printing", "Label format {format} is unknown: check the station settings"
    ),
    "label_size_unknown": QT_TRANSLATE_NOOP(
        "Printing", "Label size {size} is unknown: check the station settings"
    ),
    "label_cjk_unknown": QT_TRANSLATE_NOOP(
        "Printing",
        "Chinese text on ZPL labels is printed as a picture or in the printer font, "
        "not {zpl_cjk}: check the station settings",
    ),
    "label_format": QT_TRANSLATE_NOOP(
        "Printing", "Labels are printed as PDF or ZPL, not {format}."
    ),
    "label_size": QT_TRANSLATE_NOOP("Printing", "{size} is not a label size."),
    "labels_empty": QT_TRANSLATE_NOOP("Printing", "There are no labels to print."),
    "label_code_unprintable": QT_TRANSLATE_NOOP(
        "Printing",
        "These codes cannot be printed as barcodes: {codes}. A barcode takes letters, digits, "
        "spaces and - . / + : # * %, starting with a letter or digit, up to 48 characters.",
    ),
    "aisle_unknown": QT_TRANSLATE_NOOP(
        "Printing", "Warehouse {warehouse} has aisles 1 to {aisles}; there is no aisle {aisle}."
    ),
    "sku_unknown": QT_TRANSLATE_NOOP("Printing", "No product has the SKU {skus}."),
}

# The station itself: its name and settings, its journal of offline scans.
STATION: dict[str, str] = {
    "bad_station_name": QT_TRANSLATE_NOOP(
        "Station", "The station name {name} is not usable: give one like HZ1-PACK-01"
    ),
    "bad_station_name/none": QT_TRANSLATE_NOOP(
        "Station", "The station has no name: give one like HZ1-PACK-01"
    ),
    "bad_station_kind": QT_TRANSLATE_NOOP("Station", "Station kind {kind} is unknown"),
    "unknown_warehouse": QT_TRANSLATE_NOOP(
        "Station", "There is no warehouse {warehouse} for this station"
    ),
    "bad_journal_kind": QT_TRANSLATE_NOOP(
        "Station", "A journal entry of kind {kind} cannot be replayed"
    ),
    "replay_failed": QT_TRANSLATE_NOOP(
        "Station", "The central database could not take this scan: {detail}"
    ),
    # Problems of the settings form, shown after the field's name.
    "unknown_label_format": QT_TRANSLATE_NOOP(
        "Station", "unknown label format {value!r}: choose one of {allowed}"
    ),
    "unknown_label_size": QT_TRANSLATE_NOOP(
        "Station", "unknown label size {value!r}: choose one of {allowed}"
    ),
    "unknown_lang": QT_TRANSLATE_NOOP(
        "Station", "unknown language {value!r}: choose one of {allowed}"
    ),
    "unknown_zpl_cjk": QT_TRANSLATE_NOOP(
        "Station", "unknown way to print Chinese in ZPL {value!r}: choose one of {allowed}"
    ),
    "bad_tolerance": QT_TRANSLATE_NOOP(
        "Station", "the weight tolerance must be between 0 and 100 percent, not {value:g}"
    ),
    "bad_tolerance/grams": QT_TRANSLATE_NOOP(
        "Station", "the weight tolerance must be between 0 and 100000 grams, not {value}"
    ),
}

SUPERVISION: dict[str, str] = {
    "reason_required": QT_TRANSLATE_NOOP(
        "Supervision", "Give a reason: every supervisor action is recorded with who and why."
    ),
    "reason_too_long": QT_TRANSLATE_NOOP(
        "Supervision", "The reason is {length} characters long; keep it under {limit}."
    ),
    "hold_not_open": QT_TRANSLATE_NOOP("Supervision", "That hold was released already."),
    "task_not_claimed": QT_TRANSLATE_NOOP("Supervision", "Nobody holds that task."),
    "task_changed": QT_TRANSLATE_NOOP(
        "Supervision", "Someone changed it at another station meanwhile; look again."
    ),
    "user_inactive": QT_TRANSLATE_NOOP("Supervision", "That person is not an active user."),
    "not_cancellable": QT_TRANSLATE_NOOP(
        "Supervision", "The order is shipped, completed or cancelled: it cannot be cancelled."
    ),
    "no_weight_mismatch": QT_TRANSLATE_NOOP(
        "Supervision", "No refused weight is waiting for an approval on that order."
    ),
    "job_not_failed": QT_TRANSLATE_NOOP("Supervision", "That print job is not a failed one."),
    "wave_status": QT_TRANSLATE_NOOP("Supervision", "The wave is not in a state this applies to."),
    "no_interception": QT_TRANSLATE_NOOP("Supervision", "That order has nothing to intercept."),
    "not_found": QT_TRANSLATE_NOOP("Supervision", "It is not there any more; look again."),
}

WAREHOUSE: dict[str, str] = {
    "warehouse_unknown": QT_TRANSLATE_NOOP("Warehouse", "There is no warehouse {warehouse}."),
    "tote_unknown": QT_TRANSLATE_NOOP("Warehouse", "There is no tote {tote}"),
    "tote_count": QT_TRANSLATE_NOOP(
        "Warehouse", "The number of totes to add must be between 1 and {most}, not {count}."
    ),
    "tote_start": QT_TRANSLATE_NOOP(
        "Warehouse", "Tote numbers start at 1; {start} cannot be the first."
    ),
    "tote_exists": QT_TRANSLATE_NOOP(
        "Warehouse", "These tote codes exist already: {taken}. Choose another start number."
    ),
    "tote_status_unknown": QT_TRANSLATE_NOOP("Warehouse", "{status} is not a tote status."),
}

# Translation context -> its table.
TABLES: dict[str, dict[str, str]] = {
    "Scan": SCAN,
    "Auth": AUTH,
    "Picking": PICKING,
    "Packing": PACKING,
    "Shipping": SHIPPING,
    "Printing": PRINTING,
    "Station": STATION,
    "Supervision": SUPERVISION,
    "Warehouse": WAREHOUSE,
}

# key -> (translation context, English sentence)
CATALOG: dict[str, tuple[str, str]] = {
    key: (context, source) for context, table in TABLES.items() for key, source in table.items()
}
