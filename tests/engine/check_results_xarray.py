"""Reads a results file through xarray (engine="h5netcdf") and checks what people will rely on.

Run by tests/engine/test_results_hdf5.cpp as `/usr/bin/python3 check_results_xarray.py FILE`.
FILE holds that test's sample_results(); the expected values below follow the same formulas, with
r, m, g, s the 0-based replicate, month, region and stage indices. Exits 0 when every check holds
and 1 with the reasons otherwise, also when xarray or h5netcdf cannot be imported: the project's
install script provides both for /usr/bin/python3, so their absence is a failure, not a skip.
"""
import sys

FAILURES = []


def expect(condition, message):
    if not condition:
        FAILURES.append(message)


def check(path):
    import numpy as np
    import xarray as xr

    with xr.open_dataset(path, engine="h5netcdf") as ds:
        phony = [d for d in ds.dims if str(d).startswith("phony_dim")]
        expect(not phony, f"unnamed dimensions {phony}")
        sizes = {str(k): int(v) for k, v in ds.sizes.items()}
        expected_sizes = {"replicate": 2, "month": 3, "region": 2, "stage": 3,
                          "from_stage": 3, "to_stage": 3}
        expect(sizes == expected_sizes, f"dimension sizes {sizes}, expected {expected_sizes}")

        dims = {
            "stage_count": ("replicate", "month", "region", "stage"),
            "initial_stage_count": ("replicate", "region", "stage"),
            "transition_count": ("replicate", "month", "region", "from_stage", "to_stage"),
            "arrival_count": ("replicate", "month", "region", "stage"),
            "caseload_per_fte": ("replicate", "month", "region"),
            "leefloon_spending": ("replicate", "month", "region"),
            "month_label": ("month",),
        }
        for name, expected in dims.items():
            expect(name in ds.variables, f"variable {name} missing")
            if name in ds.variables:
                expect(ds[name].dims == expected, f"{name} dims {ds[name].dims}, expected {expected}")
        if FAILURES:
            return

        stages = ["intake", "activation", "employed"]
        expect(list(ds["replicate"].values) == [0, 1], f"replicate {ds['replicate'].values}")
        # month is a CF time coordinate: xarray decodes it to the first day of each month.
        months = [str(v)[:10] for v in ds["month"].values]
        expect(np.issubdtype(ds["month"].dtype, np.datetime64), f"month dtype {ds['month'].dtype}")
        expect(months == ["2026-01-01", "2026-02-01", "2026-03-01"], f"month {months}")
        expect("month_label" in ds.coords, "month_label is not a coordinate (CF 'coordinates')")
        expect(list(ds["region"].values) == ["Gent", "Liège"], f"region {ds['region'].values}")
        for name in ("stage", "from_stage", "to_stage"):
            expect(list(ds[name].values) == stages, f"{name} {ds[name].values}")
        labels = list(ds["month_label"].values)
        expect(labels == ["2026-01", "2026-02", "2026-03"], f"month_label {labels}")

        r = np.arange(2).reshape(2, 1, 1, 1)
        m = np.arange(3).reshape(1, 3, 1, 1)
        g = np.arange(2).reshape(1, 1, 2, 1)
        s = np.arange(3).reshape(1, 1, 1, 3)
        expected_values = {
            "stage_count": 1000 * r + 100 * m + 10 * g + s,
            "initial_stage_count": (500 + 1000 * r + 10 * g + s)[:, 0],
            "transition_count": (10000 * r + 1000 * m + 100 * g + 10 * s)[..., None]
            + np.arange(3).reshape(1, 1, 1, 1, 3),
            "arrival_count": 100000 + 1000 * r + 100 * m + 10 * g + s,
            "caseload_per_fte": (1000 * r + 100 * m + 10 * g)[..., 0] + 0.25,
            "leefloon_spending": 0.5 - 1.5 * (1000 * r + 100 * m + 10 * g)[..., 0],
        }
        for name, expected in expected_values.items():
            values = ds[name].values
            expect(values.shape == expected.shape,
                   f"{name} shape {values.shape}, expected {expected.shape}")
            expect(values.shape == expected.shape and np.array_equal(values, expected),
                   f"{name} values differ")
        for name in ("stage_count", "initial_stage_count", "transition_count", "arrival_count"):
            expect(ds[name].dtype == np.int64, f"{name} dtype {ds[name].dtype}")
            expect(bool(ds[name].attrs.get("long_name")), f"{name} has no long_name")
            expect(ds[name].attrs.get("units") == "1", f"{name} units {ds[name].attrs.get('units')!r}")
        for name in ("replicate", "month", "region", "stage", "from_stage", "to_stage",
                     "month_label"):
            expect(bool(ds[name].attrs.get("long_name")), f"coordinate {name} has no long_name")

        employed_liege = ds["stage_count"].sel(region="Liège", stage="employed").values
        expect(np.array_equal(employed_liege, 1000 * r[:, :, 0, 0] + 100 * m[:, :, 0, 0] + 12),
               "selecting stage_count by region and stage name gives wrong values")

        metric = ds["caseload_per_fte"]
        expect(metric.attrs.get("units") == "1", f"caseload_per_fte units {metric.attrs.get('units')!r}")
        expect(metric.attrs.get("long_name") == "open cases per caseworker FTE",
               f"caseload_per_fte long_name {metric.attrs.get('long_name')!r}")
        expect(ds["leefloon_spending"].attrs.get("units") == "EUR month-1",
               f"leefloon_spending units {ds['leefloon_spending'].attrs.get('units')!r}")

        attrs = ds.attrs
        expect(int(attrs.get("drempel_format_version", -1)) == 3, "drempel_format_version")
        expect(int(attrs.get("seed", -1)) == 18446744073709551557, f"seed {attrs.get('seed')!r}")
        expect(attrs.get("seed_text") == "18446744073709551557",
               f"seed_text {attrs.get('seed_text')!r}")
        expect(int(attrs.get("replicates", -1)) == 2, f"replicates {attrs.get('replicates')!r}")
        expect(attrs.get("start_month") == "2026-01", f"start_month {attrs.get('start_month')!r}")
        expect(attrs.get("engine_version") == "0.1.0-test",
               f"engine_version {attrs.get('engine_version')!r}")
        expect(attrs.get("created_utc") == "2026-01-02T03:04:05Z",
               f"created_utc {attrs.get('created_utc')!r}")
        expect("naïve" in str(attrs.get("scenario_json")), "scenario_json lost its text")


def main():
    if len(sys.argv) != 2:
        print("usage: check_results_xarray.py FILE", file=sys.stderr)
        return 2
    try:
        check(sys.argv[1])
    except Exception as error:  # an import or read failure is a failed check too
        FAILURES.append(f"{type(error).__name__}: {error}")
    for failure in FAILURES:
        print(f"check_results_xarray: {failure}", file=sys.stderr)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
