{#
  reconciliation_passes: every 勾稽核对 (reconciliation check) whose rule has severity
  'error' passed, i.e. the printed value equals the value recomputed from the leaves
  within the rounding tolerance (尾数误差). Returns the failed error-severity checks.
  Configure it with severity: warn: a publisher's own inconsistency is reported by
  `dbt build` but never blocks publishing; the failures stay queryable as data in the model.
  A check whose outcome is unknown (passed is null) counts as failed.
#}
{% test reconciliation_passes(model) %}

select *
from {{ model }}
where severity = 'error'
  and (passed is null or not passed)

{% endtest %}
