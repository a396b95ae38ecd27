"""The ceiling for bench/stations.py: the same claim cycle written by the server alone.

Two PL/pgSQL functions, created in the bench's scratch database only, do what one
claim plus its completing scan write — the task claimed and done, its lines picked,
its orders waved → picking → picked, the scan record, the events (so the change
feed's NOTIFY trigger fires as for the app), the wave moved and closed under its
row lock — and stations call them from bare psycopg in autocommit (``ceiling_proc``
in bench/stations.py): two round trips a cycle, no ORM, no Python logic. Nothing
checks or explains anything here, so no station could do less; what this reaches on
a machine is the most any design with the same writes could reach on it, and the
app's rate is reported against it.
"""

from __future__ import annotations

CEILING_SQL = r"""
CREATE OR REPLACE FUNCTION bench_claim(p_station int, p_user int, p_wh int) RETURNS int AS $$
DECLARE w record; t int; wcode text; wstatus text; wid int; tseq int;
BEGIN
  FOR w IN SELECT id, code, status FROM waves WHERE status IN ('released', 'picking') AND warehouse_id = p_wh
           AND EXISTS (SELECT 1 FROM pick_tasks pt WHERE pt.wave_id = waves.id AND pt.status = 'open')
           ORDER BY created_at, id LIMIT 8 LOOP
    SELECT id, seq INTO t, tseq FROM pick_tasks WHERE wave_id = w.id AND status = 'open'
      ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF t IS NOT NULL THEN wid := w.id; wcode := w.code; wstatus := w.status; EXIT; END IF;
  END LOOP;
  IF t IS NULL THEN RETURN NULL; END IF;
  UPDATE pick_tasks SET status = 'claimed', claimed_by = p_user, claimed_station_id = p_station,
    claimed_at = now(), touched_at = now(), version = version + 1 WHERE id = t;
  WITH moved AS (
    UPDATE orders SET status = 'picking', version = version + 1, updated_at = now()
    WHERE id IN (SELECT order_id FROM pick_lines WHERE pick_task_id = t) AND status = 'waved'
    RETURNING id, order_no)
  INSERT INTO events (id, at, user_id, station_id, entity, entity_id, kind, payload)
  SELECT gen_random_uuid()::text, clock_timestamp(), p_user, p_station, 'pick_task', t::text, 'task.claimed',
         json_build_object('task', wcode || '-' || tseq)
  UNION ALL
  SELECT gen_random_uuid()::text, clock_timestamp(), p_user, p_station, 'order', id::text, 'order.picking',
         json_build_object('order_no', order_no, 'from', 'waved', 'to', 'picking') FROM moved;
  IF wstatus = 'released' THEN
    UPDATE waves SET status = 'picking', version = version + 1
    WHERE id = (SELECT id FROM waves WHERE id = wid AND status = 'released' FOR UPDATE SKIP LOCKED);
  END IF;
  RETURN t;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION bench_complete(p_task int, p_station int, p_user int, p_scan text) RETURNS void AS $$
DECLARE wid int; units int; left_open int;
BEGIN
  SELECT wave_id INTO wid FROM pick_tasks WHERE id = p_task FOR UPDATE;
  UPDATE pick_lines SET picked_qty = qty, status = 'picked', picked_at = now(), picked_by = p_user, location_ok = true
  WHERE pick_task_id = p_task;
  SELECT sum(qty) INTO units FROM pick_lines WHERE pick_task_id = p_task;
  INSERT INTO scans (id, at, user_id, station_id, task, code, result, reason, qty)
  VALUES (p_scan, now(), p_user, p_station, 'pick', 'bench', 'ok', 'task_done', units);
  UPDATE pick_tasks SET status = 'done', version = version + 1, touched_at = now() WHERE id = p_task;
  WITH moved AS (
    UPDATE orders SET status = 'picked', version = version + 1, updated_at = now()
    WHERE id IN (SELECT order_id FROM pick_lines WHERE pick_task_id = p_task) AND status = 'picking'
    RETURNING id, order_no)
  INSERT INTO events (id, at, user_id, station_id, entity, entity_id, kind, payload)
  SELECT gen_random_uuid()::text, clock_timestamp(), p_user, p_station, 'pick_task', p_task::text, 'pick.item',
         json_build_object('qty', units)
  UNION ALL SELECT gen_random_uuid()::text, clock_timestamp(), p_user, p_station, 'pick_task', p_task::text,
         'task.done', json_build_object('units', units)
  UNION ALL SELECT gen_random_uuid()::text, clock_timestamp(), p_user, p_station, 'order', id::text, 'order.picked',
         json_build_object('order_no', order_no, 'from', 'picking', 'to', 'picked') FROM moved;
  PERFORM 1 FROM waves WHERE id = wid FOR UPDATE;
  SELECT count(*) INTO left_open FROM pick_tasks WHERE wave_id = wid AND status <> 'done';
  IF left_open = 0 THEN
    UPDATE waves SET status = 'picked', version = version + 1 WHERE id = wid AND status IN ('released', 'picking');
  END IF;
END $$ LANGUAGE plpgsql;
"""
