"""Reads a dataset file through xarray (engine="h5netcdf") and checks names, values and attributes.

Run by tests/engine/test_dataset_hdf5.cpp as `/usr/bin/python3 check_dataset_xarray.py FILE`.
FILE holds that test's sample_dataset(); the expected values below follow the same formulas, with
r, m, g, d the 0-based replicate, month, region and destination indices. Exits 0 when every check
holds and 1 with the reasons otherwise, also when xarray or h5netcdf cannot be imported: the
project's install script provides both for /usr/bin/python3, so their absence is a failure.
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
        expected_sizes = {"replicate": 2, "month": 3, "region": 4, "destination": 5}
        expect(sizes == expected_sizes, f"dimension sizes {sizes}, expected {expected_sizes}")
        coords = sorted(str(c) for c in ds.coords)
        expect(coords == sorted(expected_sizes), f"coordinates {coords}")

        dims = {
            "moves": ("replicate", "month", "region", "destination"),
            "share": ("month", "region"),
            "cost": ("replicate", "destination"),
            "arrivals": ("replicate", "month", "region"),
            "baseline": ("region",),
            "month_label": ("month",),
        }
        for name, expected in dims.items():
            expect(name in ds.variables, f"variable {name} missing")
            if name in ds.variables:
                expect(ds[name].dims == expected, f"{name} dims {ds[name].dims}, expected {expected}")
        data_vars = [str(v) for v in ds.data_vars]
        expect(data_vars == ["month_label", "moves", "share", "cost", "arrivals", "baseline"],
               f"data variables in order {data_vars}")
        if FAILURES:
            return

        regions = ["Gent", "Liège", "Aalst", "Brugge"]
        destinations = ["Brussel", "Antwerpen", "Oostende", "Mechelen", "Ieper"]
        expect(list(ds["replicate"].values) == [0, 1], f"replicate {ds['replicate'].values}")
        expect(ds["replicate"].dtype == np.int32, f"replicate dtype {ds['replicate'].dtype}")
        expect(list(ds["month"].values) == [1, 2, 3], f"month {ds['month'].values}")
        expect(list(ds["region"].values) == regions, f"region {ds['region'].values}")
        expect(list(ds["destination"].values) == destinations,
               f"destination {ds['destination'].values}")
        labels = list(ds["month_label"].values)
        expect(labels == ["2026-01", "2026-02", "2026-03"], f"month_label {labels}")

        r = np.arange(2).reshape(2, 1, 1, 1)
        m = np.arange(3).reshape(1, 3, 1, 1)
        g = np.arange(4).reshape(1, 1, 4, 1)
        d = np.arange(5).reshape(1, 1, 1, 5)
        expected_values = {
            "moves": (5_000_000_000 + 1000 * r + 100 * m + 10 * g + d, np.int64),
            "share": ((10 * m + g + 0.25)[0, :, :, 0], np.float64),
            "cost": ((100.5 * r - 0.75 * d)[:, 0, 0, :], np.float64),
            "arrivals": ((1000 * r + 100 * m + 10 * g + 0.5)[..., 0], np.float64),
            "baseline": ((-7 - 3 * g)[0, 0, :, 0], np.int64),
        }
        for name, (expected, dtype) in expected_values.items():
            values = ds[name].values
            expect(ds[name].dtype == dtype, f"{name} dtype {ds[name].dtype}, expected {dtype}")
            expect(values.shape == expected.shape,
                   f"{name} shape {values.shape}, expected {expected.shape}")
            expect(values.shape == expected.shape and np.array_equal(values, expected),
                   f"{name} values differ")

        picked = ds["moves"].sel(region="Liège", destination="Ieper", month=2, replicate=1).item()
        expect(picked == 5_000_000_000 + 1000 + 100 + 10 + 4,
               f"selecting moves by coordinate values gives {picked}")

        units = {name: ds[name].attrs.get("units") for name in expected_values}
        expect(units == {"moves": None, "share": "1", "cost": "EUR month-1", "arrivals": "month-1",
                         "baseline": "1"}, f"units {units}")
        expect(ds["moves"].attrs.get("long_name") == "people moving from region to destination",
               f"moves long_name {ds['moves'].attrs.get('long_name')!r}")
        expect(ds["month_label"].attrs.get("long_name") == "calendar month, YYYY-MM",
               "month_label long_name")
        expect(ds["replicate"].attrs.get("long_name") == "replicate run, 0-based",
               "replicate long_name")
        expect("long_name" not in ds["region"].attrs, "region has a long_name")

        attrs = ds.attrs
        expect(int(attrs.get("seed", -1)) == 18446744073709551557, f"seed {attrs.get('seed')!r}")
        expect(int(attrs.get("replicates", -1)) == 2, f"replicates {attrs.get('replicates')!r}")
        expect(attrs.get("title") == "naïve test — inflow", f"title {attrs.get('title')!r}")
        expect(attrs.get("created_utc") == "2026-01-02T03:04:05Z",
               f"created_utc {attrs.get('created_utc')!r}")
        expect(attrs.get("empty_note") == "", f"empty_note {attrs.get('empty_note')!r}")
        expect(attrs.get("scenario_json") == '{"months": 3, "name": "x"}',
               f"scenario_json {attrs.get('scenario_json')!r}")


def main():
    if len(sys.argv) != 2:
        print("usage: check_dataset_xarray.py FILE", file=sys.stderr)
        return 2
    try:
        check(sys.argv[1])
    except Exception as error:  # an import or read failure is a failed check too
        FAILURES.append(f"{type(error).__name__}: {error}")
    for failure in FAILURES:
        print(f"check_dataset_xarray: {failure}", file=sys.stderr)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
