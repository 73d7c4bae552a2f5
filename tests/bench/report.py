#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the JSON lines of one tests/bench VM run into tables and a JSON file.

    report.py GUEST_OUTPUT RESULTS_JSON KEY=VALUE...

GUEST_OUTPUT is what the guest script printed (JSON lines among progress
lines); the KEY=VALUE pairs are facts about the host and the run that the
guest cannot know. Prints the tables on stdout and writes RESULTS_JSON.
Standard library only.
"""

import json
import sys

# Documentation/tdx-guest/design.rst, "Performance targets", with
# completion by the host's interrupt.
OVERHEAD_SERVICE_MS = (0, 1, 10, 100, 1000)
OVERHEAD_MS_MAX = 0.3
WAIT_CPU_FROM_MS = 10
WAIT_CPU_PCT_MAX = 0.5
WAKEUP_SPREAD_MAX = 1.5     # sleeps per Quote, slowest vs fastest service
TPUT_SERVICE_MS = 5
SERVICE_RATIO_MIN = 0.95


def fmt(v, digits=2):
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def table(headers, rows):
    cells = [[fmt(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h)
              for i, h in enumerate(headers)]
    out = [" | ".join(h.rjust(w) for h, w in zip(headers, widths)),
           "-+-".join("-" * w for w in widths)]
    out += [" | ".join(c.rjust(w) for c, w in zip(r, widths)) for r in cells]
    return "\n".join(out)


def attach_context(recs):
    """File each result under the completion mode and service time that a
    preceding {"kind": "context"} line set (older runs: "poll")."""
    ctx = {"mode": "poll", "service_ms": 0}
    for r in recs:
        if r["kind"] == "context":
            ctx = {"mode": r.get("mode", ctx["mode"]),
                   "service_ms": r.get("service_ms", 0)}
        elif r["kind"] in ("latency", "throughput"):
            r.setdefault("mode", ctx["mode"])
            if r["kind"] == "throughput":
                r.setdefault("service_ms", ctx["service_ms"])
    return recs


def read_json_lines(path):
    recs = []
    with open(path, errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                recs.append(json.loads(line))
            except ValueError:
                print(f"report: bad JSON line: {line[:80]}", file=sys.stderr)
    return recs


def marginal_wakeup_cost(by_service):
    """CPU per extra sleep between the two longest waits (ms per sleep)."""
    keys = sorted(by_service)
    if len(keys) < 2:
        return None
    a, b = by_service[keys[-2]], by_service[keys[-1]]
    if b["sleeps"] <= a["sleeps"]:
        return None
    return (b["cpu_mean_ms"] - a["cpu_mean_ms"]) / (b["sleeps"] - a["sleeps"])


def verdict(ok):
    return "PASS" if ok else "FAIL"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    guest_output, results_path = sys.argv[1], sys.argv[2]
    meta = dict(a.split("=", 1) for a in sys.argv[3:])

    recs = attach_context(read_json_lines(guest_output))
    host_cost = []
    if meta.get("host_sleepcost"):
        try:
            host_cost = read_json_lines(meta["host_sleepcost"])
        except OSError:
            pass

    info = next((r for r in recs if r["kind"] == "info"), {})
    # Runs with extenders ("extenders" present, 0 included) have a table
    # of their own; the others are the latency and traced tables'.
    lat = [r for r in recs if r["kind"] == "latency" and not r["traced"]
           and "extenders" not in r]
    tr = [r for r in recs if r["kind"] == "latency" and r["traced"]
          and "extenders" not in r]
    lat_ext = [r for r in recs if r["kind"] == "latency"
               and "extenders" in r]
    ext = [r for r in recs if r["kind"] == "extend"]
    tput = [r for r in recs if r["kind"] == "throughput"]
    floor = {r["dirs"]: r for r in tput if r["provider"] == "null"}
    real = [r for r in tput if r["provider"] != "null"]
    guest_cost = [r for r in recs if r["kind"] == "sleepcost"]
    modes = list(dict.fromkeys(r["mode"] for r in lat + tr))
    by_mode = {m: {r["service_ms"]: r for r in lat if r["mode"] == m}
               for m in modes}
    tr_by_mode = {m: {r["service_ms"]: r for r in tr if r["mode"] == m}
                  for m in modes}
    poll_lat = by_mode.get("poll", {})
    marginal = marginal_wakeup_cost(poll_lat)

    out = []
    out.append(f"tdx-guest benchmark, {meta.get('date', '?')}")
    out.append(f"host:   {meta.get('host_cpus', '?')} CPUs, "
               f"{meta.get('host_cpu', '?')}; load average "
               f"{meta.get('load_before', '?')} before, "
               f"{meta.get('load_after', '?')} after")
    out.append(f"guest:  QEMU TCG ({meta.get('qemu', '?')}, -cpu max), "
               f"{info.get('ncpu', '?')} vCPUs, kernel "
               f"{info.get('kernel', '?')}; the quote service "
               f"(tdx-qgs-emu) runs inside the guest")
    out.append(f"driver: {meta.get('git', '?')}, tdx_guest.ko sha256 "
               f"{meta.get('ko_sha256', '?')[:16]}")
    out.append("")

    if lat:
        out.append("Quote latency through configfs (tdx_guest; overhead = "
                   "median - service; CPU = the reader thread's)")
        rows = [[r["mode"], r["service_ms"], r["samples"], r["median_ms"],
                 r["p95_ms"], r["overhead_ms"], r["overhead_pct"],
                 r["cpu_mean_ms"], r["cpu_pct"], r["sleeps"],
                 r["sys_busy_pct"], r.get("first_ms")] for r in lat]
        out.append(table(["completion", "service ms", "n", "median ms",
                          "p95 ms",
                          "overhead ms", "overhead %", "CPU/req ms",
                          "CPU % wall", "sleeps/req", "guest busy %",
                          "1st req ms"], rows))
        out.append("(guest busy % = both vCPUs, /proc/stat, quote "
                   "service included; 1st req = the unmeasured")
        out.append("warm-up request right after the service time changed)")
        if lat[0].get("warmup_first_ms") is not None:
            out.append(f"First request of the run (service 0 ms, before "
                       f"the 10 warm-ups): "
                       f"{lat[0]['warmup_first_ms']:.2f} ms"
                       + (f"; of the traced pass: "
                          f"{tr[0]['warmup_first_ms']:.2f} ms"
                          if tr and tr[0].get("warmup_first_ms") is not None
                          else ""))
        if marginal is not None:
            out.append(f"Marginal CPU per extra sleep between the two "
                       f"longest waits (poll): {marginal * 1000:.1f} us")
        out.append("")

    if guest_cost:
        host_by = {r["interval_us"]: r for r in host_cost}
        rows = []
        for r in guest_cost:
            h = host_by.get(r["interval_us"], {})
            rows.append([r["interval_us"], r["cpu_us_per_wakeup"],
                         r["late_us_per_wakeup"],
                         h.get("cpu_us_per_wakeup"),
                         h.get("late_us_per_wakeup")])
        out.append("Unit price of polling: CPU per hrtimer sleep/wake cycle "
                   "(clock_nanosleep loop)")
        out.append(table(["interval us", "guest (TCG) CPU us",
                          "guest late us", "host CPU us", "host late us"],
                         rows))
        out.append("")

    if tr:
        out.append("Where the time goes (traced pass, kprobes; medians). "
                   "host = hypercall to the emulated")
        out.append("host's write of the result; emu lag = that write "
                   "after both the service's answer and")
        out.append("the delay; seen lag = result written to the driver "
                   "seeing it; driver = provider time")
        out.append("minus host; overhead = client latency minus host.")
        rows = [[r["mode"], r["service_ms"], r.get("tr_requests"),
                 r.get("tr_qgs_ms"),
                 r.get("tr_host_ms"), r.get("tr_emu_lag_ms"),
                 r.get("tr_poll_lag_ms"), r.get("tr_poll_lag_p95_ms"),
                 r.get("tr_driver_ms"), r.get("tr_configfs_ms"),
                 r.get("tr_overhead_ms"), r.get("tr_overhead_pct")]
                for r in tr]
        out.append(table(["completion", "service ms", "n", "QGS ms",
                          "host ms", "emu lag ms", "seen lag ms",
                          "seen p95 ms",
                          "driver ms", "configfs ms", "overhead ms",
                          "overhead %"], rows))
        out.append("")
        rows = [[r["mode"], r["service_ms"], r.get("tr_requests"),
                 r.get("tr_xport_cpu_ms"), r.get("tr_xport_sleeps"),
                 r.get("tr_xport_cpu_pct")]
                for r in tr if r.get("tr_xport_cpu_pct") is not None]
        if rows:
            out.append("What the waiting costs (traced pass; the reader's "
                       "time on a CPU and its switches off it")
            out.append("between tdx_quote_get()'s entry and return, from "
                       "sched_switch; medians, % = sum CPU / sum time)")
            out.append(table(["completion", "service ms", "n",
                              "wait CPU ms",
                              "wait sleeps", "wait CPU %"], rows))
            out.append("")

    # configfs-tsm makes one report at a time, so the service's own time
    # per report (the traced host time at that service time) bounds any
    # provider's rate with this service, however many directories.
    def service_rate(mode, service_ms):
        t = tr_by_mode.get(mode, {}).get(service_ms) or \
            tr_by_mode.get("poll", {}).get(service_ms, {})
        host = t.get("tr_host_ms")
        return 1000.0 / host if host else None

    if real or floor:
        out.append("Report throughput (each dir one thread looping "
                   "write inblob / read outblob)")
        rows = []
        for r in real:
            fl = floor.get(r["dirs"])
            rate = service_rate(r["mode"], r["service_ms"])
            rows.append([r["mode"], r["service_ms"], r["dirs"],
                         r["reports_per_s"], rate,
                         r["reports_per_s"] / rate if rate else None,
                         fl["reports_per_s"] if fl else None,
                         r["lat_p50_ms"],
                         fl["lat_p50_ms"] if fl else None,
                         r["qgs_cpu_ms"], r["sys_busy_pct"]])
        out.append(table(["completion", "service ms", "dirs",
                          "tdx_guest reports/s", "service rate/s",
                          "ratio to service", "null reports/s",
                          "tdx_guest p50 ms", "null p50 ms",
                          "QGS CPU ms/report", "guest busy %"], rows))
        out.append("(service rate = 1000 / the host's traced time per "
                   "quote at that service time: what a provider")
        out.append("adding nothing could reach with this quote service, "
                   "as configfs-tsm makes one report at a time;")
        out.append("null = a provider that makes no quote at all, a "
                   "reference for configfs's own cost, not a target)")
        out.append("")

    if ext:
        out.append("RTMR extends per second (RTMR3, back to back, each "
                   "thread through its own descriptor)")
        rows = [[r["how"], r["data_bytes"] if r["how"] == "event" else "-",
                 r["record_bytes"], r["threads"], r["extends"],
                 r["seconds"], r["extends_per_s"], r.get("lat_p50_us"),
                 r.get("lat_p95_us"), r.get("lat_mean_us"),
                 r.get("lat_max_us"), r["stopped_by"],
                 r.get("proc_cpu_pct"), r.get("sys_busy_pct")]
                for r in ext]
        out.append(table(["extend", "data B", "record B", "threads",
                          "extends", "seconds", "extends/s",
                          "p50 us", "p95 us", "mean us", "max us",
                          "stopped by",
                          "bench CPU %", "guest busy %"], rows))
        out += [
            "(digest = a 48-byte write to measurements/rtmr3:sha384; "
            "event = TDX_CMD_EXTEND_EVENT with",
            "that much data, which the kernel hashes and logs whole; "
            "record B = what one extend adds to",
            "rtmr_log. Each point runs on tdx_guest freshly loaded with "
            "rtmr_log_kib=65536 (a 64 MiB log)",
            "and stops when its time is up or after as many extends as "
            "that log has room for (\"stopped",
            "by log\"). p50/p95/mean/max = one extend's time (the "
            "pwrite or ioctl), all threads together:",
            "mean and max of every extend, p50 and p95 of a uniform "
            "sample of 16384 per thread; bench CPU %",
            "= the extending process's CPU over the time, in % of one "
            "CPU)"]
        out.append("")

    if lat_ext:
        def load(r):
            if r.get("spinners"):
                return f"{r['spinners']} spinners"
            n = r["extenders"]
            return "none" if not n else \
                f"{n} extender{'s' if n > 1 else ''}"
        base = {r["service_ms"]: r for r in lat_ext
                if not r["extenders"] and not r.get("spinners")}
        rows = []
        for r in sorted(lat_ext, key=lambda r: (r["service_ms"],
                                                bool(r.get("spinners")),
                                                r["extenders"])):
            b = base.get(r["service_ms"])
            rows.append([load(r), r["service_ms"], r["samples"],
                         r["median_ms"], r["p95_ms"],
                         r["median_ms"] - b["median_ms"] if b else None,
                         r["p95_ms"] - b["p95_ms"] if b else None,
                         r.get("tr_report_ms"), r.get("tr_report_p95_ms"),
                         r.get("tr_host_ms"),
                         r["cpu_mean_ms"], r.get("ext_extends"),
                         r.get("ext_seconds"), r.get("ext_per_s"),
                         r["sys_busy_pct"]])
        nbytes = max(r.get("extend_bytes") or 0 for r in lat_ext)
        out.append("Quote latency while extenders run (interrupt; an "
                   "extender is a thread extending RTMR3 with")
        out.append(f"{nbytes}-byte events through TDX_CMD_EXTEND_EVENT, "
                   "back to back from the first settling request to the "
                   "last measured one)")
        out.append(table(["load", "service ms", "n", "median ms",
                          "p95 ms", "median +ms", "p95 +ms",
                          "report ms", "report p95", "host ms",
                          "CPU/req ms", "extends", "over s", "extends/s",
                          "guest busy %"], rows))
        out += [
            "(+ms = against no load at the same service time, this run; "
            "report = the provider's start",
            "to its GetQuote hypercall: the TDREPORT and the wait for the "
            "lock every extend holds; host =",
            "the hypercall to the emulated host's answer (both traced with "
            "kprobes; medians, or p95);",
            "CPU/req = the reader thread's; spinners = threads that only "
            "spin in user space: the CPU",
            "extenders take, without the lock; extends = those made during "
            "the measured requests. Each",
            "row runs on tdx_guest freshly loaded with rtmr_log_kib=65536 "
            "(64 MiB); extenders stop early",
            "only if that log fills up, which a NOTE below would say)"]
        short = [r for r in lat_ext if r.get("ext_throughout") is False]
        for r in short:
            out.append(f"NOTE: with {load(r)} at {r['service_ms']} ms the "
                       f"log filled up before the last request: not "
                       f"extended all along")
        out.append("")

    checks = []
    irq = by_mode.get("interrupt", {})
    irq_tr = tr_by_mode.get("interrupt", {})
    for ms in OVERHEAD_SERVICE_MS:
        t = irq_tr.get(ms)
        if t and t.get("tr_overhead_ms") is not None:
            checks.append(f"{verdict(t['tr_overhead_ms'] < OVERHEAD_MS_MAX)}"
                          f"  median overhead above the host's time at "
                          f"{ms} ms (interrupt): "
                          f"{t['tr_overhead_ms']:.2f} ms")
    sleeps = [r["sleeps"] for r in irq.values()]
    if len(sleeps) > 1:
        spread = max(sleeps) - min(sleeps)
        checks.append(f"{verdict(spread <= WAKEUP_SPREAD_MAX)}  wake-ups "
                      f"per Quote do not grow with the service time "
                      f"(interrupt): {min(sleeps):.1f} to "
                      f"{max(sleeps):.1f}")
    for ms, t in sorted(irq_tr.items()):
        if ms >= WAIT_CPU_FROM_MS and t.get("tr_xport_cpu_pct") is not None:
            ok = t["tr_xport_cpu_pct"] < WAIT_CPU_PCT_MAX
            checks.append(f"{verdict(ok)}  waiting CPU at {ms} ms "
                          f"(interrupt): {t['tr_xport_cpu_pct']:.2f}% of "
                          f"a CPU")
    for r in real:
        if (r["mode"] == "interrupt" and r["dirs"] == 1 and
                r["service_ms"] == TPUT_SERVICE_MS):
            rate = service_rate(r["mode"], r["service_ms"])
            if rate:
                ratio = r["reports_per_s"] / rate
                checks.append(f"{verdict(ratio >= SERVICE_RATIO_MIN)}  "
                              f"throughput at {TPUT_SERVICE_MS} ms, 1 dir "
                              f"(interrupt): {ratio:.3f} of the service's "
                              f"own rate")
    if checks:
        out.append("Targets (design.rst, Performance targets), as measured here:")
        out += checks

    text = "\n".join(out)
    print(text)

    result = {
        "meta": meta,
        "guest": info,
        "latency": lat,
        "latency_traced": tr,
        "throughput": tput,
        "extend": ext,
        "latency_extenders": lat_ext,
        "sleepcost_guest": guest_cost,
        "sleepcost_host": host_cost,
        "marginal_sleep_cpu_us": marginal * 1000 if marginal else None,
        "checks": checks,
        "tables": text,
    }
    with open(results_path, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
