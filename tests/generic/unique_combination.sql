{#
  unique_combination: no two rows of `model` share the same values in `columns`
  (the model's grain). 粒度唯一 / one row per grain.
  Returns one row per duplicated combination, with how many rows share it.
  Rows where a grain column is null are compared like any other value (null = null here),
  so a grain with a missing part is still caught when it repeats.
#}
{% test unique_combination(model, columns) %}

{%- set grain = columns | join(', ') %}

select
    {{ grain }},
    count(*) as n_rows
from {{ model }}
group by {{ grain }}
having count(*) > 1

{% endtest %}
