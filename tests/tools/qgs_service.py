#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Service-mode tests of tdx-qgs-emu, without the kernel's device.

The emulated platform's device hands out one whole framed message per
read() and takes one per write(). A SOCK_SEQPACKET socket pair keeps message
boundaries the same way, so the service is run on one end (--device-fd) and
this script plays the kernel on the other.

Usage: qgs_service.py BINDIR KEYSDIR ROOT.pem TMPDIR
Prints one "PASS name" or "FAIL name: reason" line per case.
"""
import os
import signal
import socket
import struct
import subprocess
import sys
import time

QGS_REQ, QGS_RESP = 0, 1
QGS_ERROR_UNEXPECTED = 0x12001
HDR = struct.Struct("<HHIII")          # major, minor, type, size, error_code
REQ_SIZES = struct.Struct("<II")       # report_size, id_list_size
RESP_SIZES = struct.Struct("<II")      # selected_id_size, quote_size
REPORTDATA_OFF = 128                   # in a TDREPORT
CPUSVN_OFF = 16                        # in a TDREPORT
QUOTE_REPORTDATA_OFF = 48 + 520        # in a Quote
# In a Quote: header and body (632), signature data length (4), signature
# (64), attestation key (64), certification data type (2) and size (4).
QE_REPORT_OFF = 632 + 4 + 64 + 64 + 6
QE_REPORT_SIG_OFF = QE_REPORT_OFF + 384


def tdreport(reportdata, cpusvn=bytes(16)):
    report = bytearray(1024)
    report[0] = 0x81
    report[CPUSVN_OFF:CPUSVN_OFF + 16] = cpusvn
    report[512] = 1                    # TD attributes: DEBUG
    report[REPORTDATA_OFF:REPORTDATA_OFF + 64] = reportdata
    return bytes(report)


def request(report, report_size=None, msg_type=QGS_REQ):
    if report_size is None:
        report_size = len(report)
    body_len = HDR.size + REQ_SIZES.size + len(report)
    body = HDR.pack(1, 1, msg_type, body_len, 0)
    body += REQ_SIZES.pack(report_size, 0) + report
    return struct.pack(">I", len(body)) + body


def parse_response(msg):
    """Return (error_code, quote) after checking the framing."""
    if len(msg) < 4 + HDR.size + RESP_SIZES.size:
        raise ValueError("response of %d bytes is too short" % len(msg))
    (length,) = struct.unpack(">I", msg[:4])
    if length != len(msg) - 4:
        raise ValueError("length prefix %d, %d bytes follow"
                         % (length, len(msg) - 4))
    major, minor, mtype, size, error = HDR.unpack_from(msg, 4)
    if (major, minor, mtype, size) != (1, 1, QGS_RESP, length):
        raise ValueError("bad header %r" % ((major, minor, mtype, size),))
    sel, qsize = RESP_SIZES.unpack_from(msg, 4 + HDR.size)
    quote = msg[4 + HDR.size + RESP_SIZES.size:]
    if sel != 0 or qsize != len(quote):
        raise ValueError("selected_id_size %d, quote_size %d, %d bytes"
                         % (sel, qsize, len(quote)))
    return error, quote


class Service:
    def __init__(self, bindir, keys, tmp):
        self.ours, theirs = socket.socketpair(socket.AF_UNIX,
                                              socket.SOCK_SEQPACKET)
        self.ours.settimeout(20)
        self.ready = os.path.join(tmp, "qgs.ready")
        self.errlog = open(os.path.join(tmp, "qgs.err"), "w+")
        self.proc = subprocess.Popen(
            [os.path.join(bindir, "tdx-qgs-emu"), "--foreground",
             "--verbose", "--keys", keys, "--ready-file", self.ready,
             "--device-fd", str(theirs.fileno())],
            pass_fds=[theirs.fileno()], stderr=self.errlog)
        theirs.close()

    def wait_ready(self, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            if os.path.exists(self.ready):
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.02)
        return False

    def ask(self, msg):
        self.ours.send(msg)
        return self.ours.recv(65536)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None
        finally:
            self.ours.close()


results = []


def case(name, fn):
    try:
        reason = fn()
    except Exception as e:              # a crash of the check is a failure
        reason = "%s: %s" % (type(e).__name__, e)
    if reason:
        results.append(False)
        print("FAIL %s: %s" % (name, reason))
    else:
        results.append(True)
        print("PASS %s" % name)
    sys.stdout.flush()


def main():
    bindir, keys, root, tmp = sys.argv[1:5]
    svc = Service(bindir, keys, tmp)

    def ready_file():
        if not svc.wait_ready():
            return "no ready file (service exit %s)" % svc.proc.poll()
        pid = open(svc.ready).read().strip()
        if pid != str(svc.proc.pid):
            return "ready file holds %r, pid is %d" % (pid, svc.proc.pid)
        return None

    def verified_quote(cpusvn=bytes(16)):
        """Return (quote, None) for a verified quote, else (None, why)."""
        rd = os.urandom(64)
        error, quote = parse_response(svc.ask(request(tdreport(rd, cpusvn))))
        if error != 0:
            return None, "error_code 0x%x" % error
        if quote[QUOTE_REPORTDATA_OFF:QUOTE_REPORTDATA_OFF + 64] != rd:
            return None, "reportdata not carried into the quote"
        path = os.path.join(tmp, "service-quote.bin")
        open(path, "wb").write(quote)
        r = subprocess.run([os.path.join(bindir, "tdx-quote"), "verify",
                            "--root", root, path], capture_output=True)
        if r.returncode != 0:
            return None, "tdx-quote verify exit %d" % r.returncode
        return quote, None

    def good_quote():
        return verified_quote()[1]

    def qe_report_kept():
        """One QE report per platform CPUSVN, as a real QE keeps it."""
        def qe(quote):
            return (quote[QE_REPORT_OFF:QE_REPORT_OFF + 16],
                    quote[QE_REPORT_SIG_OFF:QE_REPORT_SIG_OFF + 64])

        svn_a, svn_b = bytes(range(16)), bytes(range(1, 17))
        quotes = []
        for svn in (svn_a, svn_a, svn_b, svn_b):
            quote, why = verified_quote(svn)
            if why:
                return why
            if qe(quote)[0] != svn:
                return "QE report CPUSVN is not the TDREPORT's"
            quotes.append(quote)
        if qe(quotes[0]) != qe(quotes[1]) or qe(quotes[2]) != qe(quotes[3]):
            return "QE report signed again for the same CPUSVN"
        if qe(quotes[1])[1] == qe(quotes[2])[1]:
            return "QE report reused across a CPUSVN change"
        return None

    def expect_error(msg):
        error, quote = parse_response(svc.ask(msg))
        if error != QGS_ERROR_UNEXPECTED or quote:
            return "error_code 0x%x, %d quote bytes" % (error, len(quote))
        return None

    def bad_type():
        report = bytearray(tdreport(bytes(64)))
        report[0] = 0
        return expect_error(request(bytes(report)))

    def order():
        rds = [os.urandom(64) for _ in range(3)]
        for rd in rds:
            svc.ours.send(request(tdreport(rd)))
        for i, rd in enumerate(rds):
            error, quote = parse_response(svc.ours.recv(65536))
            got = quote[QUOTE_REPORTDATA_OFF:QUOTE_REPORTDATA_OFF + 64]
            if error or got != rd:
                return "response %d does not answer request %d" % (i, i)
        return None

    def sigterm():
        status = svc.stop()
        if status != 0:
            return "exit status %s after SIGTERM" % status
        if os.path.exists(svc.ready):
            return "ready file left behind"
        return None

    case("service-ready-file", ready_file)
    case("service-quote", good_quote)
    case("service-qe-report-kept", qe_report_kept)
    case("service-bad-report-type", bad_type)
    case("service-bad-report-size",
         lambda: expect_error(request(tdreport(bytes(64))[:1000])))
    case("service-report-size-mismatch",
         lambda: expect_error(request(tdreport(bytes(64)), 512)))
    case("service-not-a-request",
         lambda: expect_error(request(tdreport(bytes(64)),
                                      msg_type=QGS_RESP)))
    case("service-garbage", lambda: expect_error(b"\x00\x00\x00\x02ab"))
    case("service-order", order)
    case("service-sigterm", sigterm)

    def missing_device():
        ready = os.path.join(tmp, "missing.ready")
        r = subprocess.run([os.path.join(bindir, "tdx-qgs-emu"),
                            "--foreground", "--keys", keys,
                            "--device", os.path.join(tmp, "no-such-dev"),
                            "--ready-file", ready],
                           capture_output=True, timeout=20)
        if r.returncode != 1:
            return "exit %d, expected 1" % r.returncode
        if os.path.exists(ready):
            return "ready file created without a device"
        return None

    case("service-missing-device", missing_device)

    def daemon():
        ours, theirs = socket.socketpair(socket.AF_UNIX,
                                         socket.SOCK_SEQPACKET)
        ours.settimeout(20)
        ready = os.path.join(tmp, "daemon.ready")
        r = subprocess.run([os.path.join(bindir, "tdx-qgs-emu"),
                            "--keys", keys, "--ready-file", ready,
                            "--device-fd", str(theirs.fileno())],
                           pass_fds=[theirs.fileno()], timeout=20)
        theirs.close()
        if r.returncode != 0:
            return "launcher exit %d" % r.returncode
        end = time.time() + 10
        while not os.path.exists(ready) and time.time() < end:
            time.sleep(0.02)
        try:
            pid = int(open(ready).read())
        except (OSError, ValueError):
            return "no ready file with a pid"
        try:
            rd = os.urandom(64)
            ours.send(request(tdreport(rd)))
            error, quote = parse_response(ours.recv(65536))
            if error or quote[QUOTE_REPORTDATA_OFF:][:64] != rd:
                return "background service gave no quote"
        finally:
            os.kill(pid, signal.SIGTERM)
            end = time.time() + 10
            while os.path.exists(ready) and time.time() < end:
                time.sleep(0.02)
            ours.close()
        if os.path.exists(ready):
            return "background service did not stop on SIGTERM"
        return None

    case("service-daemon", daemon)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
