-- train_loss becomes the main head's loss (it was the optimised total). Rows written before keep
-- their total as train_total_loss; where the same step has aux_loss (models with aux heads and
-- auxWeight > 0), train_loss becomes total - auxWeight * aux_loss, which is exact: the old process
-- averaged the total and the aux loss over the same steps. auxWeight is the trial's parameter, or
-- 0.3, the default those rows were trained with when the sweep left it out.
INSERT OR IGNORE INTO metrics(trial, name, step, epoch, value, attempt, time)
  SELECT trial, 'train_total_loss', step, epoch, value, attempt, time
  FROM metrics WHERE name = 'train_loss';
UPDATE metrics
  SET value = value - (
    SELECT COALESCE(json_extract(t.doc, '$.parameters.auxWeight'), 0.3) * a.value
    FROM metrics a JOIN trials t ON t.id = a.trial
    WHERE a.trial = metrics.trial AND a.name = 'aux_loss' AND a.step = metrics.step)
  WHERE name = 'train_loss'
    AND EXISTS (
      SELECT 1 FROM metrics a
      WHERE a.trial = metrics.trial AND a.name = 'aux_loss' AND a.step = metrics.step)
