"""Who may do what with datasets: each organisation's editors keep their own datasets and
import their observations; moderators look; the public reads what is published."""

import rules

from townhall.core import access
from townhall.core.predicates import add_record_rules, has_model_permission

add_record_rules("datasets.dataset", lambda dataset: dataset.organisation)
add_record_rules("datasets.observation", lambda observation: observation.dataset.organisation)
rules.add_perm(
    "datasets.import_observations_to", has_model_permission("datasets.import_observations")
)

VIEWS = [
    *(("index*", "view"), ("history*", "history"), ("usage", "change"), ("edit", "change")),
    *(("delete", "delete"), ("add", "add"), ("copy", "add"), ("inspect", "view")),
]

access.declare(
    {
        "data-catalogue": access.reads("the open data catalogue"),
        "dataset*": access.reads("a published dataset, its chart, table and downloads"),
        "data-dcat": access.reads("the open data catalogue in DCAT-AP"),
        "register-csv": access.reads("a public register (petitions, decisions...) as CSV"),
        **{
            f"{viewset}:{view}": access.rule(f"datasets.{action}_{model}")
            for viewset, model in (("datasets", "dataset"), ("observations", "observation"))
            for view, action in VIEWS
        },
        "observation-import:index": access.rule("datasets.import_observations_to"),
    }
)
