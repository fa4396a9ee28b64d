{#
  parent_exists: every non-null parent code in `column_name` must exist as a
  code (`code_column`) in the same model. Returns the orphan rows.
  上级编码必须存在 / the parent code must exist in the same catalogue.
#}
{% test parent_exists(model, column_name, code_column) %}

select
    child.{{ column_name }} as orphan_parent_code,
    count(*) as n_rows
from {{ model }} as child
left join {{ model }} as parent
    on child.{{ column_name }} = parent.{{ code_column }}
where child.{{ column_name }} is not null
  and trim(child.{{ column_name }}) <> ''
  and parent.{{ code_column }} is null
group by child.{{ column_name }}

{% endtest %}
