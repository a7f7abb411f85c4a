"""A Splink linker as `pathways check` runs it (a skeleton: not run in the bench's CI).

    npx pathways check --kind link \
      --tool 'python3 examples/tools/splink_linker.py {left} {right} {out}' \
      --property 'recall >= 0.9' --property 'precision >= 0.95' --runs 100

{left} is the cohort's nDelius records and {right} the NDTMS community episodes, both with the
columns Splink reads as they are: unique_id, source_dataset, first_name, surname, initials,
dob, sex, postcode, postcode_sector, postcode_district, nhs_number (empty where a system does
not hold a field: NDTMS has initials, not names). Write {out} with unique_id_l,unique_id_r
(Splink's prediction columns) and optionally match_probability; `check` scores those rows.

Requires `pip install splink` (4.x). Replace the settings with your own pipeline's.
"""
import sys

import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on


def main(left_path: str, right_path: str, out_path: str) -> None:
    left = pd.read_csv(left_path, dtype=str, keep_default_na=False).replace("", None)
    right = pd.read_csv(right_path, dtype=str, keep_default_na=False).replace("", None)
    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("dob"),
            block_on("initials", "postcode_district"),
        ],
        comparisons=[
            cl.ExactMatch("initials").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("sex"),
            cl.ExactMatch("postcode_district"),
        ],
    )
    linker = Linker([left, right], settings, db_api=DuckDBAPI())
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("initials"))
    predictions = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    # Splink may put either file on the left of a pair: the bench's left is the nDelius file.
    swap = predictions["source_dataset_l"] != "ndelius"
    predictions.loc[swap, ["unique_id_l", "unique_id_r"]] = predictions.loc[swap, ["unique_id_r", "unique_id_l"]].values
    predictions[["unique_id_l", "unique_id_r", "match_probability"]].to_csv(out_path, index=False)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: splink_linker.py LEFT.csv RIGHT.csv OUT.csv")
    main(*sys.argv[1:])
